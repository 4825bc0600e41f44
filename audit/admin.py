"""The security audit log in the admin: read by the audit administrator, never added to,
changed or deleted by anyone (the search and export page is the audit app's)."""

from django.contrib import admin

from .admin_mixins import AUDIT_READERS, ReadOnlyAdmin
from .models import Entry
from .scope import entries_in_scope


@admin.register(Entry)
class EntryAdmin(ReadOnlyAdmin):
    roles = AUDIT_READERS
    list_display = ["at", "username", "role", "address", "kind", "target", "result"]
    list_filter = ["kind", "result", "role"]
    search_fields = ["username", "target", "detail"]

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        # As on the audit page (audit/scope.py): the region's entries and those of no region.
        return entries_in_scope(request.user)
