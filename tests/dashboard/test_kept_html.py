"""The figures' part of each manager's page is kept drawn (dashboard.cache.kept_html): a second
reader of the same scope gets the kept HTML (its template is not drawn again) with his own menu,
name and CSRF token around it; a reader of another scope or language gets his own; a new
scoring run draws it again; and with the cache down every page is still drawn whole."""

import datetime as dt
import re

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.choices import RegionLevel, Role
from projects.choices import Card
from scoring.models import WeeklyScore
from scoring.services import score_adjust, score_campaign_week
from tests.dashboard.test_figures_cache import BrokenCache
from tests.factories import RegionFactory, UserFactory
from tests.scoring.factories import W47, make_project

NOW = dt.datetime(2026, 11, 25, 10, 0)
pytestmark = pytest.mark.django_db

# Each page and the template of its kept part.
PAGES = {
    "/dashboard/": "dashboard/_dashboard.html",
    "/dashboard/?card=red": "dashboard/_dashboard.html",
    "/dashboard/wall/": "dashboard/_wall.html",
    "/dashboard/map/": "dashboard/_map.html",
    "/dashboard/rankings/?kind=projects&period=year": "dashboard/_rankings.html",
    "/dashboard/rankings/?kind=units&period=year": "dashboard/_rankings.html",
}
API = "/api/v1/rankings/?kind=projects&period=year"


def drawn(response) -> set[str]:
    return {t.name for t in response.templates}


def measured(client, url, **headers):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, **headers)
    assert response.status_code == 200, url
    return response, len(ctx.captured_queries)


def without_reader(body: str) -> str:
    """The page less what is drawn per request: the menu, the CSRF tokens, the wall's clock."""
    body = re.sub(r'<header class="topbar">.*?</header>', "", body, flags=re.S)
    return re.sub(r'<div class="wall-clock">.*?</div>', "", body, flags=re.S)


@time_machine.travel(NOW)
@pytest.mark.parametrize("url", PAGES)
def test_a_second_reader_of_the_same_scope_gets_the_kept_part(
    client, manager, supervisor, district, url
):
    supervisor.first_name, supervisor.last_name = "", "督查员乙"
    supervisor.save()
    client.force_login(manager)
    client.get("/projects/")  # the session, the user, the translations: not the page's
    first, cold = measured(client, url)
    assert PAGES[url] in drawn(first)
    other = Client()  # a region's supervisor, in his own browser, sees what its manager sees
    other.force_login(supervisor)
    other.get("/projects/")
    second, warm = measured(other, url)
    assert PAGES[url] not in drawn(second), "the kept part was drawn again"
    assert warm < cold
    assert without_reader(second.content.decode()) == without_reader(first.content.decode())
    if "wall" not in url:  # the wall names nobody; the other pages name who reads them
        body = second.content.decode()
        assert supervisor.display_name in body and manager.display_name not in body
        assert 'name="csrfmiddlewaretoken"' in body
        assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value


@time_machine.travel(NOW)
def test_the_api_keeps_the_body_it_sent(client, manager, supervisor, district):
    client.force_login(manager)
    first, cold = measured(client, API)
    client.force_login(supervisor)
    second, warm = measured(client, API)
    assert second.content == first.content and second["Content-Type"] == "application/json"
    assert warm < cold
    assert [r["name"] for r in second.json()["results"]][:1] == [
        r["name"] for r in first.json()["results"]
    ][:1]


@time_machine.travel(NOW)
@pytest.mark.parametrize("url", [*(u for u in PAGES if "card=" not in u), API])
def test_a_reader_of_another_scope_gets_his_own(
    client, manager, reporter, campaign, other_unit, leader, district, url
):
    theirs = make_project(campaign, other_unit, leader, "good", name="别的单位的项目")
    score_campaign_week(campaign=campaign, week=W47)
    client.force_login(manager)
    mine = client.get(url)
    client.force_login(reporter)  # sees his unit's projects only, and opens only them
    his = client.get(url)
    assert his.status_code == 200
    if url == API:
        # The whole standing, public inside the region: the same rows, kept apart all the same.
        assert his["ETag"] != mine["ETag"] and his.json() == mine.json()
        return
    assert PAGES[url] in drawn(his), "another scope's kept part was shown"
    if "rankings" in url:
        link = f"/projects/{theirs.pk}/" if "projects" in url else f"/units/{other_unit.pk}/"
        assert link in mine.content.decode() and link not in his.content.decode()
    else:
        assert (mine.context["counts"].total, his.context["counts"].total) == (9, 8)


