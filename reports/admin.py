"""Admin: the distribution lists are edited here; reports, rebuilds and reminders are read-only
records (their messages are on the outbox's operations page)."""

from django.contrib import admin

from .models import (
    DistributionList,
    ObservationRound,
    ObservationScore,
    Rebuild,
    Reminder,
    Report,
)


@admin.register(DistributionList)
class DistributionListAdmin(admin.ModelAdmin):
    list_display = ("region", "kind", "to_supervisors", "to_managers", "to_leaders", "active")
    list_filter = ("kind", "active")


class ReadOnly(admin.ModelAdmin):
    """A published report, a mail sent, a reminder: records, never edited by hand."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Report)
class ReportAdmin(ReadOnly):
    list_display = ("period", "kind", "campaign", "revision", "status", "built_at", "built_by")
    list_filter = ("kind", "status")
    exclude = ("snapshot",)


@admin.register(Rebuild)
class RebuildAdmin(ReadOnly):
    list_display = ("report", "requested_by", "requested_at", "state", "built")
    list_filter = ("state",)


@admin.register(Reminder)
class ReminderAdmin(ReadOnly):
    list_display = ("unit", "week", "missing", "created_at")


@admin.register(ObservationRound)
class ObservationRoundAdmin(admin.ModelAdmin):
    list_display = ("name", "campaign", "held_on", "status")
    list_filter = ("status",)


@admin.register(ObservationScore)
class ObservationScoreAdmin(ReadOnly):
    list_display = ("round", "project", "inspector", "score", "scored_at")
    list_filter = ("round",)
