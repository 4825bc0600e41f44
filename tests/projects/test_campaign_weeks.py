"""The one rule for weeks and campaigns (projects.weeks.campaign_year), at the turn of 2026/2027.

2026 has 53 ISO weeks: 2026-W53 runs from Monday 28 December 2026 to Sunday 3 January 2027 and is
campaign 2026's last week; 2027-W01 begins on Monday 4 January 2027. The weekly entry, the
"this week" page, scoring and its due weeks, the flags, reminders, reports, the dashboard and the
command all follow it. The clock is moved with time_machine to the days that decide.
"""

import datetime as dt
import io
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from accounts.choices import Role
from projects import weeks
from projects.selectors import investment_against_plan
from projects.services import weekly_report_save
from reports import due as report_due
from reports import reminders
from reports.models import Reminder
from scoring import due as scoring_due
from scoring.flags import ReportFacts, investment_down
from scoring.models import WeeklyScore
from tests.factories import CampaignFactory, ProjectFactory, UserFactory, WeeklyReportFactory

W52 = dt.date(2026, 12, 21)
W53 = dt.date(2026, 12, 28)  # 2026-W53
W01 = dt.date(2027, 1, 4)  # 2027-W01
SH = weeks.SHANGHAI


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=SH)


@pytest.fixture
def campaign_2027(region):
    return CampaignFactory(region=region, year=2027)


@pytest.fixture
def project_2027(campaign_2027, unit, leader):
    return ProjectFactory(campaign=campaign_2027, unit=unit, leader=leader, name="2027年新项目")


def entry(project, user, week, now, **extra):
    data = {
        "stage": "construction",
        "ytd_investment": Decimal("12000.00"),
        "investment_source": "unit",
        "correction_note": "",
        "progress": "年末收尾施工。",
        "next_plan": "节后复工。",
        "problems": "",
    } | extra
    return weekly_report_save(
        project=project, week=week, user=user, data=data, version=None, submit=True, now=now
    )


# The rule itself, pure.


def test_the_53rd_week_belongs_to_the_year_of_its_thursday():
    assert weeks.campaign_year(W53) == 2026
    assert weeks.campaign_year(dt.date(2027, 1, 3)) == 2026  # its Sunday, in January
    assert weeks.campaign_year(W01) == 2027
    assert weeks.campaign_year(dt.date(2025, 12, 29)) == 2026  # 2026-W01 starts in December
    assert weeks.week_label(W53) == "2026-W53" and weeks.week_label(W01) == "2027-W01"


def test_campaign_weeks_run_from_w01_to_the_last_iso_week():
    weeks_2026, weeks_2027 = weeks.campaign_weeks(2026), weeks.campaign_weeks(2027)
    assert (weeks_2026[0], weeks_2026[-1], len(weeks_2026)) == (dt.date(2025, 12, 29), W53, 53)
    assert (weeks_2027[0], weeks_2027[-1], len(weeks_2027)) == (W01, dt.date(2027, 12, 27), 52)
    assert not set(weeks_2026) & set(weeks_2027)


def test_a_week_counts_in_the_month_of_its_thursday():
    assert weeks.month_first_week(W53) == dt.date(2026, 11, 30)  # Thu 3 Dec: W49 opens December
    assert weeks.month_first_week(W01) == W01
    assert weeks.month_first_week(dt.date(2026, 6, 29)) == dt.date(2026, 6, 29)  # Thu 2 July


# The weekly entry.


def test_w53_is_entered_in_campaign_2026_and_refused_by_campaign_2027(
    project, project_2027, reporter
):
    monday_morning = at(W01, 11)  # W53's deadline is Monday 4 January 12:00
    report = entry(project, reporter, W53, monday_morning)
    assert report.week == W53 and not report.is_late
    with pytest.raises(ValidationError) as caught:
        entry(project_2027, reporter, W53, monday_morning)
    assert caught.value.code == "week_outside_campaign"


def test_w01_is_entered_in_campaign_2027_and_refused_by_campaign_2026(
    project, project_2027, reporter
):
    friday = at(dt.date(2027, 1, 8), 16)
    assert entry(project_2027, reporter, W01, friday).project == project_2027
    with pytest.raises(ValidationError) as caught:
        entry(project, reporter, W01, friday)
    assert caught.value.code == "week_outside_campaign"


def test_the_ytd_figure_of_w53_is_compared_with_w52_of_the_same_campaign(project, reporter):
    WeeklyReportFactory(project=project, week=W52, ytd_investment=Decimal("12500"))
    with pytest.raises(ValidationError) as caught:
        entry(project, reporter, W53, at(W01, 11), ytd_investment=Decimal("300"))
    assert "correction_note" in caught.value.error_dict


