"""Rankings read stored running sums; they must agree with the aggregate over the weekly scores,
and a rescored week makes it and every later week stale."""

import datetime as dt

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from dashboard.models import RunningMark
from dashboard.rankings.running import running_refresh, stale_from
from dashboard.rankings.selectors import period_bounds, project_scores
from projects.models import Project
from scoring.models import ScoringRun, WeeklyScore
from scoring.services import score_campaign_week
from tests.scoring.factories import W44, W45, W46, W47, W48, make_district


@pytest.fixture
def scored(campaign, unit, leader):
    make_district(campaign, unit, leader, 8)
    for week in (W45, W46, W47):
        score_campaign_week(campaign=campaign, week=week)
    # One exempt week, which neither path may count.
    first = WeeklyScore.objects.filter(week=W46).order_by("pk").first()
    WeeklyScore.objects.filter(pk=first.pk).update(exempt=True)
    return campaign


@pytest.mark.parametrize("period", ["week", "month", "year"])
def test_running_sums_agree_with_the_aggregate(scored, period):
    campaign = scored
    assert running_refresh(campaign) == 3
    projects = Project.objects.filter(campaign=campaign)
    (start, end), _previous = period_bounds(period, W47, campaign)
    stored = project_scores(projects, start, end, campaign)
    aggregated = project_scores(projects, start, end, None)
    assert stored == aggregated
    assert any(n for _avg, n in stored.values())


def test_nothing_is_stale_after_a_refresh_and_a_rescore_makes_it_stale(scored):
    campaign = scored
    running_refresh(campaign)
    assert stale_from(campaign) is None
    assert running_refresh(campaign) == 0
    score_campaign_week(campaign=campaign, week=W46)  # a corrected report, say
    assert stale_from(campaign) == W46
    assert running_refresh(campaign) == 2  # W46 and the later W47
    assert RunningMark.objects.filter(campaign=campaign).count() == 3


def test_without_running_sums_the_aggregate_is_used(scored):
    projects = Project.objects.filter(campaign=scored)
    scores = project_scores(projects, W45, W47 + dt.timedelta(days=6), scored)
    assert all(n <= 3 for _avg, n in scores.values())


def _rescore(campaign, week, less: int) -> None:
    """Score ``week`` again and lower its totals, as a corrected report would."""
    score_campaign_week(campaign=campaign, week=week)
    WeeklyScore.objects.filter(project__campaign=campaign, week=week).update(
        total=F("total") - less
    )
    ScoringRun.objects.filter(campaign=campaign, week=week).update(written_at=timezone.now())


def _all_periods(campaign, week) -> list:
    projects = Project.objects.filter(campaign=campaign)
    found = []
    for period in ("week", "month", "year"):
        for start, end in period_bounds(period, week, campaign):
            found.append(
                (
                    project_scores(projects, start, end, campaign),
                    project_scores(projects, start, end, None),
                )
            )
    return found


def test_a_ranking_right_after_a_rescore_equals_the_recomputed_one(scored):
    campaign = scored
    running_refresh(campaign)
    before = _all_periods(campaign, W47)
    _rescore(campaign, W46, 7)  # stale: the stored sums of W46 and W47 counted the old W46
    score_campaign_week(campaign=campaign, week=W48)  # scored, not yet refreshed
    assert stale_from(campaign) == W46
    for week in (W46, W47, W48):
        for stored, aggregated in _all_periods(campaign, week):
            assert stored == aggregated
    assert _all_periods(campaign, W47) != before  # the rescore did change the answer
    running_refresh(campaign)
    for week in (W46, W47, W48):
        for stored, aggregated in _all_periods(campaign, week):
            assert stored == aggregated


def test_a_week_scored_between_two_refreshed_weeks_is_counted(campaign, unit, leader):
    make_district(campaign, unit, leader, 8)
    for week in (W45, W47):
        score_campaign_week(campaign=campaign, week=week)
    running_refresh(campaign)
    score_campaign_week(campaign=campaign, week=W46)  # late: the chain skipped it
    for stored, aggregated in _all_periods(campaign, W47):
        assert stored == aggregated


def _year_queries(campaign) -> int:
    projects = Project.objects.filter(campaign=campaign)
    with CaptureQueriesContext(connection) as ctx:
        project_scores(projects, campaign.first_week, W48, campaign)
    return len(ctx.captured_queries)


def test_stale_sums_read_the_same_queries_whatever_the_weeks(campaign, unit, leader):
    make_district(campaign, unit, leader, 8)
    for week in (W44, W45, W46, W47, W48):
        score_campaign_week(campaign=campaign, week=week)
    running_refresh(campaign)
    fresh = _year_queries(campaign)
    _rescore(campaign, W45, 3)
    one = _year_queries(campaign)
    for week in (W44, W46, W47):
        _rescore(campaign, week, 3)
    assert _year_queries(campaign) == one <= fresh + 3
