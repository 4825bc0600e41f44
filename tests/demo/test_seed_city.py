"""The demo city: ``seed_demo --districts N`` builds a city of N districts, each with its own
units, leaders, accounts, campaign, rubric and weekly deadline."""

import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.http import HttpRequest
from django.test import Client

from accounts.choices import RegionLevel, Role
from accounts.models import Leader, Region, Unit, User
from demo.city import districts_of
from projects import weeks
from projects.models import Campaign, Project
from scoring.versions import rubric_version_current

NOW = dt.datetime(2026, 11, 25, 10, 0, tzinfo=weeks.SHANGHAI)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def seed(*args):
    out = StringIO()
    call_command("seed_demo", "--no-score", *args, stdout=out)
    return out.getvalue()


def test_a_city_of_three_districts():
    out = seed("--districts", "3", "--projects", "6", "--weeks", "3")
    city = Region.objects.get(code="weifang")
    assert city.level == RegionLevel.CITY
    districts = list(Region.objects.filter(parent=city).order_by("pk"))
    assert [d.name for d in districts] == ["寒亭区", "奎文区", "潍城区"]
    for district in districts:
        campaign = Campaign.objects.get(region=district)
        assert Project.objects.filter(campaign=campaign).count() == 6
        # its own units and leaders: no project of the district names another's
        mine = Project.objects.filter(campaign=campaign)
        assert not mine.exclude(unit__region=district).exists()
        assert not mine.exclude(leader__region=district).exists()
        assert Unit.objects.filter(region=district).exists()
        assert Leader.objects.filter(region=district).exists()
    # each district's projects have codes of their own (寒亭区 keeps the documented HT2026-…)
    codes = {
        d.code: set(Project.objects.filter(campaign__region=d).values_list("code", flat=True))
        for d in districts
    }
    assert {code[:6] for code in codes["hanting"]} == {"HT2026"}
    assert {code[:6] for code in codes["kuiwen"]} == {"KW2026"}
    assert not codes["hanting"] & codes["kuiwen"] and not codes["kuiwen"] & codes["weicheng"]
    # 寒亭区 keeps the documented accounts; the others are prefixed; no demo superuser (三权分立)
    assert User.objects.get(username="reporter1").region.code == "hanting"
    assert not User.objects.get(username="admin").is_superuser
    kuiwen_admin = User.objects.get(username="kuiwen-admin")
    assert kuiwen_admin.region.code == "kuiwen" and not kuiwen_admin.is_superuser
    assert User.objects.filter(username__startswith="kuiwen-reporter", role=Role.REPORTER).exists()
    # each keeps its own schedule and rubric
    kuiwen = Campaign.objects.get(region__code="kuiwen")
    assert (kuiwen.deadline_weekday, kuiwen.deadline_time) == (1, dt.time(17))
    weicheng = rubric_version_current(Campaign.objects.get(region__code="weicheng")).rubric
    assert weicheng.blue_min == 80
    assert rubric_version_current(kuiwen).rubric.deadline_time == dt.time(17)
    # the city's own people
    assert User.objects.get(username="city-manager").region == city
    assert "city-supervisor" in out


def test_numbered_districts_number_their_codes_too():
    codes = [d.project_code for d in districts_of(20)]
    assert codes[:3] == ["HT", "KW", "WC"] and codes[12] == "D13-"
    assert len(set(codes)) == 20


def test_the_city_accounts_sign_in():
    seed("--districts", "2", "--projects", "3", "--weeks", "2")
    client = Client()
    # axes throttles every sign-in, so it needs the request a browser's sign-in would have.
    assert client.login(request=HttpRequest(), username="city-manager", password="demo12345")
    assert client.login(request=HttpRequest(), username="kuiwen-supervisor", password="demo12345")


def test_a_second_run_refuses_and_reset_rebuilds():
    seed("--districts", "2", "--projects", "3", "--weeks", "2")
    with pytest.raises(CommandError):
        seed("--districts", "2", "--projects", "3", "--weeks", "2")
    seed("--districts", "2", "--projects", "4", "--weeks", "2", "--reset")
    assert Project.objects.count() == 8
    assert Region.objects.filter(code="weifang").count() == 1


def test_districts_must_be_positive():
    with pytest.raises(CommandError):
        seed("--districts", "0")
