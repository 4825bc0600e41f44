"""Django admin of the loop: the routing table is kept here; problems and their log are shown
read-only (they change only through the loop, so every step keeps who, when and why)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from projects.scope import campaigns_for, region_q

from .models import CategoryRoute, Escalation, Meeting, Problem, ProblemEvent
from .scope import meetings_for, problems_for


@admin.register(CategoryRoute)
class CategoryRouteAdmin(SimpleHistoryAdmin):
    list_display = ["category", "department", "days_to_solve", "escalation_days", "region"]
    list_filter = ["region", "category"]
    list_select_related = ["department", "region"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(region_q(request.user, "region"))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        formfield = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if not request.user.is_superuser and db_field.name in ("department", "region"):
            field = "region" if db_field.name == "department" else "pk"
            regions = campaigns_for(request.user).values("region")
            formfield.queryset = formfield.queryset.filter(**{f"{field}__in": regions})
        return formfield


class ReadOnlyAdmin(SimpleHistoryAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class EventInline(admin.TabularInline):
    model = ProblemEvent
    fields = ["created_at", "kind", "from_status", "to_status", "actor", "acting_as", "text"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Problem)
class ProblemAdmin(ReadOnlyAdmin):
    list_display = ["title", "project", "category", "department", "status", "deadline", "level"]
    list_filter = ["status", "category", "level", "origin"]
    search_fields = ["title", "project__name", "project__code"]
    list_select_related = ["project", "department"]
    inlines = [EventInline]

    def get_queryset(self, request):
        return problems_for(request.user).select_related("project", "department")


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ["held_on", "region", "recorded_by"]

    def get_queryset(self, request):
        return meetings_for(request.user)


@admin.register(Escalation)
class EscalationAdmin(ReadOnlyAdmin):
    list_display = ["problem", "level", "escalated_at"]
    list_filter = ["level"]
    list_select_related = ["problem"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(problem__in=problems_for(request.user).values("pk"))
        )
