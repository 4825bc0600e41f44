"""A kept page's first read is one query (dashboard.opening): the reader's campaign as
current_campaign picks it, its last scored week, its stamp and his region's level, from SQL built
once per shape of reader. It must answer what the three reads it replaces answer, for every
role and scope, and its stamp must move whenever one of the stamp's inputs moves. A kept page
and its 304 never read a region's outline (up to 450 KB of GeoJSON)."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.choices import RegionLevel, Role
from dashboard.cache import stamp
from dashboard.opening import opening
from dashboard.rankings.running import running_refresh
from dashboard.selectors import latest_scored_week
from dashboard.services import outlook_compute
from projects.models import MonthlyPlan
from projects.selectors import current_campaign
from scoring.services import score_campaign_week
from tests.factories import (
    CampaignFactory,
    LeaderFactory,
    RegionFactory,
    UnitFactory,
    UserFactory,
)
from tests.scoring.factories import W46, W47, make_district

NOW = dt.datetime(2026, 11, 25, 10, 0)
pytestmark = pytest.mark.django_db
OUTLINE = {
    "type": "Polygon",
    "coordinates": [[[119.0, 36.7], [119.3, 36.7], [119.3, 36.9], [119.0, 36.9], [119.0, 36.7]]],
}


@pytest.fixture
def city(campaign, unit, leader):
    """The conftest district under a city with a second district; both scored W46 (the first
    W47 too), each region with an outline."""
    top = RegionFactory(code="city", name="市", level=RegionLevel.CITY, boundary=OUTLINE)
    first = campaign.region
    first.parent, first.boundary = top, OUTLINE
    first.save()
    make_district(campaign, unit, leader, 4)
    second = RegionFactory(code="zz-second", name="第二区", parent=top, boundary=OUTLINE)
    other = CampaignFactory(region=second)
    make_district(other, UnitFactory(region=second), LeaderFactory(region=second), 3)
    for each, week in ((campaign, W46), (campaign, W47), (other, W46)):
        score_campaign_week(campaign=each, week=week)
    return top, other


def readers(city, campaign, unit, leader):
    top, other = city
    region = campaign.region
    return [
        UserFactory(username="m", role=Role.MANAGER, region=region, unit=None),
        UserFactory(username="cm", role=Role.MANAGER, region=top, unit=None),
        UserFactory(username="s2", role=Role.SUPERVISOR, region=other.region, unit=None),
        UserFactory(username="l", role=Role.LEADER, region=region, unit=None, leader=leader),
        UserFactory(username="r", role=Role.REPORTER, region=region, unit=unit),
        UserFactory(username="su", role=Role.ADMIN, region=None, unit=None, is_superuser=True),
        UserFactory(username="sr", role=Role.ADMIN, region=top, unit=None, is_superuser=True),
        UserFactory(username="nobody", role=Role.MANAGER, region=None, unit=None),
        UserFactory(username="off", role=Role.MANAGER, region=top, unit=None, is_active=False),
    ]


@time_machine.travel(NOW)
def test_the_opening_answers_what_the_three_reads_answered(city, campaign, unit, leader):
    top, other = city
    compared = 0
    for user in readers(city, campaign, unit, leader):
        for year in (None, campaign.year, campaign.year - 1):
            for region in (None, campaign.region_id, other.region_id, top.pk):
                expected = current_campaign(user=user, year=year, region=region)
                opened = opening(user=user, year=year, region=region)
                if expected is None:
                    assert opened is None, (user.username, year, region)
                    continue
                compared += 1
                assert opened is not None, (user.username, year, region)
                assert opened.campaign.pk == expected.pk, (user.username, year, region)
                for field in ("year", "name", "investment_target", "deadline_time", "region_id"):
                    assert getattr(opened.campaign, field) == getattr(expected, field), field
                assert opened.last_week == latest_scored_week(expected)
                assert opened.stamp == stamp([expected.pk])
                level = user.region.level if user.region_id else None
                assert opened.reader_level == level
    assert compared > 10


@time_machine.travel(NOW)
def test_each_reader_gets_his_own_campaign_from_the_shared_sql(city, campaign, unit, leader):
    top, other = city
    district = UserFactory(username="m", role=Role.MANAGER, region=campaign.region, unit=None)
    second = UserFactory(username="m2", role=Role.MANAGER, region=other.region, unit=None)
    assert opening(user=district).campaign.pk == campaign.pk
    assert opening(user=second).campaign.pk == other.pk
    assert opening(user=district, region=other.region_id) is None  # not his
    assert opening(user=district).last_week == W47
    assert opening(user=second).last_week == W46


@time_machine.travel(NOW, tick=True)
@pytest.mark.parametrize(
    "change",
    ["run", "outlook", "marks", "target", "project", "unit", "leader", "region", "plan"],
)
def test_its_stamp_moves_when_each_input_moves(city, campaign, unit, leader, change):
    user = UserFactory(username="m", role=Role.MANAGER, region=campaign.region, unit=None)
    before = opening(user=user)
    assert before is not None and opening(user=user) == before  # reading moves nothing
    project = campaign.projects.order_by("pk").first()
    if change == "run":
        score_campaign_week(campaign=campaign, week=W47)
    elif change == "outlook":
        outlook_compute(campaign=campaign, week=W47)
    elif change == "marks":
        running_refresh(campaign)
    elif change == "target":
        campaign.investment_target += 1
        campaign.save()
    elif change == "project":
        project.name = "新名字"
        project.save()
    elif change == "unit":
        unit.name = "新单位名"
        unit.save()
    elif change == "leader":
        leader.name = "新领导"
        leader.save()
    elif change == "region":
        region = campaign.region
        region.name = "新区名"
        region.save()
    else:
        plan = MonthlyPlan.objects.filter(project=project).first()
        assert plan is not None
        plan.amount += 1
        plan.save()
    after = opening(user=user)
    assert after is not None
    assert after.stamp != before.stamp, change
    assert after.stamp == stamp([campaign.pk])


@time_machine.travel(NOW)
@pytest.mark.parametrize(
    "url",
    [
        "/dashboard/",
        "/dashboard/?card=red",
        "/dashboard/wall/",
        "/dashboard/map/",
        "/dashboard/rankings/?kind=projects&period=year",
        "/api/v1/rankings/?kind=projects&period=year",
    ],
)
@pytest.mark.parametrize("who", ["district", "city"])
def test_a_kept_page_and_its_304_read_no_outline_in_two_queries(
    client, city, campaign, session_queries, url, who
):
    top, _other = city
    region = campaign.region if who == "district" else top
    user = UserFactory(username="m", role=Role.MANAGER, region=region, unit=None)
    client.force_login(user)
    first = client.get(url)  # computed: the map and the wall draw the outline
    assert first.status_code == 200
    for headers in ({}, {"HTTP_IF_NONE_MATCH": first["ETag"]}):
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url, **headers)
        assert response.status_code == (304 if headers else 200)
        sql = [q["sql"] for q in ctx.captured_queries]
        assert not [q for q in sql if "boundary" in q], sql
        # The user and the first read (dashboard.opening); the session's row without Redis.
        assert len(sql) == 2 + session_queries, sql


@time_machine.travel(NOW)
def test_the_league_link_follows_the_reader_s_region_level(client, city, campaign):
    top, _other = city
    district = UserFactory(username="m", role=Role.MANAGER, region=campaign.region, unit=None)
    of_city = UserFactory(username="cm", role=Role.MANAGER, region=top, unit=None)
    for user, shown in ((district, False), (of_city, True)):
        client.force_login(user)
        body = client.get("/dashboard/").content.decode()
        assert ('href="/dashboard/league/' in body) is shown, user.username


@time_machine.travel(NOW)
def test_the_league_kept_and_its_304_read_no_outline(client, city, session_queries):
    """The league's region (deferred outline), its campaigns' stamp rows and their problems'
    last change: three queries past the user's."""
    top, _other = city
    client.force_login(UserFactory(username="cm", role=Role.MANAGER, region=top, unit=None))
    first = client.get("/dashboard/league/")
    assert first.status_code == 200
    for headers in ({}, {"HTTP_IF_NONE_MATCH": first["ETag"]}):
        with CaptureQueriesContext(connection) as ctx:
            response = client.get("/dashboard/league/", **headers)
        assert response.status_code == (304 if headers else 200)
        sql = [q["sql"] for q in ctx.captured_queries]
        assert not [q for q in sql if "boundary" in q], sql
        assert len(sql) == 4 + session_queries, sql


