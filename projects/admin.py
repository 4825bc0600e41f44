"""Django admin for the register. Supervisors keep it here; history shows who, when and why."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from accounts.admin_mixins import RegisterAdmin

from .models import Campaign, Milestone, MonthlyPlan, Project, TaskForce, WeeklyReport
from .scope import campaigns_for, projects_for


class ScopedAdmin(RegisterAdmin, SimpleHistoryAdmin):
    """Admin lists follow the same scope as the pages: a supervisor sees the own region only."""

    scope_field = "project"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(**{f"{self.scope_field}__in": projects_for(request.user)})


class MonthlyPlanInline(admin.TabularInline):
    model = MonthlyPlan
    extra = 0
    max_num = 12


class MilestoneInline(admin.TabularInline):
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

    def get_queryset(self, request):
        return campaigns_for(request.user)


@admin.register(TaskForce)
class TaskForceAdmin(RegisterAdmin, SimpleHistoryAdmin):
    list_display = ["name", "campaign", "head"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(campaign__in=campaigns_for(request.user))


@admin.register(Project)
class ProjectAdmin(ScopedAdmin):
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

    def get_queryset(self, request):
        if request.user.is_superuser:
            return Project.objects.all()
        return projects_for(request.user)


@admin.register(WeeklyReport)
class WeeklyReportAdmin(ScopedAdmin):
    list_display = ["project", "week", "status", "ytd_investment", "is_late", "submitted_at"]
    list_filter = ["status", "is_late", "week"]
    search_fields = ["project__name", "project__code"]
    list_select_related = ["project"]
    raw_id_fields = ["project", "submitted_by", "reviewed_by"]
