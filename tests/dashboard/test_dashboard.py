"""The colour-card dashboard, rankings, scorecards and the stored outlook, on real scores."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dashboard.models import Outlook
from dashboard.services import outlook_compute
from scoring.services import score_campaign_week
from tests.factories import ProjectFactory
from tests.scoring.factories import W47, make_district, make_project

NOW = dt.datetime(2026, 11, 25, 10, 0)


def tiles_of(response):
    return {t.name: t.week_card for t in response.context["page"].object_list}


@time_machine.travel(NOW)
def test_dashboard_shows_cards_counts_red_list_and_changes(client, manager, district):
    client.force_login(manager)
    response = client.get(reverse("dashboard:dashboard"))
    assert response.status_code == 200
    counts = response.context["counts"]
    assert (counts.blue, counts.yellow, counts.red) == (2, 2, 4)
    red = response.context["red_list"]
    assert len(red) == 4 and all(reason for _tile, reason in red)
    # "late" turned yellow in W47 (late report) and "missing" went red after two missing weeks.
    changed = {t.pk for t in response.context["changed"]}
    assert changed and changed <= {p.pk for p in district}
    body = response.content.decode()
    assert 'class="tile tile-red"' in body and "<svg" in body


@time_machine.travel(NOW)
def test_dashboard_filters_to_red(client, manager, district):
    client.force_login(manager)
    response = client.get(reverse("dashboard:dashboard"), {"card": "red"})
    assert set(tiles_of(response).values()) == {"red"}


@time_machine.travel(NOW)
def test_dashboard_is_scoped(client, reporter, other_unit, campaign, leader, district):
    hidden = make_project(campaign, other_unit, leader, "good", name="别的单位的项目")
    score_campaign_week(campaign=campaign, week=W47)
    client.force_login(reporter)
    response = client.get(reverse("dashboard:dashboard"))
    names = tiles_of(response)
    assert hidden.name not in names and len(names) == 8
    # The outlook is campaign-wide: a unit sees its own plan as the target, without it.
    assert response.context["targets"].outlook is None


@time_machine.travel(NOW)
def test_dashboard_queries_do_not_grow(client, manager, campaign, unit, leader):
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
def test_outlook_is_stored_and_shown(client, manager, campaign, district):
    outlook = outlook_compute(campaign=campaign, week=W47)
    data = outlook.data
    assert Decimal(data["gap"]) == Decimal(data["target"]) - Decimal(data["year_end"])
    assert (
        data["carriers"] and data["carriers"][0]["shortfall"] >= data["carriers"][-1]["shortfall"]
    )
    outlook_compute(campaign=campaign, week=W47)
    assert Outlook.objects.count() == 1  # recomputing replaces, never duplicates
    client.force_login(manager)
    response = client.get(reverse("dashboard:dashboard"))
    assert response.context["targets"].outlook["year_end"] == data["year_end"]


@time_machine.travel(NOW)
@pytest.mark.parametrize("kind", ["projects", "units", "leaders"])
@pytest.mark.parametrize("period", ["week", "month", "year"])
def test_rankings_render(client, manager, district, kind, period):
    client.force_login(manager)
    response = client.get(reverse("dashboard:rankings"), {"kind": kind, "period": period})
    assert response.status_code == 200
    rows = response.context["table"].data.data
    assert rows and rows[0].standing.rank == 1


@time_machine.travel(NOW)
def test_project_ranking_orders_by_average_and_shows_change(client, manager, district):
    client.force_login(manager)
    response = client.get(reverse("dashboard:rankings"), {"kind": "projects", "period": "week"})
    rows = response.context["table"].data.data
    scores = [r.standing.score for r in rows if r.standing.score is not None]
    assert scores == sorted(scores, reverse=True)
    assert any(r.change not in (None, 0) for r in rows) or len({r.standing.rank for r in rows}) < 8


@time_machine.travel(NOW)
def test_scorecards_and_their_scope(
    client, manager, reporter, other_reporter, unit, leader, district
):
    client.force_login(manager)
    assert client.get(reverse("dashboard:unit", args=[unit.pk])).status_code == 200
    assert client.get(reverse("dashboard:leader", args=[leader.pk])).status_code == 200
    client.force_login(other_reporter)
    assert client.get(reverse("dashboard:unit", args=[unit.pk])).status_code == 404
    client.force_login(reporter)
    assert client.get(reverse("dashboard:unit", args=[unit.pk])).status_code == 200


@pytest.mark.parametrize("name", ["dashboard:dashboard", "dashboard:rankings"])
def test_anonymous_goes_to_login(client, db, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@time_machine.travel(NOW)
def test_no_scores_yet_is_said(client, manager, campaign, unit, leader):
    ProjectFactory(campaign=campaign, unit=unit, leader=leader)
    client.force_login(manager)
    response = client.get(reverse("dashboard:dashboard"))
    assert response.status_code == 200
    assert response.context["counts"].unscored == 1
