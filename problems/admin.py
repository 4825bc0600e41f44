"""Django admin of the loop: the routing table is kept here; problems and their log are shown
read-only (they change only through the loop, so every step keeps who, when and why)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from audit.admin_mixins import ReadOnlyAdmin, ScopedAdmin, ScopedInline

from .models import CategoryRoute, Meeting, OverdueStep, Problem, ProblemEvent


@admin.register(CategoryRoute)
class CategoryRouteAdmin(ScopedAdmin, SimpleHistoryAdmin):
    list_display = ["category", "department", "days_to_solve", "escalation_days", "region"]
    list_filter = ["region", "category"]
    list_select_related = ["department", "region"]


class EventInline(ScopedInline):
    model = ProblemEvent
    fields = readonly_fields = (
        "created_at",
        "kind",
        "from_status",
        "to_status",
        "actor",
        "acting_as",
        "text",
    )
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Problem)
class ProblemAdmin(ReadOnlyAdmin, SimpleHistoryAdmin):
    list_display = ["title", "project", "category", "department", "status", "deadline", "level"]
    list_filter = ["status", "category", "level", "origin"]
    search_fields = ["title", "project__name", "project__code"]
    list_select_related = ["project", "department"]
    inlines = [EventInline]


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin, SimpleHistoryAdmin):
    list_display = ["held_on", "region", "recorded_by"]


@admin.register(OverdueStep)
class OverdueStepAdmin(ReadOnlyAdmin):
    list_display = ["problem", "level", "escalated_at"]
    list_filter = ["level"]
    list_select_related = ["problem"]
