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
