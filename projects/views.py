"""Pages of the register: home, the project list and the project page. Views stay thin."""

from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect, render
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from accounts.choices import Role
from config import params

from . import charts, list_campaigns, list_count, rows, selectors, weeks
from .filtersets import ProjectFilterSet
from .scope import can_keep_register, can_report, can_review
from .tables import ProjectTable


@login_required
def home(request):
    """Send each role to the page it starts its day on."""
    user = request.user
    if user.role == Role.REPORTER:
        return redirect("projects:this_week")
    if user.role == Role.HANDLER:
        return redirect("problems:inbox")
    if user.role in (Role.MANAGER, Role.LEADER):
        return redirect("dashboard:dashboard")
    # 三权分立: the security and audit administrators start on their own work, not the register.
    if user.role == Role.SECURITY:
        return redirect("security:lockouts")
    if user.role == Role.AUDITOR:
        return redirect("audit:log")
    if can_review(user) and not user.is_superuser:
        return redirect("projects:review")
    return redirect("projects:list")


class ProjectListView(LoginRequiredMixin, SingleTableMixin, FilterView):
    """The register as a table with a filter bar; scoped to what the user may see."""

    table_class = ProjectTable
    filterset_class = ProjectFilterSet
    template_name = "projects/project_list.html"
    table_pagination = params.paging(50)

    def get_queryset(self):
        return selectors.projects_for_list(user=self.request.user)

    def get_table_data(self):
        # Only what the cells show, as plain rows: not six model instances per project.
        return rows.project_rows(self.object_list, district=self.filterset.several)

    def get_table_pagination(self, table):
        # Counted by SQL built once per shape of reader and choice of filters (list_count).
        count = list_count.project_count(user=self.request.user, bar=self.filterset)
        return params.counted(super().get_table_pagination(table), count)

    def get_table_kwargs(self):
        # The district column only for a viewer of several districts' projects (a city's).
        return {} if self.filterset.several else {"exclude": ("district",)}

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        user = self.request.user
        # The newest campaign unless another is asked for: last year's projects are history.
        if "campaign" not in self.request.GET:
            campaign = list_campaigns.current_campaign_id(user=user)
            if campaign is not None:
                kwargs["data"] = (kwargs["data"] or self.request.GET).copy()
                kwargs["data"]["campaign"] = campaign
        # The bar's campaigns: those of the queryset's projects (projects_for_list's).
        campaigns = list_campaigns.listed_campaigns(user=user)
        return {**kwargs, "user": user, "campaigns": campaigns}


@login_required
def project_detail(request, pk: int):
    project = selectors.project_get(user=request.user, pk=pk)
    monthly_plans = selectors.project_plans(project)  # the chart's and the table's: one read
    campaign = project.campaign
    points = selectors.investment_against_plan(
        project, until=weeks.current_week(), monthly_plans=monthly_plans
    )
    reporting = weeks.reporting_week(weekday=campaign.deadline_weekday, at=campaign.deadline_time)
    timeline = selectors.project_timeline(project)
    return render(
        request,
        "projects/project_detail.html",
        {
            "project": project,
            "campaign": campaign,
            "plans": monthly_plans,
            "milestones": selectors.project_milestones(project),
            "timeline": timeline,
            "photos": selectors.project_photos(project),
            "chart": charts.investment_chart(points, title=project.name),
            "can_report": can_report(request.user, project) and campaign.holds_week(reporting),
            "reporting_week": weeks.week_label(reporting),
            "can_keep_register": can_keep_register(request.user),
        },
    )
