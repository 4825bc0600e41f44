"""After scoring, one service brings the rankings' running sums and the outlooks up to date;
run again, it computes nothing."""

import datetime as dt

import pytest
import time_machine

from dashboard.models import Outlook, RunningMark, RunningScore
from dashboard.services import dashboard_refresh
from dashboard.tasks import refresh_outlooks
from scoring.services import score_campaign_week
from tests.scoring.factories import W46, W47, make_district

NOW = dt.datetime(2026, 11, 25, 10, 0)
pytestmark = pytest.mark.django_db


@time_machine.travel(NOW)
def test_the_refresh_computes_what_scoring_made_stale_once(campaign, unit, leader):
    projects = make_district(campaign, unit, leader, 4)
    score_campaign_week(campaign=campaign, week=W46)
    score_campaign_week(campaign=campaign, week=W47)
    assert not Outlook.objects.exists()
    assert dashboard_refresh() == 1
    assert list(Outlook.objects.values_list("campaign", "week")) == [(campaign.pk, W47)]
    assert set(RunningMark.objects.values_list("week", flat=True)) == {W46, W47}
    assert RunningScore.objects.filter(week=W47).count() == len(projects)
    assert dashboard_refresh() == 0  # nothing stale: nothing computed
    assert refresh_outlooks() == 0  # the task is the service
