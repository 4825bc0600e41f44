"""The competition (大比拼) is public inside the district: every role sees the whole standing of
projects, units and leaders, with the card; only what a person may open is a link."""

import datetime as dt
import re

import pytest
import time_machine
from django.urls import reverse

from accounts.choices import Role
from scoring.services import score_campaign_week
from tests.factories import LeaderFactory, UserFactory
from tests.scoring.factories import W46, W47, make_project

NOW = dt.datetime(2026, 11, 25, 10, 0)


@pytest.fixture
def district(campaign, unit, other_unit, leader):
    """Leader 张 owns three good projects of the 住建局; 李 owns the 工信局's weaker three."""
    li = LeaderFactory(region=campaign.region, name="李副区长")
    ours = [
        make_project(campaign, unit, leader, kind, name=f"住建{kind}")
        for kind in ("good", "good", "late")
    ]
    theirs = [
        make_project(campaign, other_unit, li, kind, name=f"工信{kind}")
        for kind in ("good", "missing", "lagging")
    ]
    for week in (W46, W47):
        score_campaign_week(campaign=campaign, week=week)
    return {"ours": ours, "theirs": theirs, "li": li}


def rows(response):
    return response.context["table"].data.data


@time_machine.travel(NOW)
def test_a_reporter_sees_every_project_ranked_and_opens_only_his(client, reporter, district):
    client.force_login(reporter)
    response = client.get(reverse("dashboard:rankings"), {"kind": "projects", "period": "week"})
    ranked = rows(response)
    assert len(ranked) == 6  # not just his unit's three, ranked 1–3
    linked = {r.name for r in ranked if r.url}
    assert linked == {p.name for p in district["ours"]}
    body = response.content.decode()
    for project in district["theirs"]:
        assert project.name in body
        assert reverse("projects:detail", args=[project.pk]) not in body
    assert {r.card for r in ranked} == {"blue", "yellow", "red"}
    assert 'class="card card-red"' in body  # the card column


@time_machine.travel(NOW)
def test_units_and_leaders_link_only_where_the_viewer_sees_a_project(client, reporter, district):
    client.force_login(reporter)
    units = rows(client.get(reverse("dashboard:rankings"), {"kind": "units", "period": "year"}))
    assert len(units) == 2
    assert [bool(r.url) for r in units] == [True, False]  # his 住建局 leads and is his to open
    assert units[0].card_counts and sum(n for _c, n in units[1].card_counts) == 3


@time_machine.travel(NOW)
def test_the_leader_s_scorecard_ranks_him_among_all_leaders(client, campaign, district):
    li = UserFactory(role=Role.LEADER, region=campaign.region, unit=None, leader=district["li"])
    client.force_login(li)
    response = client.get(reverse("dashboard:leader", args=[district["li"].pk]))
    body = re.sub(r"\s+", " ", response.content.decode())
    # 2nd of 2 leaders, where it said "本年度排名第1（共1）" counting only his own
    assert response.context["standing"].standing.rank == 2 and response.context["of"] == 2
    assert "本年度排名第2（共2）" in body


@time_machine.travel(NOW)
def test_a_handler_sees_the_rankings_too(client, handler, district):
    client.force_login(handler)
    response = client.get(reverse("dashboard:rankings"))
    assert response.status_code == 200 and len(rows(response)) == 6
    assert not any(r.url for r in rows(response))
    assert f'href="{reverse("dashboard:rankings")}"' in response.content.decode()  # in the menu


@time_machine.travel(NOW)
@pytest.mark.parametrize(
    "query", [{"page": "-1"}, {"page": "x"}, {"kind": "nope"}, {"period": "%00"}, {"week": "abc"}]
)
def test_hostile_parameters(client, reporter, district, query):
    client.force_login(reporter)
    # Its page, a 404, or a 400 that says which parameter is wrong: never a server error.
    assert client.get(reverse("dashboard:rankings"), query).status_code in (200, 400, 404)