@time_machine.travel(NOW)
def test_the_league_stamp_is_its_campaigns_stamp_and_moves_with_one(city, campaign):
    from dashboard.cache import league_stamp

    top, other = city
    before = league_stamp(top)
    assert before.split("|")[0] == stamp([campaign.pk, other.pk])
    other.investment_target += 1
    other.save()
    assert league_stamp(top) != before
    assert league_stamp(top).split("|")[0] == stamp([campaign.pk, other.pk])
    assert league_stamp(None).split("|")[0] == stamp([campaign.pk, other.pk])  # top: the city's


@time_machine.travel(NOW)
def test_pages_that_draw_no_map_read_no_outline_even_computed(client, city, campaign):
    """A city's reader opening a district's dashboard from the league, and the league itself:
    the regions' names, not their outlines."""
    top, _other = city
    client.force_login(UserFactory(username="cm", role=Role.MANAGER, region=top, unit=None))
    for url in (f"/dashboard/?region={campaign.region_id}", "/dashboard/league/"):
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)  # the figures' cache is empty (conftest)
        assert response.status_code == 200, url
        assert not [q["sql"] for q in ctx.captured_queries if "boundary" in q["sql"]], url
        if "region=" in url:
            assert f"{campaign.region.name} · " in response.content.decode()
