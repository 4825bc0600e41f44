"""The demo district: the figures the article gives, accounts that work, a believable history."""

import datetime as dt
from decimal import Decimal
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db.models import Count, Sum
from django.http import HttpRequest

from accounts.choices import Role
from accounts.models import Leader, Unit, User
from projects import weeks
from projects.choices import ReportStatus, TargetKind
from projects.models import COUNTED, Campaign, MonthlyPlan, NodeReached, Project, WeeklyReport
from projects.plans import week_plan_due

NOW = dt.datetime(2026, 11, 25, 10, 0, tzinfo=weeks.SHANGHAI)
REPORTING_WEEK = dt.date(2026, 11, 23)  # Wednesday: last week's Monday-noon deadline has passed
FINAL = (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def seed(*args, score=False):
    """The register and its history; the derived cards, problems and ladder only when asked."""
    out = StringIO()
    call_command("seed_demo", *args, "--score" if score else "--no-score", stdout=out)
    return out.getvalue()


@pytest.fixture
def demo():
    return seed()


def test_the_reporting_week_is_this_week():
    assert weeks.reporting_week() == REPORTING_WEEK


def test_the_register_has_the_districts_figures(demo):
    campaign = Campaign.objects.get()
    assert (campaign.year, campaign.name) == (2026, "2026年重点项目建设大比拼")
    assert campaign.region.code == "hanting"
    assert campaign.investment_target == Decimal("860000")
    assert (campaign.production_target, campaign.accelerate_target) == (12, 38)
    projects = campaign.projects.all()
    assert projects.count() == 50
    assert projects.aggregate(total=Sum("annual_plan"))["total"] == Decimal("860000.00")
    assert projects.filter(target=TargetKind.PRODUCTION).count() == 12
    assert projects.filter(target=TargetKind.ACCELERATE).count() == 38
    assert set(projects.values_list("category", flat=True)) == {
        "industry",
        "infrastructure",
        "livelihood",
    }
    assert projects.filter(name="OLED盖板项目").exists()
    assert not projects.filter(task_force=None).exists()
    assert Unit.objects.filter(is_department=False).count() == 14
    assert Unit.objects.filter(is_department=True).count() >= 7
    assert Leader.objects.count() == 10


def test_monthly_plans_add_up_to_each_annual_plan(demo):
    sums = dict(MonthlyPlan.objects.values_list("project").annotate(total=Sum("amount")).order_by())
    counts = MonthlyPlan.objects.values("project").annotate(n=Count("pk")).order_by()
    assert {row["n"] for row in counts} == {12}
    for project in Project.objects.all():
        assert sums[project.pk] == project.annual_plan, project.name
    january, july = (
        MonthlyPlan.objects.filter(month=m).aggregate(s=Sum("amount"))["s"] for m in (1, 7)
    )
    assert january < july  # the seasonal shape: a slow winter, a busy summer


def test_production_projects_have_a_production_node_in_the_year(demo):
    for project in Project.objects.filter(target=TargetKind.PRODUCTION):
        kinds = set(project.milestones.values_list("kind", flat=True))
        assert "production" in kinds
    dates = Project.objects.values_list("milestones__planned_date", flat=True)
    assert all(day.year == 2026 for day in dates)
    nodes = NodeReached.objects.select_related("milestone", "report")
    assert nodes.exists()
    for node in nodes:
        assert node.milestone.reached_on == node.reached_on
        assert node.reached_on <= node.report.week + dt.timedelta(days=6)


@pytest.mark.parametrize(
    ("username", "role"),
    [
        ("admin", Role.ADMIN),
        ("security", Role.SECURITY),
        ("auditor", Role.AUDITOR),
        ("supervisor", Role.SUPERVISOR),
        ("manager", Role.MANAGER),
        ("leader1", Role.LEADER),
        ("reporter1", Role.REPORTER),
        ("handler1", Role.HANDLER),
    ],
)
def test_each_role_has_an_account_that_can_log_in(demo, client, username, role):
    user = User.objects.get(username=username)
    assert user.role == role
    assert user.region.code == "hanting"
    assert user.email == f"{username}@example.gov.cn"
    assert user.first_name
    # The sign-in throttle needs the request, as the login page gives it.
    assert client.login(request=HttpRequest(), username=username, password="demo12345")
    assert username in demo  # printed in the accounts table


def test_accounts_are_linked_to_what_they_act_for(demo):
    admin = User.objects.get(username="admin")
    # 三权分立: the administrators are staff, none a superuser.
    assert admin.is_staff and not admin.is_superuser
    assert not User.objects.filter(is_superuser=True).exists()
    assert User.objects.get(username="supervisor").is_staff
    assert User.objects.filter(role=Role.LEADER).count() == Leader.objects.count()
    assert not User.objects.filter(role=Role.LEADER, leader=None).exists()
    reporters = User.objects.filter(role=Role.REPORTER)
    assert reporters.count() == 14
    assert not reporters.filter(unit__is_department=True).exists()
    handlers = User.objects.filter(role=Role.HANDLER)
    assert handlers.count() == Unit.objects.filter(is_department=True).count()
    assert not handlers.filter(unit__is_department=False).exists()


def test_history_runs_from_the_first_iso_week_to_the_reporting_week(demo):
    reports = WeeklyReport.objects.all()
    assert reports.earliest("week").week == dt.date(2025, 12, 29)  # 2026-W01
    assert reports.latest("week").week == REPORTING_WEEK
    assert reports.values("week").distinct().count() == 48


def test_investment_never_goes_down_and_the_project_shows_the_latest_report(demo):
    for project in Project.objects.prefetch_related("reports"):
        history = sorted(project.reports.all(), key=lambda r: r.week)
        figures = [r.ytd_investment for r in history]
        assert figures == sorted(figures), project.name
        counted = [r for r in history if r.is_counted]  # a returned report counts too
        assert project.ytd_investment == counted[-1].ytd_investment
        assert project.stage == history[-1].stage


def test_a_believable_mix_of_good_middling_and_lagging_projects(demo):
    ratios = []
    for project in Project.objects.prefetch_related("monthly_plans"):
        monthly = {plan.month: plan.amount for plan in project.monthly_plans.all()}
        last = project.reports.filter(COUNTED).latest("week")
        ratios.append(project.ytd_investment / week_plan_due(monthly, last.week, 2026))
    assert sum(r >= 1 for r in ratios) >= 25  # on or ahead of 序时进度
    assert sum(Decimal("0.7") <= r < Decimal("0.9") for r in ratios) >= 8
    assert sum(r < Decimal("0.7") for r in ratios) >= 5  # more than 30% behind
    overdue = Project.objects.filter(
        milestones__planned_date__lt=dt.date(2026, 10, 1), milestones__reached_on=None
    )
    assert overdue.distinct().count() >= 3


def test_reports_are_late_or_on_time_by_the_deadline(demo):
    campaign = Campaign.objects.get()
    late = WeeklyReport.objects.filter(is_late=True)
    assert 20 <= late.count() <= 400
    assert late.values("project__unit").distinct().count() >= 2
    for report in WeeklyReport.objects.exclude(submitted_at=None).select_related(
        "submitted_by", "project"
    ):
        assert report.is_late == (report.submitted_at > campaign.deadline_of(report.week))
        assert report.submitted_at <= NOW
        assert report.submitted_by.unit_id == report.project.unit_id
        assert report.updated_at == (report.reviewed_at or report.submitted_at)
    past = WeeklyReport.objects.filter(week__lt=REPORTING_WEEK)
    assert set(past.values_list("status", flat=True)) == set(FINAL)
    assert not past.filter(status=ReportStatus.ACCEPTED, reviewed_by=None).exists()


def test_the_reporting_week_has_something_to_show(demo):
    this_week = WeeklyReport.objects.filter(week=REPORTING_WEEK)
    statuses = list(this_week.values_list("status", flat=True))
    assert len(statuses) < 50  # some reports are still missing
    assert ReportStatus.DRAFT in statuses and ReportStatus.SUBMITTED in statuses
    returned = WeeklyReport.objects.get(status=ReportStatus.RETURNED)
    assert returned.week == REPORTING_WEEK and returned.return_reason
    assert WeeklyReport.objects.exclude(problems="").exists()


def test_a_second_run_refuses_unless_reset(demo):
    with pytest.raises(CommandError, match="--reset"):
        seed()
    assert Project.objects.count() == 50
    seed("--reset")
    assert Project.objects.count() == 50
    assert User.objects.filter(username="admin").count() == 1


def test_the_same_seed_builds_the_same_district(demo):
    before = list(
        Project.objects.order_by("code").values_list("name", "annual_plan", "ytd_investment")
    )
    seed("--reset")
    after = list(
        Project.objects.order_by("code").values_list("name", "annual_plan", "ytd_investment")
    )
    assert before == after


def test_a_larger_district_keeps_its_proportions():
    seed("--projects", "120", "--weeks", "10")
    campaign = Campaign.objects.get()
    projects = campaign.projects.all()
    assert projects.count() == 120
    assert campaign.investment_target == Decimal("2064000")
    assert projects.aggregate(total=Sum("annual_plan"))["total"] == campaign.investment_target
    assert projects.filter(target=TargetKind.PRODUCTION).count() == campaign.production_target
    assert campaign.production_target + campaign.accelerate_target == 120
    assert projects.values("name").distinct().count() == 120
    assert WeeklyReport.objects.values("week").distinct().count() == 10
    assert WeeklyReport.objects.latest("week").week == REPORTING_WEEK
    assert Unit.objects.filter(is_department=False).count() == 30
    assert Leader.objects.count() == 24


def test_history_longer_than_the_year_gets_last_years_campaign():
    seed("--projects", "6", "--weeks", "60")
    assert list(Campaign.objects.order_by("year").values_list("year", flat=True)) == [2025, 2026]
    for report in WeeklyReport.objects.select_related("project__campaign"):
        assert report.week.isocalendar().year == report.project.campaign.year
    assert WeeklyReport.objects.values("week").distinct().count() == 60


@pytest.mark.parametrize("args", [("--projects", "0"), ("--weeks", "0")])
def test_invalid_arguments_are_refused(args):
    with pytest.raises(CommandError, match="不小于 1"):
        seed(*args)
    assert not Campaign.objects.exists()


def test_the_full_demo_has_cards_problems_a_ladder_and_its_reports(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    from escalation.models import SupervisionNotice
    from problems.models import Problem
    from scoring.models import WeeklyScore

    output = seed(score=True)
    assert "评分" in output
    cards = set(WeeklyScore.objects.values_list("card", flat=True))
    assert cards == {"blue", "yellow", "red"}  # a believable mix, not all one colour
    assert Problem.objects.exists()
    assert SupervisionNotice.objects.exists()
    assert Campaign.objects.get().projects.exclude(card="").count() == 50
    # The archive is there at once, as the schedule would have built it, and nobody was mailed.
    from outbox.choices import Kind
    from outbox.models import Message
    from reports.models import Report

    built = set(Report.objects.values_list("kind", "period"))
    assert {("weekly", "2026-W47"), ("weekly", "2026-W44"), ("biweekly", "2026-W45/46")} <= built
    assert {("monthly", "2026-10"), ("monthly", "2026-01"), ("quarterly", "2026-Q3")} <= built
    assert ("halfyear", "2026-H1") in built
    half = Report.objects.get(kind="halfyear", period="2026-H1").snapshot
    assert len(half["observed"]) == 20 and len(half["criteria"]) == 5  # the June round, filled
    assert all(len(p["marks"]) == 5 and p["inspectors"] >= 5 for p in half["observed"])
    assert ("weekly", "2026-W43") not in built and ("monthly", "2026-11") not in built
    assert Report.objects.filter(kind="weekly").count() == 4
    assert not Message.objects.filter(kind=Kind.REPORT_PUBLISHED).exists()
    assert "报告：" in output
    from reports.due import reports_backfill

    assert reports_backfill(campaign=Campaign.objects.get()) == []  # safe to run twice
