"""One basis per figure on the dashboard: "done", the plan due and the forecast are all of the
scored week, from the reports that count (projects.models.COUNTED) — the rule scoring uses, so a
returned report counts on the dashboard as it does in the score."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from dashboard.services import outlook_compute
from projects.selectors import investment_against_plan
from projects.services import weekly_report_return, weekly_report_save
from projects.weeks import SHANGHAI
from reports import reminders
from scoring.models import WeeklyScore
from scoring.services import score_campaign_week
from tests.factories import UserFactory
from tests.scoring.factories import W46, W47, W48, at, make_district

pytestmark = pytest.mark.django_db


def ytd_in_score(project, week) -> Decimal:
    score = WeeklyScore.objects.get(project=project, week=week)
    return Decimal(score.breakdown["items"][0]["inputs"]["ytd_done"])


def entry(**extra) -> dict:
    return {
        "stage": "construction",
        "ytd_investment": Decimal("11500"),
        "investment_source": "unit",
        "correction_note": "",
        "progress": "二次结构砌筑，外架拆除。",
        "next_plan": "装饰装修。",
        "problems": "",
    } | extra


def test_done_and_the_forecast_are_of_the_scored_week_not_of_later_reports(
    client, manager, campaign, unit, leader, reporter
):
    projects = make_district(campaign, unit, leader, 4)
    for week in (W46, W47):
        score_campaign_week(campaign=campaign, week=week)
    outlook = outlook_compute(campaign=campaign, week=W47)
    # W48 is under way: a report comes in after W47 was scored and forecast.
    weekly_report_save(
        project=projects[0],
        week=W48,
        user=reporter,
        data=entry(ytd_investment=Decimal("20000")),
        version=None,
        submit=True,
        now=at(W48 + dt.timedelta(days=4)),
    )
    with time_machine.travel(at(W48 + dt.timedelta(days=5)), tick=False):
        client.force_login(manager)
        page = client.get(reverse("dashboard:dashboard"), {"week": "2026-W47"})
    targets = page.context["targets"]
    assert targets.done == sum(ytd_in_score(p, W47) for p in projects)
    assert targets.done == Decimal(outlook.data["ytd"])  # the figure the forecast starts from
    assert targets.due == Decimal(outlook.data["due"])  # plan due by Sunday 22 November
    body = page.content.decode()
    assert "截至 2026-W47" in body and "11月22日" in body


def test_a_returned_report_counts_on_the_dashboard_as_in_the_score(
    client, manager, campaign, unit, leader, reporter, supervisor
):
    projects = make_district(campaign, unit, leader, 1)
    report = projects[0].reports.get(week=W47)
    with time_machine.travel(at(W47 + dt.timedelta(days=5)), tick=False):
        returned = weekly_report_return(report=report, user=supervisor, reason="与统计数不符")
        # The reporter starts the correction; it is saved, not yet resubmitted.
        weekly_report_save(
            project=projects[0],
            week=W47,
            user=reporter,
            data=entry(ytd_investment=Decimal("10800")),
            version=returned.version,
        )
    score_campaign_week(campaign=campaign, week=W47)
    assert ytd_in_score(projects[0], W47) == Decimal("10800.00")
    reporting = WeeklyScore.objects.get(project=projects[0], week=W47).breakdown["items"][2]
    assert reporting["inputs"]["report"] == "on_time"  # scoring counts it as reported
    with time_machine.travel(at(W48, 9), tick=False):
        client.force_login(manager)
        page = client.get(reverse("dashboard:dashboard"), {"week": "2026-W47"})
    assert page.context["targets"].done == Decimal("10800.00")
    points = {p.week: p.done for p in investment_against_plan(projects[0], until=W47)}
    assert points[W47] == Decimal("10800.00")  # the project's chart counts it too
    # Nor is it "missing" to the reminder before the deadline.
    UserFactory(username="r47", role="reporter", region=unit.region, unit=unit)
    window = dt.datetime(2026, 11, 23, 9, tzinfo=SHANGHAI)
    assert reminders.missing_by_unit(campaign, W47) == {}
    assert reminders.reminders_create(window) == []