def test_this_week_on_monday_morning_is_w53_of_campaign_2026(
    client, project, project_2027, reporter
):
    with time_machine.travel(at(W01, 11), tick=False):
        client.force_login(reporter)
        page = client.get(reverse("projects:this_week")).content.decode()
        detail_2027 = client.get(project_2027.get_absolute_url()).content.decode()
        detail_2026 = client.get(project.get_absolute_url()).content.decode()
    assert "2026-W53" in page and project.name in page and project_2027.name not in page
    fill_in = reverse("projects:report_edit", args=[project.pk, "2026-W53"])
    assert fill_in in detail_2026
    # A 2027 project has nothing to report for 2026-W53: no link to a form that would refuse.
    assert reverse("projects:report_edit", args=[project_2027.pk, "2026-W53"]) not in detail_2027


def test_the_investment_chart_of_2027_starts_with_2027_w01(project_2027):
    points = investment_against_plan(project_2027, until=dt.date(2027, 1, 11))
    assert [p.week for p in points] == [W01, dt.date(2027, 1, 11)]


# Scoring, its due weeks and the flags.


def test_w53_is_due_and_scored_in_campaign_2026_with_its_report(
    campaign, campaign_2027, project, project_2027, reporter
):
    entry(project, reporter, W53, at(W01, 11))
    assert scoring_due.due_weeks(campaign, at(W01, 11))[-1] == W52
    assert scoring_due.due_weeks(campaign, at(W01, 12))[-1] == W53
    assert scoring_due.due_weeks(campaign_2027, at(W01, 13)) == []
    with time_machine.travel(at(W01, 13), tick=False):
        outcomes = scoring_due.score_due_weeks(campaign_ids=[campaign.pk, campaign_2027.pk])
    assert (outcomes[-1].campaign, outcomes[-1].week) == (campaign, W53)
    score = WeeklyScore.objects.get(project=project, week=W53)
    reporting = next(i for i in score.breakdown["items"] if i["key"] == "reporting")
    assert Decimal(reporting["points"]) == Decimal(reporting["max_points"])  # on time
    assert not WeeklyScore.objects.filter(project=project_2027).exists()
    assert scoring_due.due_weeks(campaign_2027, at(dt.date(2027, 1, 11), 12)) == [W01]


def test_the_command_scores_last_weeks_campaign_by_default(campaign, project):
    out = io.StringIO()
    with time_machine.travel(at(dt.date(2027, 1, 5), 9), tick=False):
        call_command("score_week", stdout=out)
    assert "2026-W53" in out.getvalue()


def test_investment_going_down_from_w52_to_w53_is_flagged():
    history = [
        ReportFacts(week=W52, ytd=Decimal("12500"), progress_text="a", photo_count=1),
        ReportFacts(week=W53, ytd=Decimal("300"), progress_text="b", photo_count=1),
    ]
    assert investment_down(history) is not None
    into_2027 = [history[1], ReportFacts(W01, Decimal("200"), "c", 1)]
    assert investment_down(into_2027) is None  # year-to-date starts again with campaign 2027


# Reminders and reports.


def test_the_reminder_of_w53_is_campaign_2026s(campaign, campaign_2027, project, project_2027):
    UserFactory(username="r1", role=Role.REPORTER, region=project.unit.region, unit=project.unit)
    created = reminders.reminders_create(at(dt.date(2027, 1, 3), 15))
    assert [(r.campaign, r.week) for r in Reminder.objects.filter(pk__in=created)] == [
        (campaign, W53)
    ]


def test_reports_of_w53_and_december_are_campaign_2026s(campaign, campaign_2027, project):
    WeeklyReportFactory(project=project, week=W53, ytd_investment=Decimal("12000"))
    with time_machine.travel(at(W01, 13), tick=False):
        scoring_due.score_due_weeks(campaign_ids=[campaign.pk])
    found = {(c.year, p.kind, p.label) for c, p in report_due.reports_due(at(W01, 13))}
    assert {
        (2026, "weekly", "2026-W53"),
        (2026, "biweekly", "2026-W51/53"),
        (2026, "monthly", "2026-12"),
        (2026, "annual", "2026"),
    } <= found
    assert not any(year == 2027 for year, _kind, _label in found)
    later = {(c.year, p.label) for c, p in report_due.reports_due(at(dt.date(2027, 1, 12), 13))}
    assert (2027, "2027-W01") in later


def test_the_dashboard_of_w53_is_campaign_2026s(client, campaign, campaign_2027, project, manager):
    WeeklyReportFactory(project=project, week=W53, ytd_investment=Decimal("12000"))
    with time_machine.travel(at(W01, 13), tick=False):
        scoring_due.score_due_weeks(campaign_ids=[campaign.pk])
    client.force_login(manager)
    page = client.get(reverse("dashboard:dashboard"), {"week": "2026-W53"})
    assert page.status_code == 200 and page.context["campaign"] == campaign
    wrong = client.get(reverse("dashboard:dashboard"), {"week": "2026-W53", "year": 2027})
    assert wrong.status_code == 404
