"""Rankings read stored running sums; they must agree with the aggregate over the weekly scores,
and a rescored week makes it and every later week stale."""

import datetime as dt

import pytest

from dashboard.models import RunningMark
from dashboard.rankings.running import running_refresh, stale_from
from dashboard.rankings.selectors import period_bounds, project_scores
from projects.models import Project
from scoring.models import WeeklyScore
from scoring.services import score_campaign_week
from tests.scoring.factories import W45, W46, W47, make_district


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
