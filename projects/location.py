"""A project's location (WGS-84 degrees), set by a register keeper on the district's map or
typed in. The point must be on Earth and inside the region's boundary, unless the keeper says
the site really is outside (a boundary drawn coarsely can miss a site near its edge)."""

from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from config import geo
from config.history import note_change

from .models import Project

PLACES = Decimal("0.000001")  # the model's six places: about 0.1 m


def outside_boundary(boundary: dict | None, lat: float, lon: float) -> bool:
    """Whether the point is outside every ring of the boundary; False when there is none."""
    found = geo.rings(boundary)
    return bool(found) and not any(geo.inside(lon, lat, ring) for ring in found)


@transaction.atomic
def project_location_set(
    *,
    project: Project,
    user: User,
    lat: Decimal,
    lon: Decimal,
    note: str = "",
    outside_ok: bool = False,
) -> Project:
    """Write the project's latitude and longitude; the history keeps who, when and why."""
    lat, lon = (Decimal(v).quantize(PLACES, rounding=ROUND_HALF_UP) for v in (lat, lon))
    errors = {}
    if not -90 <= lat <= 90:
        errors["lat"] = _("The latitude must be between −90 and 90 degrees.")
    if not -180 <= lon <= 180:
        errors["lon"] = _("The longitude must be between −180 and 180 degrees.")
    if errors:
        raise ValidationError(errors)
    project = (
        Project.objects.select_for_update().select_related("campaign__region").get(pk=project.pk)
    )
    region = project.campaign.region
    outside = outside_boundary(region.boundary, float(lat), float(lon))
    if outside and not outside_ok:
        raise ValidationError(
            _(
                "The point (%(lat)s, %(lon)s) is outside %(region)s's boundary. Click inside the "
                "outline, or tick “The site is outside the boundary” if it really is."
            )
            % {"lat": lat, "lon": lon, "region": region.name},
            code="outside_boundary",
        )
    project.lat, project.lon = lat, lon
    note = " ".join((note or "").split())
    reason = _("Location set to %(lat)s, %(lon)s") % {"lat": lat, "lon": lon}
    if outside:
        reason += _(" (outside the region's boundary)")
    if note:
        reason += f"：{note}"
    note_change(project, reason=reason, user=user)  # who, also when called outside a request
    project.save(update_fields=["lat", "lon"])
    return project


@transaction.atomic
def project_location_clear(*, project: Project, user: User, note: str = "") -> Project:
    """Take the project off the map (a wrong point, a site moved); the history keeps who, when,
    why and, in its previous row, where it was. A project without a location is left alone."""
    project = Project.objects.select_for_update().get(pk=project.pk)
    if project.lat is None and project.lon is None:
        return project
    was = f"{project.lat}, {project.lon}"
    project.lat = project.lon = None
    note = " ".join((note or "").split())
    reason = _("Location %(was)s cleared") % {"was": was}
    if note:
        reason += f"：{note}"
    note_change(project, reason=reason, user=user)
    project.save(update_fields=["lat", "lon"])
    return project
