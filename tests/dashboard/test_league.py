"""The league of districts: a city's districts side by side (a province's cities), ranked with
the change of rank, each linking to its own dashboard; scoped to the regions under the user's;
a fixed number of queries whatever the number of districts."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.choices import RegionLevel, Role
from dashboard.league import league
from problems.choices import Status
from problems.models import Problem
from projects.models import WeeklyReport
from scoring.services import score_campaign_week
from tests.factories import (
    CampaignFactory,
    DepartmentFactory,
    LeaderFactory,
    RegionFactory,
    UnitFactory,
    UserFactory,
)
from tests.scoring.factories import W46, W47, make_district

NOW = dt.datetime(2026, 11, 25, 10, 0)
pytestmark = pytest.mark.django_db


def district(parent, code: str, name: str, count: int, *, slow: bool = False):
    """A district of ``count`` projects scored for W46 and W47; ``slow`` leads in W46 (its
    figures doubled) and falls behind 序时进度 in W47 (a quarter of them)."""
    region = RegionFactory(code=code, name=name, level=RegionLevel.DISTRICT, parent=parent)
    campaign = CampaignFactory.create(region=region)
    unit = UnitFactory(region=region)
    leader = LeaderFactory(region=region)
    projects = make_district(campaign, unit, leader, count)
    if slow:
        for week, factor in ((W46, 2), (W47, Decimal("0.25"))):
            for report in WeeklyReport.objects.filter(project__campaign=campaign, week=week):
                report.ytd_investment = (report.ytd_investment * factor).quantize(Decimal("0.01"))
                report.save()
    for week in (W46, W47):
        score_campaign_week(campaign=campaign, week=week)
    return region, projects


@pytest.fixture
def province(db):
    """山东省 with 潍坊市 (three districts) and 淄博市 (one)."""
    top = RegionFactory(code="shandong", name="山东省", level=RegionLevel.PROVINCE)
    weifang = RegionFactory(code="weifang", name="潍坊市", level=RegionLevel.CITY, parent=top)
    zibo = RegionFactory(code="zibo", name="淄博市", level=RegionLevel.CITY, parent=top)
    hanting, hanting_projects = district(weifang, "hanting", "寒亭区", 4, slow=True)
    kuiwen, _ = district(weifang, "kuiwen", "奎文区", 4)
    fangzi, _ = district(weifang, "fangzi", "坊子区", 8)
    zhangdian, _ = district(zibo, "zhangdian", "张店区", 4)
    Problem.objects.create(
        project=hanting_projects[0],
        category="land",
        title="用地指标未落实",
        need="协调用地指标",
        status=Status.ASSIGNED,
        department=DepartmentFactory(region=hanting),
        routed_at=dt.datetime(2026, 10, 20, 9, tzinfo=dt.UTC),
        deadline=dt.date(2026, 11, 1),
        raised_by=UserFactory(username="r-hanting", region=hanting),
    )
    return {
        "top": top,
        "weifang": weifang,
        "zibo": zibo,
        "hanting": hanting,
        "kuiwen": kuiwen,
        "fangzi": fangzi,
        "zhangdian": zhangdian,
    }


def manager_of(region, name="m"):
    username = f"{name}-{region.code}"
    return UserFactory(username=username, role=Role.MANAGER, region=region, unit=None)


@time_machine.travel(NOW)
def test_a_city_sees_its_districts_ranked_with_their_figures(client, province):
    client.force_login(manager_of(province["weifang"]))
    response = client.get(reverse("dashboard:league"))
    assert response.status_code == 200
    rows = response.context["league"].rows
    assert [r.region.code for r in rows][-1] == "hanting"  # fell behind in W47: last
    assert {r.region.code for r in rows} == {"hanting", "kuiwen", "fangzi"}  # not 淄博's
    assert [r.rank for r in rows] == [1, 2, 3]
    hanting = rows[-1]
    assert (hanting.previous_rank, hanting.change) == (1, -2)  # it led the week before
    assert hanting.projects == 4
    assert hanting.problems_open == 1 and hanting.problems_overdue == 1
    # the "missing" kind of project has no W47 report
    assert hanting.missing == 1
    assert hanting.blue + hanting.yellow + hanting.red == 4
    assert hanting.pace is not None and hanting.pace < rows[0].pace
    html = response.content.decode()
    assert f"{reverse('dashboard:dashboard')}?region={province['hanting'].pk}" in html
    assert "张店区" not in html


@time_machine.travel(NOW)
def test_a_province_sees_its_cities_adding_up_their_districts(client, province):
    client.force_login(manager_of(province["top"]))
    response = client.get(reverse("dashboard:league"))
    rows = {r.region.code: r for r in response.context["league"].rows}
    assert set(rows) == {"weifang", "zibo"}
    assert rows["weifang"].projects == 16 and rows["zibo"].projects == 4
    assert rows["weifang"].plan == Decimal("860000") * 3
    assert f"?region={province['weifang'].pk}" in response.content.decode()
    # and opens a city's own league
    city = client.get(reverse("dashboard:league"), {"region": province["weifang"].pk})
    assert {r.region.code for r in city.context["league"].rows} == {"hanting", "kuiwen", "fangzi"}


@time_machine.travel(NOW)
def test_only_regions_under_the_users(client, province):
    client.force_login(manager_of(province["weifang"]))
    for other in (province["zibo"], province["zhangdian"], province["top"]):
        assert client.get(reverse("dashboard:league"), {"region": other.pk}).status_code == 404
    assert client.get(reverse("dashboard:league"), {"region": "x1"}).status_code == 404
    client.force_login(manager_of(province["hanting"]))  # a district has none below it
    assert client.get(reverse("dashboard:league")).status_code == 404
    reporter = UserFactory(username="rep", role=Role.REPORTER, region=province["weifang"])
    client.force_login(reporter)
    assert client.get(reverse("dashboard:league")).status_code == 403


@time_machine.travel(NOW)
def test_a_city_user_opens_a_districts_own_dashboard(client, province):
    client.force_login(manager_of(province["weifang"]))
    url = reverse("dashboard:dashboard")
    response = client.get(url, {"region": province["fangzi"].pk})
    assert response.status_code == 200
    assert response.context["campaign"].region == province["fangzi"]
    assert "坊子区" in response.content.decode()
    assert client.get(url, {"region": province["zhangdian"].pk}).status_code == 404
    assert client.get(url, {"region": "1; drop"}).status_code == 404


@time_machine.travel(NOW)
def test_the_league_reads_a_fixed_number_of_queries(province):
    """Four districts or one: the same queries (grouped, never one per district)."""

    def count(region):
        with CaptureQueriesContext(connection) as ctx:
            table = league(user=manager_of(region, "q"), region=region)
        return len(ctx.captured_queries), len(table.rows)

    many, rows = count(province["top"])  # two cities, four districts below
    few, one = count(province["zibo"])  # one district
    assert (rows, one) == (2, 1)
    assert many == few
    three, rows = count(province["weifang"])
    assert rows == 3 and three == few