@time_machine.travel(NOW)
@pytest.mark.parametrize("url", PAGES)
def test_another_language_is_drawn_in_its_language(client, manager, district, url):
    client.force_login(manager)
    chinese = client.get(url).content.decode()
    client.cookies["django_language"] = "en"
    english = client.get(url)
    assert PAGES[url] in drawn(english)
    kept = english.content.decode().split("</header>", 1)[1]
    assert "Blue" in kept or "Rank" in kept
    assert "蓝" not in kept.replace("蓝黄红", "") and ("蓝" in chinese or "排名" in chinese)


@time_machine.travel(NOW)
@pytest.mark.parametrize("url", PAGES)
def test_a_new_scoring_run_draws_the_new_figures(client, manager, supervisor, district, url):
    client.force_login(manager)
    client.get(url)
    score = WeeklyScore.objects.filter(week=W47, card=Card.BLUE).first()
    score_adjust(score=score, points=-100, reason="核查发现虚报", user=supervisor)
    again = client.get(url)
    assert PAGES[url] in drawn(again), "the old figures' HTML was shown after a rescoring"
    if "rankings" not in url:
        assert again.context["counts"].red == 5


@time_machine.travel(NOW)
def test_a_district_superuser_and_a_regionless_one_share_figures_not_the_league_link(
    client, district, campaign
):
    """Both see everything (one scope), but only the one over no district gets the link to
    the league of districts: the link is in the kept part's key."""
    city = RegionFactory(code="city", name="市", level=RegionLevel.CITY)
    campaign.region.parent = city
    campaign.region.save()
    here = UserFactory(username="root-d", role=Role.MANAGER, region=campaign.region, unit=None)
    anywhere = UserFactory(username="root-a", role=Role.MANAGER, region=None, unit=None)
    for user in (here, anywhere):
        user.is_superuser = True
        user.save()
    client.force_login(here)
    assert "/dashboard/league/" not in client.get("/dashboard/").content.decode()
    client.force_login(anywhere)
    assert "/dashboard/league/" in client.get("/dashboard/").content.decode()


@time_machine.travel(NOW)
@pytest.mark.parametrize("url", [*PAGES, API])
def test_with_the_cache_down_every_page_is_drawn_whole(client, settings, manager, district, url):
    settings.CACHES = {"default": {"BACKEND": f"{BrokenCache.__module__}.BrokenCache"}}
    client.force_login(manager)
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    if url == API:
        assert len(response.json()["results"]) == 8
    else:
        assert PAGES[url] in drawn(response)
        assert 'class="topbar"' in body or "wall" in url
        assert any(mark in body for mark in ("tile tile-", "card card-", "dot-red", "wall-count"))


OUTLINE = {
    "type": "Polygon",
    "coordinates": [[[119.1, 36.7], [119.4, 36.7], [119.4, 36.9], [119.1, 36.9], [119.1, 36.7]]],
}


@time_machine.travel(NOW)
@pytest.mark.parametrize("url", ["/dashboard/map/", "/dashboard/wall/"])
def test_a_new_outline_of_the_region_is_drawn_without_a_scoring_run(
    client, manager, campaign, district, url
):
    """The outline is set in the admin, not by a scoring run: the region's change is in the
    pages' stamp, so in the kept part's key and in the ETag."""
    client.force_login(manager)
    before = client.get(url)
    assert PAGES[url] in drawn(before)
    region = campaign.region
    region.boundary = OUTLINE
    region.save()
    after = client.get(url, HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200, "a client holding the old outline was told it is current"
    assert PAGES[url] in drawn(after), "the old outline was served from the kept part"
    assert without_reader(after.content.decode()) != without_reader(before.content.decode())


@time_machine.travel(NOW)
def test_a_parameter_no_page_reads_is_drawn_not_kept(client, manager, district):
    """Made-up parameters would each make a new kept entry, and the pager's links repeat them."""
    client.force_login(manager)
    for _ in range(2):  # the same address twice: drawn both times
        response = client.get("/dashboard/?utm_source=x1")
        assert "dashboard/_dashboard.html" in drawn(response)
    client.get("/dashboard/?card=red")
    again = client.get("/dashboard/?card=red")
    assert "dashboard/_dashboard.html" not in drawn(again), "a page's own filter is kept"
