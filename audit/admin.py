"""The security audit log in the admin: read by the audit administrator, never added to,
changed or deleted by anyone (the search and export page is the audit app's)."""

from django.contrib import admin

from .admin_mixins import AUDIT_READERS, ReadOnlyAdmin
from .models import Entry


@admin.register(Entry)
class EntryAdmin(ReadOnlyAdmin):
    roles = AUDIT_READERS
    list_display = ["at", "username", "role", "address", "kind", "target", "result"]
    list_filter = ["kind", "result", "role"]
    search_fields = ["username", "target", "detail"]

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        # Failed sign-ins under unknown names have no region; the region's auditor sees them.
        return queryset | Entry.objects.filter(region_id__isnull=True)
