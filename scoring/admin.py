"""Django admin for the scoring tables, scoped like the pages; scores are read-only here
(they change only through the scoring service, so the breakdown always matches the total)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from projects.scope import campaigns_for, projects_for

from .models import Exemption, ReportFlag, RubricVersion, ScoreAdjustment, ScoringRun, WeeklyScore


class ProjectScoped:
    scope_field = "project"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(**{f"{self.scope_field}__in": projects_for(request.user)})


class ReadOnly:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RubricVersion)
class RubricVersionAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["campaign", "number", "adopted_at", "created_by", "created_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(campaign__in=campaigns_for(request.user))


@admin.register(WeeklyScore)
class WeeklyScoreAdmin(ProjectScoped, ReadOnly, SimpleHistoryAdmin):
    list_display = ["project", "week", "total", "card", "exempt", "rubric_version", "scored_at"]
    list_filter = ["card", "exempt", "week"]
    list_select_related = ["project", "rubric_version__campaign"]


@admin.register(ScoreAdjustment)
class ScoreAdjustmentAdmin(ProjectScoped, ReadOnly, admin.ModelAdmin):
    scope_field = "score__project"
    list_display = ["score", "points", "reason", "by", "at"]


@admin.register(Exemption)
class ExemptionAdmin(ProjectScoped, ReadOnly, SimpleHistoryAdmin):
    list_display = ["project", "kind", "starts", "ends", "approved_by", "approved_at"]


@admin.register(ReportFlag)
class ReportFlagAdmin(ProjectScoped, ReadOnly, admin.ModelAdmin):
    list_display = ["project", "week", "key", "status", "resolved_by", "resolved_at"]
    list_filter = ["status", "key"]


@admin.register(ScoringRun)
class ScoringRunAdmin(ReadOnly, admin.ModelAdmin):
    list_display = [
        "campaign",
        "week",
        "rubric_version",
        "projects",
        "blue",
        "yellow",
        "red",
        "scored_at",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(campaign__in=campaigns_for(request.user))
