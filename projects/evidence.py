"""What a site photo's EXIF says about it: when and where it was taken, how far from the project
and whether within the week. A photo without EXIF is "unverified", not an error: many phones and
chat apps strip it. Plain functions over stored values; the thresholds are settings."""

import dataclasses
import datetime as dt

from django.conf import settings
from django.utils import timezone

from config import geo

from . import weeks


@dataclasses.dataclass(frozen=True)
class PhotoEvidence:
    """One photo as evidence of one week's progress at one site."""

    photo: object  # the SitePhoto
    taken_at: dt.datetime | None
    distance_km: float | None
    within_week: bool | None
    stale_days: int | None  # days taken before the week's Monday, when over PHOTO_STALE_DAYS
    far: bool
    duplicate_of: object | None

    @property
    def verified(self) -> bool:
        return self.taken_at is not None or self.distance_km is not None

    @property
    def suspicious(self) -> bool:
        return bool(self.stale_days or self.far or self.duplicate_of)


def days_before(taken_at: dt.datetime, week: dt.date) -> int:
    """Whole days the photo was taken before the Monday of ``week`` (0 if not before)."""
    return max(0, (week - timezone.localtime(taken_at, weeks.SHANGHAI).date()).days)


def in_week(taken_at: dt.datetime, week: dt.date) -> bool:
    day = timezone.localtime(taken_at, weeks.SHANGHAI).date()
    return week <= day <= week + dt.timedelta(days=6)


def distance_from_site(lat, lon, site_lat, site_lon) -> float | None:
    if None in (lat, lon, site_lat, site_lon):
        return None
    return geo.haversine_km(float(lat), float(lon), float(site_lat), float(site_lon))


def photo_evidence(photo, project, week: dt.date) -> PhotoEvidence:
    taken = photo.taken_at
    distance = distance_from_site(photo.taken_lat, photo.taken_lon, project.lat, project.lon)
    stale = days_before(taken, week) if taken else 0
    return PhotoEvidence(
        photo=photo,
        taken_at=taken,
        distance_km=None if distance is None else round(distance, 2),
        within_week=in_week(taken, week) if taken else None,
        stale_days=stale if stale > settings.PHOTO_STALE_DAYS else None,
        far=distance is not None and distance > settings.PHOTO_FAR_KM,
        duplicate_of=photo.duplicate_of if photo.duplicate_of_id else None,
    )


def report_evidence(report) -> list[PhotoEvidence]:
    """The evidence of every photo of ``report``, in upload order (two queries)."""
    photos = report.photos.select_related("duplicate_of__report__project").order_by("pk")
    return [photo_evidence(photo, report.project, report.week) for photo in photos]


def flagged_photos(flag) -> list[PhotoEvidence]:
    """The photos behind a photo flag, over the weeks it ran: each with its evidence (and, for a
    duplicate, the earlier photo to show beside it)."""
    from .models import SitePhoto

    photos = (
        SitePhoto.objects.filter(
            report__project_id=flag.project_id, report__week__range=(flag.week, flag.last_week)
        )
        .select_related("report__project", "duplicate_of__report__project")
        .order_by("report__week", "pk")
    )
    found = [photo_evidence(photo, photo.report.project, photo.report.week) for photo in photos]
    wanted = {
        "photo_old": lambda e: e.stale_days,
        "photo_far": lambda e: e.far,
        "photo_duplicate": lambda e: e.duplicate_of,
    }.get(flag.key)
    return [e for e in found if wanted and wanted(e)]
