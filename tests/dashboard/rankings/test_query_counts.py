"""The rankings pages, the scorecards and the rankings API read a fixed number of queries: a
district of 3n projects (and 3n units and leaders) costs what one of n costs, whether the stored
running sums cover the period or the weekly scores are aggregated."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from accounts.choices import Role
from dashboard.models import RunningMark
from dashboard.rankings.running import running_refresh
from scoring.services import score_campaign_week
from tests.factories import CampaignFactory, LeaderFactory, RegionFactory, UnitFactory, UserFactory
from tests.scoring.factories import KINDS, W46, W47, make_project

NOW = dt.datetime(2026, 11, 25, 10, 0)
pytestmark = pytest.mark.django_db

KIND_NAMES = ("projects", "units", "leaders")
PERIODS = ("week", "month", "year")


def district(code: str, count: int, *, running: bool):
    """``count`` projects, each of its own unit and leader, W46 and W47 scored; returns the
    manager, a reporter of the first unit, and the first unit and leader."""
    region = RegionFactory(code=code, name=f"{code}区")
    campaign = CampaignFactory.create(region=region)
    units = [UnitFactory(region=region, name=f"{code}单位{i}") for i in range(count)]
    leaders = [LeaderFactory(region=region, name=f"{code}领导{i}") for i in range(count)]
    for i in range(count):
        make_project(campaign, units[i], leaders[i], KINDS[i % 4])
    for week in (W46, W47):
        score_campaign_week(campaign=campaign, week=week)
    if running:
        running_refresh(campaign)
    else:
        RunningMark.objects.filter(campaign=campaign).delete()  # the aggregate's path
    manager = UserFactory(username=f"{code}-m", role=Role.MANAGER, region=region, unit=None)
    reporter = UserFactory(username=f"{code}-r", role=Role.REPORTER, region=region, unit=units[0])
    return manager, reporter, units[0], leaders[0]


def urls(unit, leader) -> list[str]:
    pages = [f"/dashboard/rankings/?kind={k}&period={p}" for k in KIND_NAMES for p in PERIODS]
    pages += [f"/dashboard/units/{unit.pk}/", f"/dashboard/leaders/{leader.pk}/"]
    api = [f"/api/v1/rankings/?kind={k}&period={p}" for k in KIND_NAMES for p in PERIODS]
    return pages + api


def queries(client, url) -> int:
    client.get(url)  # warm: sessions, content types, translations
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(ctx.captured_queries)


def counts(user, unit, leader) -> list[int]:
    client = APIClient()
    client.force_login(user)
    return [queries(client, url) for url in urls(unit, leader)]


@pytest.mark.parametrize("running", [True, False], ids=["running-sums", "aggregate"])
@time_machine.travel(NOW)
def test_rankings_read_the_same_queries_for_three_times_the_projects(running):
    small_manager, small_reporter, small_unit, small_leader = district("s", 4, running=running)
    big_manager, big_reporter, big_unit, big_leader = district("b", 12, running=running)
    names = urls(small_unit, small_leader)
    grew = {}
    for role, small_user, big_user in (
        ("manager", small_manager, big_manager),
        ("reporter", small_reporter, big_reporter),
    ):
        small = counts(small_user, small_unit, small_leader)
        big = counts(big_user, big_unit, big_leader)
        for name, a, b in zip(names, small, big, strict=True):
            if a != b:
                grew[f"{role} {name}"] = (a, b)
    assert not grew, f"queries changed with the number of projects (n, 3n): {grew}"
