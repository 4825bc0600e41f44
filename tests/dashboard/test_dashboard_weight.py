"""The dashboard's weight and figures: tiles a page at a time, the red list paged, the changes
filtered, and the 加快建设 tile with how many are on track beside its target."""

import datetime as dt
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.choices import Role
from dashboard import views
from dashboard.services import outlook_compute
from scoring.services import score_campaign_week
from tests.factories import LeaderFactory, UserFactory
from tests.scoring.factories import W47, make_district, make_project

NOW = dt.datetime(2026, 11, 25, 10, 0)


def kpi(response) -> str:
    body = response.content.decode()
    start = body.index('class="kpi kpi-accelerate"')
    return body[start : body.index("</div>", start)]


@time_machine.travel(NOW)
def test_the_accelerate_tile_shows_on_track_beside_the_target(client, manager, campaign, district):
    outlook_compute(campaign=campaign, week=W47)
    client.force_login(manager)
    response = client.get(reverse("dashboard:dashboard"))
    # good and late projects keep their pace to the plan; missing and lagging do not.
    assert response.context["targets"].accelerate_on_track == 4
    assert "4 / 38" in kpi(response) and "进度达标 / 目标数" in kpi(response)


@time_machine.travel(NOW)
def test_a_leader_s_part_is_forecast_for_the_tile(client, campaign, other_unit, district):
    own = LeaderFactory(region=campaign.region, name="李副区长")
    make_project(campaign, other_unit, own, "good")
    make_project(campaign, other_unit, own, "lagging")
    score_campaign_week(campaign=campaign, week=W47)
    user = UserFactory(role=Role.LEADER, region=campaign.region, unit=None, leader=own)
    client.force_login(user)
    response = client.get(reverse("dashboard:dashboard"))
    assert response.context["targets"].outlook is None  # the outlook is campaign-wide
    assert "1 / 2" in kpi(response)


@time_machine.travel(NOW)
def test_tiles_come_a_page_at_a_time_and_the_counts_stay_whole(
    client, manager, district, monkeypatch
):
    monkeypatch.setattr(views, "TILES_PER_PAGE", 3)
    client.force_login(manager)
    first = client.get(reverse("dashboard:dashboard"))
    assert len(first.context["page"].object_list) == 3
    counts = first.context["counts"]
    assert (counts.blue, counts.yellow, counts.red) == (2, 2, 4)
    body = first.content.decode()
    assert body.count('class="tile ') == 3 and "page=2" in body
    last = client.get(reverse("dashboard:dashboard"), {"page": 3})
    assert len(last.context["page"].object_list) == 2
    # Page 3 again is the kept HTML (dashboard.cache.kept_html): read the tiles drawn.
    names = {
        name
        for p in (1, 2, 3)
        for name in re.findall(
            r'<span class="tile-name">([^<]*)</span>',
            client.get(reverse("dashboard:dashboard"), {"page": p}).content.decode(),
        )
    }
    assert names == {p.name for p in district}


@time_machine.travel(NOW)
def test_the_red_list_is_paged_with_its_reasons(client, manager, district, monkeypatch):
    monkeypatch.setattr(views, "LIST_LIMIT", 3)
    client.force_login(manager)
    first = client.get(reverse("dashboard:dashboard"))
    second = client.get(reverse("dashboard:dashboard"), {"red_page": 2})
    shown = [t.pk for t, _r in first.context["red_list"] + second.context["red_list"]]
    assert len(first.context["red_list"]) == 3 and len(shown) == len(set(shown)) == 4
    assert all(reason for _t, reason in second.context["red_list"])
    assert "red_page=2" in first.content.decode()


@time_machine.travel(NOW)
def test_the_changes_link_to_all_of_them(client, manager, district):
    client.force_login(manager)
    response = client.get(reverse("dashboard:dashboard"), {"changed": "on"})
    changed = response.context["changed_count"]
    tiles = response.context["page"].object_list
    assert changed and len(tiles) == changed
    assert all(t.week_card != t.prev_card for t in tiles)


@time_machine.travel(NOW)
def test_queries_do_not_grow_with_pages(client, manager, campaign, unit, leader, monkeypatch):
    monkeypatch.setattr(views, "TILES_PER_PAGE", 4)
    make_district(campaign, unit, leader, 4)
    score_campaign_week(campaign=campaign, week=W47)
    client.force_login(manager)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("dashboard:dashboard")).status_code == 200
        return len(ctx.captured_queries)

    few = count()
    make_district(campaign, unit, leader, 12)
    score_campaign_week(campaign=campaign, week=W47)
    assert count() == few


@time_machine.travel(NOW)
@pytest.mark.parametrize(
    "query",
    [
        {"page": "-1"},
        {"page": "abc"},
        {"page": "9" * 30},
        {"red_page": "%00"},
        {"changed": "maybe"},
        {"card": "purple"},
        {"unit": "abc"},
    ],
)
def test_hostile_parameters_get_the_normal_page(client, manager, district, query):
    client.force_login(manager)
    assert client.get(reverse("dashboard:dashboard"), query).status_code == 200


@time_machine.travel(NOW)
def test_the_old_wall_address_goes_to_the_wall_screen(client, manager, district):
    client.force_login(manager)
    response = client.get(reverse("dashboard:dashboard"), {"wall": "1", "week": "2026-W47"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("dashboard:wall"))
    assert "week=2026-W47" in response["Location"]
