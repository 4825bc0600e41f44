"""Each page reads a fixed number of queries: a city of two small districts and one of four
larger ones (twice the districts, four times the projects) cost the same queries per page, for
the city's manager and for a district's supervisor. A page that grows with the data would
collapse at province scale long before its SQL did."""

import datetime as dt

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.choices import RegionLevel, Role
from scoring.services import score_campaign_week
from tests.factories import CampaignFactory, LeaderFactory, RegionFactory, UnitFactory, UserFactory
from tests.scoring.factories import W46, W47, make_district

NOW = dt.datetime(2026, 11, 25, 10, 0)
pytestmark = pytest.mark.django_db

CITY_PAGES = [
    "/dashboard/league/",
    "/dashboard/",
    "/dashboard/rankings/",
    "/dashboard/wall/",
    "/dashboard/map/",
    "/api/v1/rankings/",
    "/projects/",
    "/reports/",
]
DISTRICT_PAGES = [
    "/dashboard/",
    "/dashboard/rankings/",
    "/dashboard/rankings/?kind=units&period=year",
    "/dashboard/wall/",
    "/dashboard/map/",
    "/api/v1/rankings/",
    "/api/v1/rankings/?kind=leaders&period=month",
    "/projects/",
    "/review/",
    "/problems/",
    "/reports/",
    "/scoring/flags/",
]


def city(code: str, districts: int, projects: int):
    """A city of ``districts`` districts of ``projects`` projects each, W46 and W47 scored;
    returns the city's manager and the first district's supervisor."""
    top = RegionFactory(code=code, name=f"{code}市", level=RegionLevel.CITY)
    first = None
    for n in range(districts):
        region = RegionFactory(
            code=f"{code}-{n}", name=f"{code}第{n}区", level=RegionLevel.DISTRICT, parent=top
        )
        campaign = CampaignFactory.create(region=region)
        unit, leader = UnitFactory(region=region), LeaderFactory(region=region)
        make_district(campaign, unit, leader, projects)
        for week in (W46, W47):
            score_campaign_week(campaign=campaign, week=week)
        first = first or region
    manager = UserFactory(username=f"{code}-m", role=Role.MANAGER, region=top, unit=None)
    supervisor = UserFactory(username=f"{code}-s", role=Role.SUPERVISOR, region=first, unit=None)
    return manager, supervisor


def queries(client, user, url) -> tuple[int, ...]:
    """The page's queries computed (the figures' cache empty) and read from the cache."""
    client.force_login(user)
    client.get(url)  # warm: sessions, content types, translations
    counts = []
    for empty in (True, False):
        if empty:
            cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        counts.append(len(ctx.captured_queries))
    return tuple(counts)


@time_machine.travel(NOW)
def test_no_page_reads_more_queries_for_more_districts_or_projects(client):
    small_manager, small_supervisor = city("small", 2, 4)
    big_manager, big_supervisor = city("big", 4, 16)
    grew = {}
    for url in CITY_PAGES:
        small, big = queries(client, small_manager, url), queries(client, big_manager, url)
        if any(b > s for s, b in zip(small, big, strict=True)):
            grew[f"city {url}"] = (small, big)
    for url in DISTRICT_PAGES:
        small, big = queries(client, small_supervisor, url), queries(client, big_supervisor, url)
        if any(b > s for s, b in zip(small, big, strict=True)):
            grew[f"district {url}"] = (small, big)
    assert not grew, f"queries (computed, cached) grew with the data (small, big): {grew}"


@time_machine.travel(NOW)
def test_the_wall_reads_the_running_sums_once_for_its_four_standings(client):
    """Four standings of two periods each shared one reading (rankings.Reading): 68 queries
    computed became 35 at province scale."""
    from dashboard.rankings.running import running_refresh
    from projects.models import Campaign

    manager, _supervisor = city("wall", 2, 4)
    for campaign in Campaign.objects.all():
        running_refresh(campaign)
    cache.clear()
    client.force_login(manager)
    client.get("/projects/")
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/dashboard/wall/").status_code == 200
    marks = [
        q for q in ctx.captured_queries if q["sql"].startswith('SELECT "dashboard_runningmark"')
    ]
    assert len(marks) == 1, f"{len(marks)} readings of the running marks"
