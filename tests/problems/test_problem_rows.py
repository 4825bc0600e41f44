"""The problem list's and the inbox's rows drawn from their plain rows (problems.cells) are
django-tables2's own, cell for cell, in both languages and for every way a cell is drawn."""

import datetime as dt

import pytest
import time_machine
from django.template import Context
from django.test import RequestFactory
from django.utils import translation

from problems.choices import Level, Status
from problems.models import Problem
from problems.rows import problem_rows
from problems.tables import InboxTable, ProblemTable
from projects.weeks import SHANGHAI
from tests.drawn_rows import drawn_and_stock
from tests.factories import DepartmentFactory, ProjectFactory

from .factories import ProblemFactory

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 12, 2, 10, 0, tzinfo=SHANGHAI)


@pytest.fixture
def odd_problems(project, department, reporter):
    """Problems whose cells take every way one is drawn: overdue with the clock running and
    with it stopped, due in the future, each level, awaiting routing, markup in a title, a
    project's and a department's name, a department's short name, a category no choice
    names, raised just after midnight in Shanghai."""
    odd_project = ProjectFactory(campaign=project.campaign, name='<b>"项目"</b> & 一')
    odd_unit = DepartmentFactory(region=department.region, name="<i>局</i> & 所", short_name="")
    short = DepartmentFactory(
        region=department.region, name="潍坊市寒亭区发改局", short_name="区发改局"
    )
    given = [
        {"status": Status.ASSIGNED},  # due 2026-11-30: two days late
        {"status": Status.ANSWERED, "level": Level.HEAD},  # late, the clock stopped
        {"title": '<script>"x"</script> & 用地', "level": Level.LEADER, "project": odd_project},
        {"deadline": dt.date(2026, 12, 20), "level": Level.MEETING, "department": odd_unit},
        {"department": None, "status": Status.UNROUTED, "category": "no-such-category"},
        {"department": short, "created_at": dt.datetime(2026, 11, 16, 16, 30, tzinfo=dt.UTC)},
    ]
    for fields in given:
        ProblemFactory(
            **{"project": project, "department": department, "raised_by": reporter, **fields}
        )


@time_machine.travel(NOW)
@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("table_class", [ProblemTable, InboxTable])
def test_the_drawn_rows_are_django_tables2s(odd_problems, language, table_class):
    with translation.override(language):
        drawn, stock = drawn_and_stock(
            lambda: table_class(problem_rows(Problem.objects.order_by("pk"))), "/problems/"
        )
    assert drawn == stock
    assert len(drawn) == 6
    # Due 2026-11-30, two days late, but for the answered one (its clock stopped).
    late = [r for r in drawn if '"overdue">2026-11-30</span> <small class="overdue">+2<' in r]
    assert len(late) == 4 and sum("overdue" in r for r in drawn) == 4
    (marked,) = [r for r in drawn if "用地</a>" in r]
    assert "&lt;script&gt;&quot;x&quot;&lt;/script&gt; &amp; 用地" in marked
    assert "&lt;b&gt;&quot;项目&quot;&lt;/b&gt; &amp; 一" in marked and "<script>" not in marked
    assert any("&lt;i&gt;局&lt;/i&gt; &amp; 所" in r and ">2026-12-20<" in r for r in drawn)
    assert any(">no-such-category<" in r for r in drawn)
    assert any(">区发改局<" in r and ">2026-11-17<" in r for r in drawn)  # 16:30 UTC: next day


def test_a_deadline_counts_the_days_late_from_the_day_it_is_drawn(odd_problems):
    """The drawers are kept from page to page (config.cells): the days late are the day's."""
    context = Context({})
    for day, late in [(2, "+2"), (5, "+5")]:
        with time_machine.travel(dt.datetime(2026, 12, day, 10, 0, tzinfo=SHANGHAI)):
            table = ProblemTable(problem_rows(Problem.objects.order_by("pk")))
            table.request = RequestFactory().get("/problems/")
            drawn = [table.draw_row(row, context) for row in table.rows]
        assert sum(f'<small class="overdue">{late}</small>' in r for r in drawn) == 4
