"""The counts that matter, and the overdue problems of a project's own doing for its score."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from problems.choices import Status
from problems.selectors import overdue_own_problems, problem_counts
from projects.weeks import SHANGHAI

from .conftest import TODAY
from .factories import ProblemFactory


def at(day, h=12, m=0, s=0):
    return dt.datetime(day.year, day.month, day.day, h, m, s, tzinfo=SHANGHAI)


@pytest.fixture
def mix(project, department, other_department):
    late = TODAY - dt.timedelta(days=3)
    soon = TODAY + dt.timedelta(days=3)
    closed = {"status": Status.CLOSED, "answered_at": at(dt.date(2026, 11, 9))}
    return [
        ProblemFactory(project=project, department=department, deadline=soon),
        ProblemFactory(
            project=project,
            department=department,
            deadline=late,
            status=Status.ACCEPTED,
            category="funds",
        ),
        ProblemFactory(
            project=project,
            department=department,
            deadline=late,
            solved_days=4,
            closed_at=at(dt.date(2026, 11, 10)),
            **closed,
        ),
        ProblemFactory(
            project=project,
            department=other_department,
            deadline=late,
            solved_days=10,
            closed_at=at(dt.date(2026, 10, 20)),
            **closed,
        ),
        ProblemFactory(
            project=project,
            department=other_department,
            deadline=late,
            status=Status.ANSWERED,
            answered_at=at(dt.date(2026, 11, 12)),
        ),
        ProblemFactory(
            project=project, department=None, status=Status.UNROUTED, deadline=late, category="gas"
        ),
        ProblemFactory(
            project=project,
            department=department,
            status=Status.WITHDRAWN,
            closed_at=at(dt.date(2026, 11, 1)),
            deadline=late,
        ),
    ]


def test_counts_in_all_by_department_and_by_category(
    mix, supervisor, department, other_department, django_assert_num_queries
):
    with django_assert_num_queries(2):  # by department (the totals add it up), by category
        counts = problem_counts(user=supervisor, today=TODAY)
    assert counts.total == {
        "open": 4,
        "overdue": 2,
        "solved_month": 1,
        "solved": 2,
        "avg_days": 7.0,
    }
    by_department = {row["department_id"]: row for row in counts.by_department}
    assert {k: by_department[department.pk][k] for k in ("open", "overdue", "solved")} == {
        "open": 2,
        "overdue": 1,
        "solved": 1,
    }
    assert by_department[department.pk]["avg_days"] == 4
    assert by_department[other_department.pk]["solved_month"] == 0
    assert by_department[None]["overdue"] == 1  # nobody has routed it: the router's clock
    by_category = {row["category"]: row for row in counts.by_category}
    assert by_category["gas"]["open"] == 1 and by_category["gas"]["label"] == "Gas"
    assert by_category["land"]["solved"] == 2


def test_counts_follow_the_scope(mix, handler, other_handler):
    assert problem_counts(user=handler, today=TODAY).total["open"] == 2
    assert problem_counts(user=other_handler, today=TODAY).total["open"] == 1


@time_machine.travel(dt.datetime(2026, 11, 18, 10, 0, tzinfo=SHANGHAI))
def test_the_counts_page(client, mix, supervisor):
    client.force_login(supervisor)
    response = client.get(reverse("problems:stats"))
    assert response.status_code == 200
    assert response.context["counts"].total["overdue"] == 2


WEEK_END = dt.date(2026, 11, 15)  # the Sunday of week 2026-W46
END = dt.datetime(2026, 11, 16, 0, 0, tzinfo=SHANGHAI)


@pytest.fixture
def own(project):
    """Problems the project's own responsible unit owes (routed to it, or a meeting's action)."""

    def make(**extra):
        defaults = {
            "project": project,
            "department": project.unit,
            "deadline": dt.date(2026, 11, 10),
            "created_at": at(dt.date(2026, 11, 2)),
        }
        return ProblemFactory(**{**defaults, **extra})

    return make


def test_overdue_own_problems(own, project, other_project, department):
    own()  # overdue and open: counts
    own(status=Status.ACCEPTED)  # counts
    own(deadline=WEEK_END)  # due on the last day: not yet late at its end
    own(answered_at=END - dt.timedelta(seconds=1), status=Status.ANSWERED)  # answered in time
    own(answered_at=END, status=Status.ANSWERED)  # answered only after the week: counts
    own(created_at=END)  # raised after the week
    own(
        status=Status.CLOSED,
        answered_at=at(dt.date(2026, 11, 11)),
        closed_at=at(dt.date(2026, 11, 12)),
    )
    own(status=Status.WITHDRAWN, closed_at=at(dt.date(2026, 11, 12)))
    ProblemFactory(project=project, department=department, deadline=dt.date(2026, 11, 1))
    result = overdue_own_problems([project.pk, other_project.pk], WEEK_END)
    assert result == {project.pk: 3, other_project.pk: 0}


def test_overdue_own_problems_for_an_earlier_week(own, project):
    own(
        deadline=dt.date(2026, 11, 3),
        status=Status.CLOSED,
        answered_at=at(dt.date(2026, 11, 12)),
        closed_at=at(dt.date(2026, 11, 13)),
    )
    assert overdue_own_problems([project.pk], dt.date(2026, 11, 8)) == {project.pk: 1}
    assert overdue_own_problems([project.pk], WEEK_END) == {project.pk: 0}


def test_overdue_own_problems_in_one_query(own, project, django_assert_num_queries):
    own()
    with django_assert_num_queries(1):
        overdue_own_problems(iter([project.pk]), WEEK_END)
