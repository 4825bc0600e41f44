"""The problem list's and the inbox's tables drawn in Python ({% draw_table %}) are the HTML
``{% render_table %}`` drew: every kind of cell (a deadline passed, escalated, awaiting routing,
markup in a title), sorted and paged, in both languages."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from problems.choices import Level, Status
from projects.weeks import SHANGHAI
from tests.projects.test_table_html import both, tight

from .factories import ProblemFactory

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 12, 2, 10, 0, tzinfo=SHANGHAI)


@pytest.fixture
def problems(project, department, reporter):
    ProblemFactory(project=project, department=department, raised_by=reporter)  # overdue
    ProblemFactory(
        project=project,
        department=department,
        raised_by=reporter,
        title='<script>"x"</script> & 用地',
        level=Level.LEADER,
        deadline=dt.date(2026, 12, 20),
    )
    ProblemFactory(project=project, department=None, raised_by=reporter, status=Status.UNROUTED)


@time_machine.travel(NOW)
@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("params", [{}, {"sort": "-deadline"}, {"per_page": "1", "page": "2"}])
def test_the_problem_table_is_render_tables(client, supervisor, problems, params, language):
    client.force_login(supervisor)
    page, drawn, stock = both(client, reverse("problems:list"), params, language)
    assert drawn == stock
    assert drawn in tight(page)
    assert "<script>" not in drawn


@time_machine.travel(NOW)
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_inbox_table_is_render_tables(client, handler, problems, language):
    client.force_login(handler)
    page, drawn, stock = both(client, reverse("problems:inbox"), {}, language)
    assert drawn == stock
    assert drawn in tight(page)
