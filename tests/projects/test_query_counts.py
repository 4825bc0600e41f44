"""List pages use a number of queries that does not grow with the number of projects."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from projects.weeks import SHANGHAI
from tests.factories import ProjectFactory, WeeklyReportFactory

NOW = dt.datetime(2026, 11, 20, 10, 0, tzinfo=SHANGHAI)


def make_projects(campaign, unit, leader, n):
    for _ in range(n):
        project = ProjectFactory(campaign=campaign, unit=unit, leader=leader)
        WeeklyReportFactory(project=project, week=dt.date(2026, 11, 16), status="draft")


def count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    ("url_name", "who"),
    [
        ("projects:list", "supervisor"),
        ("projects:this_week", "reporter"),
        ("projects:list", "reporter"),
        ("projects:review", "supervisor"),
    ],
)
@time_machine.travel(NOW)
def test_queries_do_not_grow(request, client, campaign, unit, leader, url_name, who):
    client.force_login(request.getfixturevalue(who))
    url = reverse(url_name)
    make_projects(campaign, unit, leader, 3)
    few = count_queries(client, url)
    make_projects(campaign, unit, leader, 25)
    many = count_queries(client, url)
    assert few == many


@time_machine.travel(NOW)
def test_project_list_queries(
    client, supervisor, campaign, unit, leader, django_assert_num_queries, session_queries
):
    make_projects(campaign, unit, leader, 10)
    client.force_login(supervisor)
    # session, user, the newest campaign (the default filter), count, page of projects with
    # their unit/leader names, the filter bar's campaigns (read once: their options, the chosen
    # one's check and whether they are several districts'), the register's stamp, and once,
    # to draw and keep them, the bar's units and leaders (projects.filter_options)
    with django_assert_num_queries(8 + session_queries):
        response = client.get(reverse("projects:list"))
    assert len(response.context["table"].page.object_list) == 10
    with django_assert_num_queries(6 + session_queries):
        client.get(reverse("projects:list"))


@time_machine.travel(NOW)
def test_this_week_queries(
    client, reporter, campaign, unit, leader, django_assert_num_queries, session_queries
):
    make_projects(campaign, unit, leader, 10)
    client.force_login(reporter)
    # session, user, campaign, projects, their reports of the week with those returned
    with django_assert_num_queries(4 + session_queries):
        response = client.get(reverse("projects:this_week"))
    assert len(response.context["rows"]) == 10
    assert {row.status for row in response.context["rows"]} == {"draft"}


@time_machine.travel(NOW)
def test_project_list_orders_by_every_column(client, supervisor, campaign, unit, leader):
    make_projects(campaign, unit, leader, 3)
    client.force_login(supervisor)
    columns = [
        "code",
        "name",
        "card",
        "category",
        "unit",
        "leader",
        "target",
        "stage",
        "annual_plan",
        "ytd_investment",
    ]
    for column in columns:
        for sort in (column, f"-{column}"):
            response = client.get(reverse("projects:list"), {"sort": sort})
            assert response.status_code == 200, sort


@time_machine.travel(NOW)
def test_project_list_filters(client, supervisor, campaign, unit, other_unit, leader):
    ProjectFactory(campaign=campaign, unit=unit, leader=leader, name="OLED盖板项目", card="red")
    ProjectFactory(campaign=campaign, unit=other_unit, leader=leader, name="算力中心", card="blue")
    client.force_login(supervisor)
    url = reverse("projects:list")
    names = lambda r: [row.record["name"] for row in r.context["table"].page.object_list]  # noqa: E731
    assert names(client.get(url, {"card": "red"})) == ["OLED盖板项目"]
    assert names(client.get(url, {"unit": other_unit.pk})) == ["算力中心"]
    assert names(client.get(url, {"q": "算力"})) == ["算力中心"]
    assert len(names(client.get(url, {"leader": leader.pk}))) == 2
