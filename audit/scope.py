"""Which audit entries an audit administrator reads, on the one region rule (accounts.regions):
the entries of the region and the regions below it (a province's reaches its districts, a
district's is its own), and the entries no region owns (a failed sign-in under a name that is no
account). An entry keeps its region as a plain id (no foreign key: an entry outlives its
region's rows), so the rule is asked of the regions, then the entries."""

from django.db.models import Q, QuerySet

from accounts.models import Region, User
from accounts.regions import region_q

from .models import Entry


def regions_seen(user: User) -> QuerySet[Region]:
    """The user's region and the regions below it; none without a region."""
    return Region.objects.filter(region_q(user, ""))


def entries_in_scope(user: User) -> QuerySet[Entry]:
    """The entries of ``user``'s regions and those of no region; everything for a superuser."""
    if user.is_superuser:
        return Entry.objects.all()
    if user.region_id is None:
        return Entry.objects.none()
    mine = regions_seen(user).values("pk")
    return Entry.objects.filter(Q(region_id__in=mine) | Q(region_id__isnull=True))
