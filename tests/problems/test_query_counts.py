"""The loop's pages use a number of queries that does not grow with the number of problems."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from problems.choices import Action, Status
from problems.services import problem_act

from .conftest import NOW
from .factories import MeetingFactory, ProblemFactory

LATE = dt.date(2026, 11, 10)


def make(project, department, n, reporter):
    """``n`` problems in a mix of states, half of them overdue and escalated."""
    for i in range(n):
        ProblemFactory(
            project=project,
            department=department,
            raised_by=reporter,
            status=[Status.ASSIGNED, Status.ACCEPTED, Status.REOPENED][i % 3],
            deadline=LATE if i % 2 else dt.date(2026, 12, 1),
            level=i % 2 * (1 + i % 3),
        )


def count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    ("url_name", "who"),
    [
        ("problems:list", "supervisor"),
        ("problems:list", "reporter"),
        ("problems:inbox", "handler"),
        ("problems:inbox", "reporter"),
        ("problems:inbox", "supervisor"),
        ("problems:agenda", "supervisor"),
        ("problems:stats", "manager"),
        ("project", "reporter"),
        ("project", "handler"),
        ("meeting", "supervisor"),
    ],
)
@time_machine.travel(NOW)
def test_queries_do_not_grow(
    request, client, project, department, reporter, supervisor, url_name, who
):
    meeting = MeetingFactory(region=project.campaign.region, recorded_by=supervisor)
    url = {
        "project": reverse("projects:detail", args=[project.pk]),
        "meeting": reverse("problems:meeting", args=[meeting.pk]),
    }.get(url_name) or reverse(url_name)
    client.force_login(request.getfixturevalue(who))
    make(project, department, 3, reporter)
    meeting.agenda.set(project.problems.all())
    few = count_queries(client, url)
    make(project, department, 27, reporter)
    meeting.agenda.set(project.problems.all())
    many = count_queries(client, url)
    assert few == many


@time_machine.travel(NOW)
def test_a_problems_page_does_not_grow_with_its_log(client, problem, reporter, handler):
    client.force_login(reporter)
    url = reverse("problems:detail", args=[problem.pk])
    few = count_queries(client, url)
    for _ in range(5):
        problem_act(problem=problem, user=handler, action=Action.COMMENT, text="在办")
    assert count_queries(client, url) == few


@time_machine.travel(NOW)
def test_inbox_queries(
    client, project, department, reporter, handler, django_assert_num_queries, session_queries
):
    make(project, department, 10, reporter)
    client.force_login(handler)
    # session, user, the user's unit (the title), count, the page with its project's and
    # department's names (problems.rows: plain rows)
    with django_assert_num_queries(4 + session_queries):
        response = client.get(reverse("problems:inbox"))
    records = [row.record for row in response.context["table"].page.object_list]
    assert [p["deadline"] for p in records] == sorted(p["deadline"] for p in records)


@time_machine.travel(NOW)
def test_list_queries(
    client, project, department, reporter, supervisor, django_assert_num_queries, session_queries
):
    make(project, department, 10, reporter)
    client.force_login(supervisor)
    # session, user, count, page with project and department, the department filter choices
    with django_assert_num_queries(4 + session_queries):
        client.get(reverse("problems:list"))


@time_machine.travel(NOW)
def test_an_empty_list_reads_no_page(
    client, project, department, reporter, supervisor, django_assert_num_queries, session_queries
):
    make(project, department, 3, reporter)
    client.force_login(supervisor)
    # session, user, count (none match), the department filter choices: no page read
    with django_assert_num_queries(3 + session_queries):
        response = client.get(reverse("problems:list"), {"q": "no such problem"})
    assert len(response.context["table"].page.object_list) == 0


@time_machine.travel(NOW)
def test_problem_list_orders_by_every_column(client, project, department, reporter, supervisor):
    make(project, department, 3, reporter)
    client.force_login(supervisor)
    columns = [
        "deadline",
        "title",
        "project",
        "category",
        "department",
        "status",
        "level",
        "created_at",
    ]
    for column in columns:
        for sort in (column, f"-{column}"):
            response = client.get(reverse("problems:list"), {"sort": sort})
            assert response.status_code == 200, sort
