"""The dashboard's figures are computed once per scoring run (dashboard.cache) and answer an
empty 304 while unchanged (config.conditional): a second view reads far fewer queries, a new
scoring run or an adjustment shows at once, one region's figures never show to another's
reader, another person's ETag never validates, and with the cache down the pages still work."""

import datetime as dt

import pytest
import time_machine
from django.core.cache.backends.base import BaseCache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.choices import RegionLevel, Role
from projects.choices import Card
from scoring.models import WeeklyScore
from scoring.services import score_adjust, score_campaign_week
from tests.factories import CampaignFactory, LeaderFactory, RegionFactory, UnitFactory, UserFactory
from tests.scoring.factories import W46, make_district

NOW = dt.datetime(2026, 11, 25, 10, 0)
pytestmark = pytest.mark.django_db
PAGES = [
    "/dashboard/",
    "/dashboard/?card=red",
    "/dashboard/rankings/?kind=units&period=year",
    "/dashboard/wall/",
    "/dashboard/map/",
    "/api/v1/rankings/",
]


@pytest.fixture
def district(campaign, unit, leader):
    projects = make_district(campaign, unit, leader, 8)
    score_campaign_week(campaign=campaign, week=W46)
    return projects


def measured(client, url, **headers):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, **headers)
    return response, len(ctx.captured_queries)


@time_machine.travel(NOW)
@pytest.mark.parametrize("url", PAGES)
def test_a_second_view_reads_far_fewer_queries(client, manager, district, url):
    client.force_login(manager)
    client.get("/projects/")  # the session, the user, the translations: not the page's
    first, cold = measured(client, url)
    second, warm = measured(client, url)
    assert first.status_code == second.status_code == 200
    # The map reads few queries (its weight is the dots): the others drop by half at least.
    assert warm * (1.3 if "map" in url else 2) <= cold, f"{url}: {cold} queries, then {warm}"


@time_machine.travel(NOW)
def test_a_rescoring_shows_at_once(client, manager, supervisor, district, campaign):
    client.force_login(manager)
    first = client.get("/dashboard/")
    red = first.context["counts"].red
    score = WeeklyScore.objects.filter(week=W46, card=Card.BLUE).first()
    # An adjustment rescores one project: no new run, the same week, yet a new key.
    score_adjust(score=score, points=-100, reason="核查发现虚报", user=supervisor)
    again = client.get("/dashboard/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert again.context["counts"].red == red + 1
    assert score.project.pk in {t.pk for t, _reason in again.context["red_list"]}


@time_machine.travel(NOW)
def test_one_region_never_gets_another_s_figures(client, supervisor, district):
    city = RegionFactory(code="other-city", name="别的市", level=RegionLevel.CITY)
    other = RegionFactory(code="other", name="别的区", level=RegionLevel.DISTRICT, parent=city)
    theirs = make_district(
        CampaignFactory(region=other), UnitFactory(region=other), LeaderFactory(region=other), 3
    )
    score_campaign_week(campaign=theirs[0].campaign, week=W46)
    reader = UserFactory(username="other-s", role=Role.SUPERVISOR, region=other, unit=None)
    for url in ("/dashboard/", "/dashboard/wall/", "/dashboard/map/"):
        client.force_login(supervisor)
        mine = client.get(url)
        client.force_login(reader)
        shown = client.get(url, HTTP_IF_NONE_MATCH=mine["ETag"])
        assert shown.status_code == 200, url
        assert shown.context["counts"].total == 3, url
    body = client.get("/dashboard/").content.decode()  # the kept HTML of his own figures
    assert all(f"/projects/{p.pk}/" in body for p in theirs)
    assert not any(f"/projects/{p.pk}/" in body for p in district)


@time_machine.travel(NOW)
@pytest.mark.parametrize("url", [*PAGES, "/dashboard/league/"])
def test_unchanged_answers_an_empty_304_until_the_next_scoring_run(
    client, manager, district, campaign, url
):
    city = RegionFactory(code="city", name="市", level=RegionLevel.CITY)
    campaign.region.parent = city
    campaign.region.save()
    reader = manager
    if url == "/dashboard/league/":
        reader = UserFactory(username="city-m", role=Role.MANAGER, region=city, unit=None)
    client.force_login(reader)
    first = client.get(url)
    assert first.status_code == 200 and first["ETag"]
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    score_campaign_week(campaign=campaign, week=W46)  # the week scored again: a new run
    after = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert after.status_code == 200 and after["ETag"] != first["ETag"]


@time_machine.travel(NOW)
def test_another_person_s_etag_does_not_validate(client, manager, reporter, district):
    client.force_login(manager)
    etag = client.get("/dashboard/")["ETag"]
    client.force_login(reporter)
    assert client.get("/dashboard/", HTTP_IF_NONE_MATCH=etag).status_code == 200


class BrokenCache(BaseCache):
    """Redis down: every read and write fails."""

    def __init__(self, location, params):
        super().__init__(params)

    def get(self, key, default=None, version=None):
        raise ConnectionError("redis is down")

    def set(self, key, value, timeout=None, version=None):
        raise ConnectionError("redis is down")

    def clear(self):
        pass


@time_machine.travel(NOW)
@pytest.mark.parametrize("url", [*PAGES, "/dashboard/league/"])
def test_without_a_working_cache_the_pages_still_answer(client, settings, city_manager, url):
    settings.CACHES = {"default": {"BACKEND": f"{__name__}.BrokenCache"}}
    client.force_login(city_manager)
    response = client.get(url)
    assert response.status_code == 200, url
    assert client.get(url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


@pytest.fixture
def city_manager(manager, district, campaign):
    """A city's manager over the district: every page, the league too, is his."""
    city = RegionFactory(code="city", name="市", level=RegionLevel.CITY)
    campaign.region.parent = city
    campaign.region.save()
    return UserFactory(username="city-m", role=Role.MANAGER, region=city, unit=None)


@time_machine.travel(NOW)
def test_the_scores_feed_answers_304_until_a_rescoring(client, manager, supervisor, district):
    client.force_login(manager)
    url = "/api/v1/scores/?updated_since=2026-11-01T00:00"
    first = client.get(url)
    assert first.status_code == 200 and len(first.json()["results"]) == 8
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    score = WeeklyScore.objects.filter(week=W46, card=Card.BLUE).first()
    score_adjust(score=score, points=-100, reason="核查发现虚报", user=supervisor)
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200
