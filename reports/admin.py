"""Admin: the distribution lists are edited here; reports and deliveries are read-only records."""

from django.contrib import admin

from .models import (
    Delivery,
    DistributionList,
    ObservationRound,
    ObservationScore,
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


@admin.register(Delivery)
class DeliveryAdmin(ReadOnly):
    list_display = ("email", "kind", "period", "resend", "status", "attempts", "sent_at")
    list_filter = ("status", "kind")
    search_fields = ("email", "period")


@admin.register(Reminder)
class ReminderAdmin(ReadOnly):
    list_display = ("unit", "week", "missing", "status", "sent_at")
    list_filter = ("status",)


@admin.register(ObservationRound)
class ObservationRoundAdmin(admin.ModelAdmin):
    list_display = ("name", "campaign", "held_on", "status")
    list_filter = ("status",)


@admin.register(ObservationScore)
class ObservationScoreAdmin(ReadOnly):
    list_display = ("round", "project", "inspector", "score", "scored_at")
    list_filter = ("round",)
