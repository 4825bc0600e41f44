"""The league's investment figures are each project's latest counted figure (``COUNTED``) up to
the week, added up: read from two joined weeks of reports, they must equal the plain search of
each project's reports, whatever the gaps; and its 序时进度 read from the outlook must equal the
plans' own, until a plan changes."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.choices import RegionLevel, Role
from dashboard.league import league
from dashboard.services import outlook_compute
from projects.choices import ReportStatus
from projects.models import Campaign, MonthlyPlan, Project, WeeklyReport
from projects.plans import week_plan_due
from tests.factories import (
    CampaignFactory,
    ProjectFactory,
    RegionFactory,
    UserFactory,
    WeeklyReportFactory,
)
from tests.scoring.factories import W44, W45, W46, W47, at, report

pytestmark = pytest.mark.django_db
LAST_YEAR = dt.date(2025, 12, 22)  # before the 2026 campaign's first week


def draft(project, week, ytd):
    return WeeklyReportFactory(
        project=project, week=week, ytd_investment=Decimal(ytd), status=ReportStatus.DRAFT
    )


def seed(campaign: Campaign) -> None:
    """One project of each way a week's figure can be found, or not."""

    def project():
        return ProjectFactory(campaign=campaign)

    steady = project()
    for week, ytd in ((W45, 100), (W46, 200), (W47, 300)):
        report(steady, week, ytd)
    gap_before = project()  # nothing in W46: the week before reads W45
    report(gap_before, W45, 110)
    report(gap_before, W47, 330)
    gap_now = project()  # nothing in W47: the week reads W46
    report(gap_now, W45, 120)
    report(gap_now, W46, 220)
    long_gap = project()  # only W44: both weeks look further back
    report(long_gap, W44, 140)
    uncounted = project()  # a draft and a report returned before submission do not count
    report(uncounted, W45, 150)
    draft(uncounted, W46, 9999)
    WeeklyReportFactory(
        project=uncounted,
        week=W47,
        ytd_investment=Decimal(8888),
        status=ReportStatus.RETURNED,
        return_reason="数字有误",
    )
    returned = project()  # returned after submission: its figure stands
    WeeklyReportFactory(
        project=returned,
        week=W46,
        ytd_investment=Decimal(260),
        status=ReportStatus.RETURNED,
        submitted_at=at(W46 + dt.timedelta(days=4)),
        return_reason="请补充照片",
    )
    draft(returned, W47, 7777)
    late = project()  # submitted after the deadline: counted all the same
    report(late, W46, 170)
    report(late, W47, 270, late=True)
    accepted = project()
    report(accepted, W47, 280, status=ReportStatus.ACCEPTED)
    project()  # no report at all
    last_year = project()  # a figure of last year's weeks is not this year's
    report(last_year, LAST_YEAR, 5000)


def plain(campaign: Campaign, as_of: dt.date) -> Decimal:
    """Each project's latest counted report of the campaign's weeks up to ``as_of``, searched
    one project at a time."""
    total = Decimal(0)
    for project in Project.objects.filter(campaign=campaign):
        counted = [
            r
            for r in WeeklyReport.objects.filter(
                project=project, week__gte=campaign.first_week, week__lte=as_of
            )
            if r.is_counted
        ]
        if counted:
            total += max(counted, key=lambda r: r.week).ytd_investment
    return total


@pytest.fixture
def city(db):
    top = RegionFactory(code="sd", name="山东省", level=RegionLevel.PROVINCE)
    weifang = RegionFactory(code="wf", name="潍坊市", level=RegionLevel.CITY, parent=top)
    campaigns = []
    for code, name in (("ht", "寒亭区"), ("kw", "奎文区")):
        region = RegionFactory(code=code, name=name, level=RegionLevel.DISTRICT, parent=weifang)
        campaign = CampaignFactory(region=region)
        seed(campaign)
        campaigns.append(campaign)
    return top, weifang, campaigns


def manager(region):
    return UserFactory(username=f"m-{region.code}", role=Role.MANAGER, region=region, unit=None)


