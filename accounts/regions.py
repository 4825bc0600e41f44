"""The region tree (province › city › district): the regions below a user's, and a region with
those above it. Here, at the bottom, because every app scopes by region."""

from django.db.models import Q

from .models import Region, User


def region_q(user: User, field: str) -> Q:
    """Objects in the user's region or in a region below it (a city sees its districts).

    ``field`` is the object's foreign key to its region; "" when the objects are regions.
    """
    if user.region_id is None:
        return Q(pk__in=[])
    itself, parent = (field, f"{field}__parent") if field else ("pk", "parent")
    return (
        Q(**{itself: user.region_id})
        | Q(**{parent: user.region_id})
        | Q(**{f"{parent}__parent": user.region_id})
    )


def region_chain(region: Region) -> list[int]:
    """The region and the regions above it, nearest first (a city's route serves its districts)."""
    ids: list[int] = []
    current: Region | None = region
    while current is not None and len(ids) < 3:
        ids.append(current.pk)
        current = current.parent
    return ids
