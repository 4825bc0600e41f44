"""Who reads the security audit log, and which entries: the audit administrator (三权分立),
of the region and the regions below it, and the entries no region owns (an unknown account's
failed sign-in)."""

from django.db.models import Q, QuerySet

from accounts.choices import Role
from accounts.models import Region

from .models import Entry


def can_read(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.role == Role.AUDITOR)


def entries_for(user) -> QuerySet[Entry]:
    if not can_read(user) or user.region_id is None:
        return Entry.objects.none()
    regions = list(
        Region.objects.filter(
            Q(pk=user.region_id) | Q(parent=user.region_id) | Q(parent__parent=user.region_id)
        ).values_list("pk", flat=True)
    )
    return Entry.objects.filter(Q(region_id__in=regions) | Q(region_id__isnull=True))
