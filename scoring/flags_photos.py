"""The photo checks of the "瞒" detector: a photo taken long before its week, far from its
project, or a near-duplicate of an earlier photo (a recycled one). Pure functions over the
stored EXIF facts; the thresholds are settings. No EXIF is no flag: it is shown "unverified"."""

import dataclasses
import datetime as dt

from projects.evidence import days_before, distance_from_site
from projects.weeks import week_label

from .flags import Flag


@dataclasses.dataclass(frozen=True)
class PhotoFacts:
    taken_at: dt.datetime | None
    lat: float | None
    lon: float | None
    duplicate_project: str | None = None  # the earlier photo's project and week, when a duplicate
    duplicate_week: dt.date | None = None
    duplicate_bits: int | None = None


@dataclasses.dataclass(frozen=True)
class PhotoLimits:
    stale_days: int = 7
    far_km: float = 2


def photo_old(photos, week: dt.date, limits: PhotoLimits) -> Flag | None:
    old = [days_before(p.taken_at, week) for p in photos if p.taken_at is not None]
    old = [days for days in old if days > limits.stale_days]
    if not old:
        return None
    return Flag(
        "photo_old",
        f"{len(old)} 张照片的拍摄时间早于本周（{week_label(week)}）{limits.stale_days} 天以上，"
        f"最早的早 {max(old)} 天",
    )


def photo_far(photos, site: tuple | None, limits: PhotoLimits) -> Flag | None:
    if site is None:
        return None
    distances = [distance_from_site(p.lat, p.lon, *site) for p in photos]
    far = [km for km in distances if km is not None and km > limits.far_km]
    if not far:
        return None
    return Flag(
        "photo_far",
        f"{len(far)} 张照片的拍摄地距项目位置超过 {limits.far_km:g} 公里，最远 {max(far):.1f} 公里",
    )


def photo_duplicate(photos) -> Flag | None:
    recycled = [p for p in photos if p.duplicate_project]
    if not recycled:
        return None
    first = recycled[0]
    more = f"等 {len(recycled)} 张" if len(recycled) > 1 else ""
    return Flag(
        "photo_duplicate",
        f"照片{more}与「{first.duplicate_project}」{week_label(first.duplicate_week)} 的照片"
        f"近似重复（感知哈希相差 {first.duplicate_bits} 位）",
    )


def flag_photos(photos, week: dt.date, site: tuple | None, limits: PhotoLimits) -> list[Flag]:
    """Every photo flag on the week's report from the facts of its photos."""
    found = [
        photo_old(photos, week, limits),
        photo_far(photos, site, limits),
        photo_duplicate(photos),
    ]
    return [flag for flag in found if flag is not None]
