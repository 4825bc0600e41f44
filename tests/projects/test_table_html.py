"""The list's and the review queue's tables drawn in Python (config.table_html) are the HTML
``{% render_table %}`` drew with templates/tables/table.html: the same tags, attributes, links
and text in the same order, in English and in Chinese, sorted, filtered, paged and empty."""

import datetime as dt
import itertools
import re

import pytest
from django.template import Context, RequestContext, Template
from django.urls import reverse
from django.utils import translation

from accounts.choices import RegionLevel, Role
from config.table_html import table_html
from projects.choices import ReportStatus
from tests.factories import (
    CampaignFactory,
    ProjectFactory,
    RegionFactory,
    UserFactory,
    WeeklyReportFactory,
)

pytestmark = pytest.mark.django_db
STOCK = Template("{% load django_tables2 %}{% render_table table %}")


def tight(html: str) -> str:
    """The markup without the whitespace around its tags (the template's indentation)."""
    return re.sub(r"\s+<", "<", re.sub(r">\s+", ">", str(html))).strip()


def both(client, url: str, params: dict, language: str) -> tuple[str, str, str]:
    """The page, its table as drawn and its table as render_table draws it, in ``language``."""
    response = client.get(url, {**params}, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    table, request = response.context["table"], response.wsgi_request
    with translation.override(request.LANGUAGE_CODE):
        table._counter = itertools.count()  # rows count even/odd from the table's first drawing
        stock = STOCK.render(RequestContext(request, {"table": table}))
        table._counter = itertools.count()
        drawn = table_html(table, Context({"table": table, "request": request}))
    return response.content.decode(), tight(drawn), tight(stock)


@pytest.fixture
def listed(client, supervisor, campaign):
    for n in range(12):
        ProjectFactory(campaign=campaign, code=f"P{n:02}", name=f"项目 <{n}> & “{n}”")
    client.force_login(supervisor)
    return client


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize(
    "params",
    [
        {},
        {"sort": "-ytd_investment"},
        {"sort": "name", "q": "项目"},
        {"per_page": "1", "page": "6", "sort": "-unit"},  # "..." on both sides
        {"per_page": "5", "page": "3"},  # the last page
        {"per_page": "5", "q": "产业 & <x>", "card": "red"},  # nothing matches
    ],
)
def test_the_list_table_is_render_tables(listed, params, language):
    page, drawn, stock = both(listed, reverse("projects:list"), params, language)
    assert drawn == stock
    assert drawn in tight(page)


def test_a_city_list_with_its_district_column(client):
    top = RegionFactory(code="weifang", name="潍坊市", level=RegionLevel.CITY)
    for code, name in (("hanting", "寒亭区"), ("kuiwen", "奎文区")):
        region = RegionFactory(code=code, name=name, level=RegionLevel.DISTRICT, parent=top)
        ProjectFactory(campaign=CampaignFactory(region=region))
    client.force_login(UserFactory(role=Role.SUPERVISOR, region=top, unit=None))
    page, drawn, stock = both(client, reverse("projects:list"), {"campaign": ""}, "zh-hans")
    assert drawn == stock and "寒亭区" in drawn
    assert drawn in tight(page)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("params", [{}, {"sort": "-submitted_at"}, {"per_page": "1", "page": "2"}])
def test_the_review_table_is_render_tables(client, supervisor, project, params, language):
    for day in (2, 9, 16):
        week = dt.date(2026, 11, day)
        WeeklyReportFactory(project=project, week=week, status=ReportStatus.SUBMITTED)
    client.force_login(supervisor)
    page, drawn, stock = both(client, reverse("projects:review"), params, language)
    assert drawn == stock
    assert drawn in tight(page)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("params", [{}, {"sort": "-created_at"}, {"per_page": "1", "page": "2"}])
def test_the_instructions_table_is_render_tables(client, project, unit, manager, params, language):
    from instructions.services import instruction_write

    for text in ("加快进度 <b>", "请 & 协调"):
        instruction_write(user=manager, on=project, text=text, units=[unit])
    client.force_login(manager)
    page, drawn, stock = both(client, reverse("instructions:list"), params, language)
    assert drawn == stock
    assert "加快进度 &lt;b&gt;" in drawn and drawn in tight(page)
