"""Django admin for the register. Supervisors keep it here, within their region (the scoping and
the audit are in audit.admin_mixins); history shows who, when and why."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from audit.admin_mixins import RegisterAdmin, ScopedInline

from .models import Campaign, Milestone, MonthlyPlan, Project, TaskForce, WeeklyReport


class MonthlyPlanInline(ScopedInline):
    model = MonthlyPlan
    extra = 0
    max_num = 12


class MilestoneInline(ScopedInline):
    model = Milestone
    extra = 0


@admin.register(Campaign)
class CampaignAdmin(RegisterAdmin, SimpleHistoryAdmin):
    list_display = [
        "name",
        "region",
        "year",
        "investment_target",
        "production_target",
        "accelerate_target",
    ]


@admin.register(TaskForce)
class TaskForceAdmin(RegisterAdmin, SimpleHistoryAdmin):
    list_display = ["name", "campaign", "head"]


@admin.register(Project)
class ProjectAdmin(RegisterAdmin, SimpleHistoryAdmin):
    list_display = [
        "code",
        "name",
        "category",
        "unit",
        "leader",
        "target",
        "stage",
        "annual_plan",
        "ytd_investment",
        "card",
    ]
    list_filter = ["campaign", "category", "target", "stage", "card"]
    search_fields = ["code", "name"]
    list_select_related = ["unit", "leader"]
    inlines = [MonthlyPlanInline, MilestoneInline]


@admin.register(WeeklyReport)
class WeeklyReportAdmin(RegisterAdmin, SimpleHistoryAdmin):
    list_display = ["project", "week", "status", "ytd_investment", "is_late", "submitted_at"]
    list_filter = ["status", "is_late", "week"]
    search_fields = ["project__name", "project__code"]
    list_select_related = ["project"]
    raw_id_fields = ["project", "submitted_by", "reviewed_by"]
