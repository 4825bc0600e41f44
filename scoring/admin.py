"""Django admin for the scoring tables, scoped like the pages; scores are read-only here
(they change only through the scoring service, so the breakdown always matches the total)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from audit.admin_mixins import ReadOnlyAdmin

from .models import Exemption, ReportFlag, RubricVersion, ScoreAdjustment, ScoringRun, WeeklyScore


@admin.register(RubricVersion)
class RubricVersionAdmin(ReadOnlyAdmin):
    list_display = ["campaign", "number", "adopted_at", "created_by", "created_at"]


@admin.register(WeeklyScore)
class WeeklyScoreAdmin(ReadOnlyAdmin, SimpleHistoryAdmin):
    list_display = ["project", "week", "total", "card", "exempt", "rubric_version", "scored_at"]
    list_filter = ["card", "exempt", "week"]
    list_select_related = ["project", "rubric_version__campaign"]


@admin.register(ScoreAdjustment)
class ScoreAdjustmentAdmin(ReadOnlyAdmin):
    list_display = ["score", "points", "reason", "by", "at"]


@admin.register(Exemption)
class ExemptionAdmin(ReadOnlyAdmin, SimpleHistoryAdmin):
    list_display = ["project", "kind", "starts", "ends", "approved_by", "approved_at"]


@admin.register(ReportFlag)
class ReportFlagAdmin(ReadOnlyAdmin, SimpleHistoryAdmin):
    list_display = ["project", "week", "key", "status", "resolved_by", "resolved_at"]
    list_filter = ["status", "key"]


@admin.register(ScoringRun)
class ScoringRunAdmin(ReadOnlyAdmin):
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
