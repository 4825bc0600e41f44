"""The wall screen's figures: the user's part of the week, the worst red first in pages, and the
whole standing; bad addresses get a page or a 404, never a 500."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from dashboard import views_wall
from scoring.services import score_campaign_week
from tests.scoring.factories import W47, make_project

NOW = dt.datetime(2026, 11, 25, 10, 0)


@time_machine.travel(NOW)
def test_the_wall_shows_counts_red_pages_and_standings(client, manager, district, monkeypatch):
    monkeypatch.setattr(views_wall, "RED_PER_PAGE", 3)
    client.force_login(manager)
    response = client.get(reverse("dashboard:wall"))
    assert response.status_code == 200
    counts = response.context["counts"]
    assert (counts.blue, counts.yellow, counts.red) == (2, 2, 4)
    pages = response.context["red_pages"]
    assert [len(p) for p in pages] == [3, 1]
    totals = [t.week_total for p in pages for t, _reason in p]
    assert totals == sorted(totals)  # the worst first
    assert all(reason for p in pages for _t, reason in p)
    assert [s["kind"] for s in response.context["standings"]] == [
        "projects",
        "projects",
        "units",
        "leaders",
    ]
    body = response.content.decode()
    assert 'class="topbar"' not in body and "js/wall.js" in body
    assert "<script>" not in body and "onload=" not in body  # no inline script (CSP)


@time_machine.travel(NOW)
def test_a_reporter_s_wall_is_his_part_with_the_whole_standing(
    client, reporter, campaign, other_unit, leader, district
):
    make_project(campaign, other_unit, leader, "good", name="别的单位的项目")
    score_campaign_week(campaign=campaign, week=W47)
    client.force_login(reporter)
    response = client.get(reverse("dashboard:wall"))
    assert response.context["counts"].total == 8
    week_standing = response.context["standings"][0]
    assert week_standing["of"] == 9 and "别的单位的项目" in response.content.decode()


@time_machine.travel(NOW)
@pytest.mark.parametrize(
    "query",
    [
        {"week": "abc"},
        {"week": "2026-W99"},
        {"week": "%00"},
        {"year": "abc"},
        {"year": "9" * 30},
        {"year": "%00"},
        {"year": "²"},
    ],
)
def test_hostile_parameters_are_a_page_a_400_or_a_404(client, manager, district, query):
    client.force_login(manager)
    assert client.get(reverse("dashboard:wall"), query).status_code in (200, 400, 404)


def test_anonymous_goes_to_login(client, db):
    response = client.get(reverse("dashboard:wall"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
