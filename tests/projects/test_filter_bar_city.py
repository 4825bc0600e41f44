"""A city's project list: its filter bar does not list every district's units and leaders
(5,000 units made the page 540 KB); they come with the campaign chosen, and a unit or leader
already chosen keeps working without one."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.choices import RegionLevel, Role
from tests.factories import (
    CampaignFactory,
    LeaderFactory,
    ProjectFactory,
    RegionFactory,
    UnitFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def options(html: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}".*?</select>', html, re.S)
    assert select, name
    return re.findall(r"<option[^>]*>([^<]*)</option>", select.group(0))


@pytest.fixture
def city(db):
    top = RegionFactory(code="weifang", name="潍坊市", level=RegionLevel.CITY)
    made = {}
    for code, name in (("hanting", "寒亭区"), ("kuiwen", "奎文区")):
        region = RegionFactory(code=code, name=name, level=RegionLevel.DISTRICT, parent=top)
        campaign = CampaignFactory(region=region)
        unit = UnitFactory(region=region, name=f"{name}住建局")
        leader = LeaderFactory(region=region, name=f"{name}领导")
        ProjectFactory(campaign=campaign, unit=unit, leader=leader)
        made[code] = (region, campaign, unit, leader)
    return top, made


def test_a_city_list_waits_for_a_campaign_before_listing_units(client, city):
    top, made = city
    client.force_login(UserFactory(role=Role.SUPERVISOR, region=top, unit=None))
    # By default the list is one campaign's, and so are its options.
    html = client.get(reverse("projects:list")).content.decode()
    assert sorted(o.split(" ")[0] for o in options(html, "campaign")[1:]) == ["奎文区", "寒亭区"]
    assert len(options(html, "unit")[1:]) == 1
    # All campaigns: no unit or leader until one is chosen.
    html = client.get(reverse("projects:list"), {"campaign": ""}).content.decode()
    assert options(html, "unit") == ["请先选择比拼年度"]
    assert options(html, "leader") == ["请先选择比拼年度"]

    _, campaign, unit, leader = made["kuiwen"]
    html = client.get(reverse("projects:list"), {"campaign": campaign.pk}).content.decode()
    assert options(html, "unit")[1:] == ["奎文区住建局"]
    assert [o.split("（")[0] for o in options(html, "leader")[1:]] == ["奎文区领导"]

    # A link that names a unit without a campaign still filters by it.
    response = client.get(reverse("projects:list"), {"campaign": "", "unit": unit.pk})
    html = response.content.decode()
    assert "奎文区住建局" in options(html, "unit")
    assert [row.pk for row in response.context["table"].data] == [
        project.pk for project in unit.projects.all()
    ]


def test_a_district_list_offers_its_units_at_once(client, city):
    region, _, unit, leader = city[1]["hanting"]
    client.force_login(UserFactory(role=Role.SUPERVISOR, region=region, unit=None))
    html = client.get(reverse("projects:list")).content.decode()
    assert not options(html, "campaign")[1].startswith("寒亭区")  # one district: no need to say
    assert "寒亭区住建局" in options(html, "unit")
    assert "奎文区住建局" not in options(html, "unit")


def district_cells(html: str) -> list[str]:
    return re.findall(r'<td [^>]*data-th="区（县）">([^<]*)</td>', html)


def test_a_city_list_says_whose_each_project_is_and_sorts_by_it(client, city):
    top, made = city
    client.force_login(UserFactory(role=Role.SUPERVISOR, region=top, unit=None))
    html = client.get(reverse("projects:list"), {"campaign": ""}).content.decode()
    assert sorted(district_cells(html)) == ["奎文区", "寒亭区"]
    # Sorted by the district's code: hanting before kuiwen, and back.
    html = client.get(reverse("projects:list"), {"campaign": "", "sort": "district"})
    assert district_cells(html.content.decode()) == ["寒亭区", "奎文区"]
    html = client.get(reverse("projects:list"), {"campaign": "", "sort": "-district"})
    assert district_cells(html.content.decode()) == ["奎文区", "寒亭区"]


def test_a_district_list_has_no_district_column(client, city):
    region = city[1]["hanting"][0]
    client.force_login(UserFactory(role=Role.SUPERVISOR, region=region, unit=None))
    html = client.get(reverse("projects:list")).content.decode()
    assert district_cells(html) == []
    assert "区（县）" not in html


def test_the_city_list_queries_do_not_grow_with_districts(client, city):
    top, made = city
    client.force_login(UserFactory(role=Role.SUPERVISOR, region=top, unit=None))
    url = reverse("projects:list")
    with CaptureQueriesContext(connection) as few:
        client.get(url, {"campaign": ""})
    for code in ("fangzi", "weicheng", "changle"):
        region = RegionFactory(code=code, name=code, level=RegionLevel.DISTRICT, parent=top)
        campaign = CampaignFactory(region=region)
        for _ in range(3):
            ProjectFactory(
                campaign=campaign,
                unit=UnitFactory(region=region),
                leader=LeaderFactory(region=region),
            )
    with CaptureQueriesContext(connection) as many:
        html = client.get(url, {"campaign": ""}).content.decode()
    assert len(district_cells(html)) == 11
    assert len(many.captured_queries) == len(few.captured_queries)
    assert len(many.captured_queries) == len(few.captured_queries)
