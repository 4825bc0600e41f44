"""A change to the register (a project renamed, added or removed, a unit or leader renamed, a
campaign's targets) shows on the cached pages at the next request, not at the next scoring run:
the figures' stamp (dashboard.cache.stamp) reads the register's history too. Another region's
stamp does not move."""

import datetime as dt

import pytest
import time_machine

from accounts.choices import RegionLevel
from dashboard.cache import stamp
from projects.models import MonthlyPlan
from scoring.services import score_campaign_week
from tests.factories import (
    CampaignFactory,
    LeaderFactory,
    ProjectFactory,
    RegionFactory,
    UnitFactory,
)
from tests.scoring.factories import W46, make_district

NOW = dt.datetime(2026, 11, 25, 10, 0)
pytestmark = pytest.mark.django_db
RANKINGS = "/dashboard/rankings/?kind=projects&period=year"


@pytest.fixture
def district(campaign, unit, leader):
    projects = make_district(campaign, unit, leader, 8)
    score_campaign_week(campaign=campaign, week=W46)
    return projects


@pytest.fixture
def other_campaign():
    city = RegionFactory(code="other-city", name="别的市", level=RegionLevel.CITY)
    other = RegionFactory(code="other", name="别的区", level=RegionLevel.DISTRICT, parent=city)
    campaign = CampaignFactory(region=other)
    make_district(campaign, UnitFactory(region=other), LeaderFactory(region=other), 3)
    score_campaign_week(campaign=campaign, week=W46)
    return campaign


def _stamps(*campaigns):
    return [stamp([c.pk]) for c in campaigns]


@time_machine.travel(NOW, tick=True)
@pytest.mark.parametrize("url", ["/dashboard/", RANKINGS])
def test_a_renamed_project_shows_at_once(client, manager, district, url):
    client.force_login(manager)
    first = client.get(url)
    assert first.status_code == 200
    unchanged = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert unchanged.status_code == 304  # nothing else moves the stamp
    project = next(p for p in district if p.name in first.content.decode())
    project.name = "改过名的项目"
    project.save()
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]
    assert "改过名的项目" in again.content.decode()


@time_machine.travel(NOW, tick=True)
@pytest.mark.parametrize(
    "change", ["project", "added", "removed", "unit", "leader", "target", "plan"]
)
def test_each_register_change_moves_its_region_s_stamp_only(
    district, campaign, unit, leader, other_campaign, change
):
    spare = ProjectFactory(campaign=campaign, unit=unit, leader=leader)
    before, theirs = _stamps(campaign, other_campaign)
    assert _stamps(campaign, other_campaign) == [before, theirs]  # reading moves nothing
    if change == "project":
        district[0].name = "新名字"
        district[0].save()
    elif change == "added":
        ProjectFactory(campaign=campaign, unit=unit, leader=leader)
    elif change == "removed":
        spare.delete()
    elif change == "unit":
        unit.name = "新单位名"
        unit.save()
    elif change == "plan":  # alone, as a workbook's import writes it: 序时进度 moves
        plan = MonthlyPlan.objects.filter(project=district[0]).first()
        assert plan is not None
        plan.amount += 1
        plan.save()
    elif change == "leader":
        leader.name = "新领导"
        leader.save()
    else:
        campaign.investment_target += 1
        campaign.save()
    after, theirs_after = _stamps(campaign, other_campaign)
    assert after != before
    # The plans' mark is every campaign's (one index step; plans change a few times a year):
    # a plan changed, or a project removed with its plans, moves the others' stamps too.
    assert (theirs_after == theirs) is (change not in ("plan", "removed"))


def test_a_project_moved_to_another_campaign_moves_both_stamps(campaign, district, unit, leader):
    """Its new history row is the new campaign's: the old one's stamp moves by its count."""
    later = CampaignFactory(region=campaign.region, year=campaign.year + 1)
    before = stamp([campaign.pk]), stamp([later.pk])
    moved = district[0]
    moved.campaign = later
    moved.save()
    assert stamp([campaign.pk]) != before[0]
    assert stamp([later.pk]) != before[1]
