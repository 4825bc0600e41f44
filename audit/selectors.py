"""Who reads the security audit log, and which entries: the audit administrator (三权分立),
of the region and the regions below it (audit/scope.py)."""

from django.db.models import QuerySet

from accounts.choices import Role

from .models import Entry
from .scope import entries_in_scope


def can_read(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.role == Role.AUDITOR)


def entries_for(user) -> QuerySet[Entry]:
    if not can_read(user):
        return Entry.objects.none()
    return entries_in_scope(user)
