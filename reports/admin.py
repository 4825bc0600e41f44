"""Admin: the distribution lists are edited here; reports, rebuilds and reminders are read-only
records (their messages are on the outbox's operations page)."""

from django.contrib import admin

from audit.admin_mixins import ReadOnlyAdmin, ScopedAdmin

from .models import DistributionList, Rebuild, Reminder, Report


@admin.register(DistributionList)
class DistributionListAdmin(ScopedAdmin):
    list_display = ("region", "kind", "to_supervisors", "to_managers", "to_leaders", "active")
    list_filter = ("kind", "active")


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    list_display = ("period", "kind", "campaign", "revision", "status", "built_at", "built_by")
    list_filter = ("kind", "status")
    exclude = ("snapshot",)


@admin.register(Rebuild)
class RebuildAdmin(ReadOnlyAdmin):
    list_display = ("report", "requested_by", "requested_at", "state", "built")
    list_filter = ("state",)


@admin.register(Reminder)
class ReminderAdmin(ReadOnlyAdmin):
    list_display = ("unit", "week", "missing", "created_at")
