"""The problem list's units read, built once per shape of reader (problems.list_reads): each
reader gets the units the ORM's read from the scope gives him, the scope's filter in its SQL."""

import pytest

from accounts.choices import Role
from accounts.compiled_reads import READER_STAND_INS, reader_shape
from problems import list_reads
from problems.filtersets import department_choices
from problems.selectors import problem_list
from tests.factories import RegionFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


def by_orm(user) -> tuple:
    units = department_choices(user, problem_list(user=user))
    return tuple(units.values_list("pk", "short_name", "name"))


@pytest.fixture
def elsewhere():
    region = RegionFactory(code="kuiwen", name="奎文区")
    UnitFactory(region=region, name="奎文区住建局", is_department=True)
    return UserFactory(username="kuiwen-sup", role=Role.SUPERVISOR, region=region, unit=None)


@pytest.mark.parametrize(
    "who", ["supervisor", "manager", "reporter", "handler", "leader_user", "admin_user"]
)
def test_each_reader_gets_the_orms_units(request, problem, elsewhere, who):
    user = request.getfixturevalue(who)
    assert list_reads.department_rows(user=user) == by_orm(user)


def test_the_scope_is_in_the_sql_and_each_reader_gets_his_own(supervisor, problem, elsewhere):
    compiled = list_reads._compiled(reader_shape(supervisor))
    assert compiled is not None
    assert compiled.params and set(compiled.params) <= READER_STAND_INS  # the region's filter
    assert reader_shape(elsewhere) == reader_shape(supervisor)  # one SQL for both
    mine = {name for _pk, _short, name in list_reads.department_rows(user=supervisor)}
    theirs = {name for _pk, _short, name in list_reads.department_rows(user=elsewhere)}
    assert theirs == {"奎文区住建局"}
    assert not mine & theirs


def test_an_inactive_reader_gets_none(reporter, problem):
    reporter.is_active = False
    assert list_reads.department_rows(user=reporter) == by_orm(reporter) == ()


def test_the_bar_given_the_units_is_the_bar_that_reads_them(supervisor, problem, department):
    from django.http import QueryDict

    from problems.filtersets import ProblemFilterSet

    for query in ("", f"department={department.pk}", "department=abc"):
        data = QueryDict(query)
        queryset = problem_list(user=supervisor)
        read = ProblemFilterSet(data, queryset=queryset, user=supervisor)
        given = ProblemFilterSet(
            data,
            queryset=queryset,
            user=supervisor,
            departments=list_reads.department_rows(user=supervisor),
        )
        assert str(given.form) == str(read.form)
        assert given.is_valid() == read.is_valid()
        assert list(given.qs) == list(read.qs)


COUNTS = [
    {},
    {"status": ""},
    {"status": "closed"},
    {"status": "", "overdue": "true"},
    {"overdue": "false", "level": "1"},
    {"q": "用地", "status": ""},
    {"category": "land"},
    {"status": "bogus"},
]


@pytest.mark.parametrize("query", COUNTS)
@pytest.mark.parametrize("who", ["supervisor", "reporter", "handler", "admin_user"])
def test_the_count_is_the_orms(request, problem, elsewhere, who, query):
    from django.http import QueryDict

    from problems.filtersets import ProblemFilterSet
    from tests.problems.factories import ProblemFactory

    ProblemFactory(project=problem.project, department=None, status="unrouted", title="用地")
    user = request.getfixturevalue(who)
    data = QueryDict(mutable=True)
    data.update(query)
    bar = ProblemFilterSet(data or None, queryset=problem_list(user=user), user=user)
    counted = list_reads.problem_count(user=user, data=data)
    if bar.is_valid():
        assert counted == bar.qs.count()
    else:
        assert counted is None  # the ORM's (the view shows none)


def test_the_counts_scope_is_in_its_sql(supervisor, problem):
    compiled = list_reads._counted(reader_shape(supervisor), (), list_reads.weeks.local_today())
    assert compiled
    assert compiled.params and set(compiled.params) <= READER_STAND_INS
    assert compiled.constants  # the list opens on the open problems: the statuses follow


def test_a_scope_with_a_constant_is_refused(supervisor):
    from django.core.exceptions import ImproperlyConfigured

    from accounts.compiled_reads import compile_filtered_read
    from problems.models import Problem

    scoped = Problem.objects.filter(project__campaign__region_id=supervisor.region_id)
    with pytest.raises(ImproperlyConfigured):
        compile_filtered_read(
            scoped.filter(status="closed"),
            Problem.objects.filter(status="closed"),
            stand_ins=READER_STAND_INS,
            what="a test",
        )


def test_a_chosen_department_is_counted_by_the_orm(supervisor, department):
    from django.http import QueryDict

    assert (
        list_reads.problem_count(user=supervisor, data=QueryDict(f"department={department.pk}"))
        is None
    )


@pytest.mark.parametrize(
    "who", ["supervisor", "manager", "reporter", "handler", "leader_user", "admin_user"]
)
def test_the_inbox_count_is_the_orms(request, problem, elsewhere, who):
    from problems.selectors import inbox
    from tests.problems.factories import ProblemFactory

    for status in ("unrouted", "answered", "info_requested", "accepted", "reopened"):
        department = None if status == "unrouted" else problem.department
        ProblemFactory(project=problem.project, department=department, status=status)
    user = request.getfixturevalue(who)
    assert list_reads.inbox_count(user=user) == inbox(user=user).count()
    assert list_reads.inbox_count(user=elsewhere) == inbox(user=elsewhere).count() == 0
