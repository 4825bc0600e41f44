"""Points and outlines on the Earth, in plain Python: no GIS server on a closed intranet.

Coordinates are WGS-84 degrees as a phone's GPS writes them. GeoJSON is [lon, lat].
"""

import math
from collections.abc import Sequence

EARTH_RADIUS_KM = 6371.0088


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """The great-circle distance between two points, in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def rings(geojson: dict | None) -> list[list[tuple[float, float]]]:
    """The outer rings of a GeoJSON Polygon / MultiPolygon / Feature / FeatureCollection, each
    a list of (lon, lat)."""
    if not isinstance(geojson, dict):
        return []
    kind = geojson.get("type")
    if kind == "FeatureCollection":
        return [ring for feature in geojson.get("features") or [] for ring in rings(feature)]
    if kind == "Feature":
        return rings(geojson.get("geometry"))
    coords = geojson.get("coordinates") or []
    polygons = [coords] if kind == "Polygon" else coords if kind == "MultiPolygon" else []
    found = []
    for polygon in polygons:
        if polygon and polygon[0]:
            found.append([(float(p[0]), float(p[1])) for p in polygon[0]])
    return found


def inside(lon: float, lat: float, ring: Sequence[tuple[float, float]]) -> bool:
    """Whether the point is inside the ring (ray casting; a point on the edge may go either way)."""
    result = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i]
        xj, yj = ring[j]
        if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / (yj - yi) + xi:
            result = not result
        j = i
    return result


def validate_outline(value) -> None:
    """A model field's validator: an outline must be a GeoJSON polygon on Earth."""
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    if value in (None, "", {}):
        return
    try:
        validate_geojson(value)
    except (ValueError, TypeError, IndexError) as exc:
        raise ValidationError(
            _(
                "Not a usable outline: a GeoJSON Polygon (or MultiPolygon, Feature) with "
                "[longitude, latitude] points on Earth is expected."
            ),
            code="bad_outline",
        ) from exc


def validate_geojson(value) -> list[list[tuple[float, float]]]:
    """The rings of an uploaded boundary or outline; ValueError when it has none or is absurd."""
    found = rings(value)
    if not found:
        raise ValueError("no polygon")
    for ring in found:
        if len(ring) < 4 or len(ring) > 20000:
            raise ValueError("ring size")
        for lon, lat in ring:
            if not (-180 <= lon <= 180 and -90 <= lat <= 90):
                raise ValueError("coordinates")
    return found
