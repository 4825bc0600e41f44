"""The filter bar's unit and leader options are drawn once and kept: the kept bar is the one
drawn fresh, changes with the register, is never another scope's, and is drawn when the cache
fails."""

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
# A cache that refuses every call (nothing listens there): the bar must be drawn.
DOWN = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
    }
}
DUMMY = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


def options(html: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}".*?</select>', html, re.S)
    assert select, name
    return re.findall(r"<option[^>]*>([^<]*)</option>", select.group(0))


def bar(html: str) -> str:
    form = re.search(r'<form method="get" class="filters">.*?</form>', html, re.S)
    assert form
    return form.group(0)


def page(client, **params) -> str:
    response = client.get(reverse("projects:list"), params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def listed(client, supervisor, campaign, unit, other_unit, leader):
    ProjectFactory(campaign=campaign, unit=unit, leader=leader)
    ProjectFactory(campaign=campaign, unit=other_unit, leader=LeaderFactory(region=campaign.region))
    client.force_login(supervisor)
    return client


@pytest.mark.parametrize(
    "params",
    [{}, {"campaign": ""}, {"unit": "UNIT"}, {"leader": "LEADER", "card": "red"}, {"unit": "9999"}],
)
def test_the_kept_bar_is_the_one_drawn_fresh(listed, settings, unit, leader, params):
    params = {k: {"UNIT": unit.pk, "LEADER": leader.pk}.get(v, v) for k, v in params.items()}
    drawn = bar(page(listed, **params))  # drawn and kept
    kept = bar(page(listed, **params))  # from the cache
    settings.CACHES = DUMMY
    fresh = bar(page(listed, **params))  # no cache at all
    assert kept == drawn == fresh
    assert str(unit) in options(kept, "unit")
    if "unit" in params and params["unit"] == unit.pk:
        assert f'<option value="{unit.pk}" selected>' in kept


def test_a_kept_bar_reads_no_option_query(listed):
    page(listed)
    with CaptureQueriesContext(connection) as ctx:
        page(listed)
    # user, newest campaign, the bar's campaigns, the register's stamp, count, page (and the
    # session's row, unless the session is read from Redis: config/sessions.py)
    queries = [q for q in ctx.captured_queries if '"django_session"' not in q["sql"]]
    assert len(queries) == 6
    drawn = ('SELECT "accounts_unit"', 'SELECT "accounts_leader"')  # the options' queries
    assert not [q for q in ctx.captured_queries if q["sql"].startswith(drawn)]


def test_the_kept_bar_follows_the_register(listed, campaign, unit, other_unit, leader):
    before = options(page(listed), "unit")
    unit.name, unit.short_name = "寒亭区住房和城乡建设局", "区住建局"
    unit.save()
    renamed = options(page(listed), "unit")
    assert "区住建局" in renamed and renamed != before
    leader.title = "区长"
    leader.save()
    assert f"{leader.name}（区长）" in options(page(listed), "leader")
    # A new unit given a project of the campaign is offered; the old one, left without one, not.
    project = other_unit.projects.get()
    project.unit = UnitFactory(region=campaign.region, name="新设单位")
    project.save()
    shown = options(page(listed), "unit")
    assert "新设单位" in shown and str(other_unit) not in shown
    # A project moved to another campaign takes its unit off this campaign's options.
    project.campaign = CampaignFactory(region=campaign.region, year=campaign.year - 1)
    project.save()
    assert "新设单位" not in options(page(listed, campaign=campaign.pk), "unit")


def test_a_kept_bar_is_never_another_districts(client):
    city = RegionFactory(code="weifang", name="潍坊市", level=RegionLevel.CITY)
    made = {}
    for code, name in (("hanting", "寒亭区"), ("kuiwen", "奎文区")):
        region = RegionFactory(code=code, name=name, level=RegionLevel.DISTRICT, parent=city)
        campaign = CampaignFactory(region=region)
        ProjectFactory(campaign=campaign, unit=UnitFactory(region=region, name=f"{name}住建局"))
        made[code] = (region, campaign)
    kuiwen_campaign = made["kuiwen"][1]
    # The city's supervisor and kuiwen's draw (and keep) kuiwen's options first.
    for region in (city, made["kuiwen"][0]):
        client.force_login(UserFactory(role=Role.SUPERVISOR, region=region, unit=None))
        assert "奎文区住建局" in options(page(client, campaign=kuiwen_campaign.pk), "unit")
    # Hanting's supervisor asking for kuiwen's campaign sees none of its units.
    client.force_login(UserFactory(role=Role.SUPERVISOR, region=made["hanting"][0], unit=None))
    for params in ({"campaign": kuiwen_campaign.pk}, {}, {"campaign": ""}):
        shown = options(page(client, **params), "unit")
        assert "奎文区住建局" not in shown
    assert "寒亭区住建局" in options(page(client), "unit")


def test_a_failing_cache_draws_the_bar(listed, settings, unit):
    kept = bar(page(listed))
    settings.CACHES = DOWN
    assert bar(page(listed)) == kept
