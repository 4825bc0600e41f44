"""The problem list's filter bar's units and its count, read by SQL built once per process and
shape of reader (and, for the count, per choice of the bar's filters).

Building the units' read from the scope (a region's three-level filter, or the units of the
reader's problems) took the ORM longer than PostgreSQL's answer. As the project list's campaign
reads (projects.list_campaigns), it is built by the ORM from the same rules (problems.scope,
through filtersets.department_choices) for a stand-in reader of the same shape, its parameters
checked to be the stand-ins (accounts.compiled_reads), then sent with the reader's ids."""

import datetime as dt
import functools
from typing import Literal

from django.http import QueryDict

from accounts.compiled_reads import (
    READER_STAND_INS,
    Compiled,
    CompiledFiltered,
    ReaderShape,
    compile_filtered_read,
    compile_read,
    reader_shape,
    reader_values,
    run,
    run_count,
    stand_in_reader,
)
from accounts.models import User
from projects import weeks

from .filtersets import ProblemFilterSet, department_choices
from .models import Problem
from .selectors import problem_list

Unit = tuple[int, str, str]  # (pk, short_name, name)


@functools.lru_cache(maxsize=256)
def _compiled(shape: ReaderShape) -> Compiled | None:
    """The SQL of the bar's units for ``shape``; None when such a reader sees none."""
    reader = stand_in_reader(shape)
    units = department_choices(reader, problem_list(user=reader))
    return compile_read(
        units.values_list("pk", "short_name", "name"),
        stand_ins=READER_STAND_INS,
        what="The problem list's units read",
    )


def department_rows(*, user: User) -> tuple[Unit, ...]:
    """The units the bar offers ``user`` (filtersets.department_choices), in its order."""
    compiled = _compiled(reader_shape(user))
    if compiled is None:
        return ()
    return tuple((pk, short, name) for pk, short, name in run(compiled, reader_values(user)))


# The bar's filters whose check reads nothing; a chosen department is checked against the
# reader's units (the ORM's count then).
COUNTED = ("q", "status", "category", "level", "overdue")


@functools.lru_cache(maxsize=256)
def _counted(
    shape: ReaderShape, chosen: tuple[tuple[str, str], ...], today: dt.date
) -> CompiledFiltered | None | Literal[False]:
    """The SQL of the count of the problems a reader of ``shape`` sees with the bar's ``chosen``
    filters (today's, for "overdue"); None when it matches nothing; False: the bar refuses them
    (the view shows none, as the ORM's count says)."""
    reader = stand_in_reader(shape)
    data = QueryDict(mutable=True)
    for name, value in chosen:
        data[name] = value
    scoped = ProblemFilterSet(
        data, queryset=problem_list(user=reader), user=reader, departments=(), today=today
    )
    if not scoped.is_valid():
        return False
    # The same filters on every problem: their own parameters, which follow the scope's.
    unscoped = ProblemFilterSet(
        data, queryset=Problem.objects.all(), user=reader, departments=(), today=today
    )
    return compile_filtered_read(
        scoped.qs, unscoped.qs, stand_ins=READER_STAND_INS, what="The problem list's count"
    )


def problem_count(*, user: User, data) -> int | None:
    """The number of problems the list shows ``user`` for the bar's ``data`` (the request's
    GET); None when it is the ORM's to count (a department chosen, or a choice refused)."""
    if str(data.get("department") or ""):
        return None
    chosen = tuple((name, data[name]) for name in COUNTED if name in data)
    compiled = _counted(reader_shape(user), chosen, weeks.local_today())
    if compiled is False:
        return None
    if compiled is None:
        return 0
    return run_count(compiled, reader_values(user))
