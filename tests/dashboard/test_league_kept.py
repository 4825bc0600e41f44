"""The league's figures are kept drawn like the other managers' pages (dashboard.cache.kept_html):
a second reader of the same league gets the kept HTML with his own menu and name around it; the
link up a level is the reader's; another language, a new scoring run or a parameter the page
does not read draws it again; and with the cache down it is drawn whole."""

import datetime as dt
import re

import pytest
import time_machine
from django.test import Client

from accounts.choices import Role
from projects.choices import Card
from scoring.models import WeeklyScore
from scoring.services import score_adjust
from tests.dashboard import test_league
from tests.dashboard.test_figures_cache import BrokenCache
from tests.factories import UserFactory

NOW = dt.datetime(2026, 11, 25, 10, 0)
pytestmark = pytest.mark.django_db
province = test_league.province  # the fixture: 潍坊市's three districts, W46 and W47 scored
manager_of = test_league.manager_of
URL = "/dashboard/league/"
KEPT = "dashboard/_league.html"


def drawn(response) -> set[str]:
    return {t.name for t in response.templates}


def without_reader(body: str) -> str:
    return re.sub(r'<header class="topbar">.*?</header>', "", body, flags=re.S)


@time_machine.travel(NOW)
def test_a_second_reader_of_the_league_gets_the_kept_part(client, province):
    first_reader = manager_of(province["weifang"])
    second_reader = UserFactory(
        username="sup-weifang", role=Role.SUPERVISOR, region=province["weifang"], unit=None
    )
    second_reader.first_name, second_reader.last_name = "", "督查员乙"
    second_reader.save()
    client.force_login(first_reader)
    first = client.get(URL)
    assert first.status_code == 200 and KEPT in drawn(first)
    other = Client()
    other.force_login(second_reader)
    second = other.get(URL)
    assert second.status_code == 200
    assert KEPT not in drawn(second), "the kept part was drawn again"
    assert without_reader(second.content.decode()) == without_reader(first.content.decode())
    body = second.content.decode()
    assert second_reader.display_name in body and first_reader.display_name not in body
    assert "寒亭区" in body and 'name="csrfmiddlewaretoken"' in body


@time_machine.travel(NOW)
def test_the_link_up_is_the_reader_s(client, province):
    """The same league at the same address: the city's reader has no link up, the province's
    has one (to the province), and neither gets the other's kept part."""
    weifang = province["weifang"]
    url = f"{URL}?region={weifang.pk}"
    client.force_login(manager_of(weifang))
    own = client.get(url)
    assert KEPT in drawn(own) and f'href="?region={province["top"].pk}"' not in own.content.decode()
    client.force_login(manager_of(province["top"]))
    above = client.get(url)
    assert KEPT in drawn(above), "the city reader's kept part was shown to the province's"
    assert f'href="?region={province["top"].pk}"' in above.content.decode()


@time_machine.travel(NOW)
def test_another_language_is_drawn_in_its_language(client, province):
    client.force_login(manager_of(province["weifang"]))
    chinese = client.get(URL).content.decode()
    client.cookies["django_language"] = "en"
    english = client.get(URL)
    assert KEPT in drawn(english)
    kept = english.content.decode().split("</header>", 1)[1]
    assert "League of districts" in kept and "区县比拼" in chinese


@time_machine.travel(NOW)
def test_a_new_scoring_run_draws_the_new_figures(client, province):
    client.force_login(manager_of(province["weifang"]))
    first = client.get(URL)
    supervisor = UserFactory(
        username="sup-kuiwen", role=Role.SUPERVISOR, region=province["kuiwen"], unit=None
    )
    score = WeeklyScore.objects.filter(
        project__campaign__region=province["kuiwen"], card=Card.BLUE
    ).latest("week")
    score_adjust(score=score, points=-100, reason="核查发现虚报", user=supervisor)
    again = client.get(URL, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200 and KEPT in drawn(again)
    rows = {r.region.code: r for r in again.context["league"].rows}
    before = {r.region.code: r for r in first.context["league"].rows}
    assert rows["kuiwen"].red == before["kuiwen"].red + 1


@time_machine.travel(NOW)
def test_a_parameter_the_league_does_not_read_is_drawn_not_kept(client, province):
    client.force_login(manager_of(province["weifang"]))
    for _ in range(2):
        assert KEPT in drawn(client.get(f"{URL}?utm_source=x1"))
    client.get(URL)
    assert KEPT not in drawn(client.get(URL))


@time_machine.travel(NOW)
def test_with_the_cache_down_the_league_is_drawn_whole(client, settings, province):
    settings.CACHES = {"default": {"BACKEND": f"{BrokenCache.__module__}.BrokenCache"}}
    client.force_login(manager_of(province["weifang"]))
    for _ in range(2):
        response = client.get(URL)
        assert response.status_code == 200 and KEPT in drawn(response)
        body = response.content.decode()
        assert 'class="topbar"' in body and "寒亭区" in body and "league-card" in body