def test_the_figures_are_each_projects_latest_counted_one(city):
    top, weifang, campaigns = city
    table = league(user=manager(weifang), region=weifang, week=W47)
    rows = {row.region.pk: row for row in table.rows}
    for campaign in campaigns:
        row = rows[campaign.region_id]
        assert (
            row.done
            == plain(campaign, W47)
            == Decimal(300 + 330 + 220 + 140 + 150 + 260 + 270 + 280)
        )
        assert (
            row.done_before
            == plain(campaign, W46)
            == Decimal(200 + 110 + 220 + 140 + 150 + 260 + 170)
        )
        assert row.projects == 10
        assert row.reported == 4  # steady, gap_before, late, accepted
    # a province's row for the city adds up its districts
    (city_row,) = league(user=manager(top), region=top, week=W47).rows
    assert city_row.done == sum(plain(c, W47) for c in campaigns)
    assert city_row.done_before == sum(plain(c, W46) for c in campaigns)


def test_the_first_week_of_the_year_has_no_week_before(city):
    _top, weifang, campaigns = city
    first = campaigns[0].first_week
    (project, *_rest) = Project.objects.filter(campaign=campaigns[0])
    report(project, first, 42)
    rows = {r.region.pk: r for r in league(user=manager(weifang), region=weifang, week=first).rows}
    assert rows[campaigns[0].region_id].done == Decimal(42)
    assert rows[campaigns[0].region_id].done_before == 0  # LAST_YEAR's 5,000 is not counted


def plans_due(campaign: Campaign, week: dt.date) -> Decimal:
    monthly: dict[int, Decimal] = {}
    for plan in MonthlyPlan.objects.filter(project__campaign=campaign):
        monthly[plan.month] = monthly.get(plan.month, Decimal(0)) + plan.amount
    return week_plan_due(monthly, week, campaign.year)


def test_the_plan_due_is_read_from_the_outlook_until_a_plan_changes(city):
    _top, weifang, campaigns = city
    user = manager(weifang)

    def dues():
        with CaptureQueriesContext(connection) as ctx:
            rows = league(user=user, region=weifang, week=W47).rows
        plans_read = any('FROM "projects_monthlyplan"' in q["sql"] for q in ctx.captured_queries)
        return {r.region.pk: (r.due, r.due_before) for r in rows}, plans_read

    expected = {c.region_id: (plans_due(c, W47), plans_due(c, W46)) for c in campaigns}
    assert dues() == (expected, True)  # no outlook yet: added up from the plans
    for campaign in campaigns:
        outlook_compute(campaign=campaign, week=W47)
    assert dues() == (expected, False)  # read from the outlooks
    project = Project.objects.filter(campaign=campaigns[0]).first()
    assert project is not None
    project.ytd_investment = Decimal(300)
    project.save()  # as a submitted report does: the plans are the same
    assert dues() == (expected, False)
    plan = MonthlyPlan.objects.filter(project__campaign=campaigns[0], month=11).first()
    assert plan is not None
    plan.amount += Decimal(3000)
    plan.save()  # after the outlooks: the plans are read again
    changed = dict(expected)
    changed[campaigns[0].region_id] = (plans_due(campaigns[0], W47), plans_due(campaigns[0], W46))
    assert changed != expected
    assert dues() == (changed, True)


def test_a_plan_changed_by_a_server_whose_clock_is_behind_is_still_seen(city):
    """The outlook's totals are trusted by the plans' history numbers, not by clock times: a
    plan saved with an earlier clock than the outlook's (another server's, slow by an hour) is
    newer all the same, and the plans are added up again."""
    _top, weifang, campaigns = city
    user = manager(weifang)
    with time_machine.travel(dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC), tick=False):
        for campaign in campaigns:
            outlook_compute(campaign=campaign, week=W47)
    plan = MonthlyPlan.objects.filter(project__campaign=campaigns[0], month=11).first()
    assert plan is not None
    with time_machine.travel(dt.datetime(2026, 11, 25, 11, 0, tzinfo=dt.UTC), tick=False):
        plan.amount += Decimal(3000)
        plan.save()
    rows = {r.region.pk: r for r in league(user=user, region=weifang, week=W47).rows}
    assert rows[campaigns[0].region_id].due == plans_due(campaigns[0], W47)
    assert rows[campaigns[1].region_id].due == plans_due(campaigns[1], W47)
