"""The problem list's filter bar's units, its count and the inbox's, read by SQL built once per
process and shape of reader (and, for the list's count, per choice of the bar's filters).

Building the units' read from the scope (a region's three-level filter, or the units of the
reader's problems) took the ORM longer than PostgreSQL's answer. As the project list's campaign
reads (projects.list_campaigns), it is built by the ORM from the same rules (problems.scope,
through filtersets.department_choices) for a stand-in reader of the same shape, its parameters
checked to be the stand-ins (accounts.compiled_reads), then sent with the reader's ids."""

import datetime as dt
import functools
from typing import Literal

from accounts.compiled_reads import (
    READER_STAND_INS,
    Compiled,
    CompiledFiltered,
    ReaderShape,
    bar_count,
    compile_bar_count,
    compile_read,
    counting,
    reader_shape,
    reader_values,
    run,
    stand_in_reader,
)
from accounts.models import User
from projects import weeks

from .choices import Origin, Status
from .filtersets import ProblemFilterSet, department_choices
from .selectors import inbox, problem_list

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
    filters, today's (for "overdue")."""
    return compile_bar_count(
        shape,
        chosen,
        scope=lambda reader: problem_list(user=reader),
        bar=lambda data, problems, reader: ProblemFilterSet(
            data, queryset=problems, user=reader, departments=(), today=today
        ),
        what="The problem list's count",
    )


def problem_count(*, user: User, data) -> int | None:
    """The number of problems the list shows ``user`` for the bar's ``data`` (the request's
    GET); None when it is the ORM's to count (a department chosen, or a choice refused)."""
    if str(data.get("department") or ""):
        return None
    today = weeks.local_today()
    return bar_count(user, data, COUNTED, lambda shape, chosen: _counted(shape, chosen, today))


# What the inbox's filter holds beside the reader's ids (problems.selectors.waiting_q).
WAITING = frozenset({*Status.values, *Origin.values})


@functools.lru_cache(maxsize=64)
def _inbox_counted(shape: ReaderShape) -> Compiled | None:
    """The SQL of the number of problems waiting for a reader of ``shape``; None: none ever."""
    reader = stand_in_reader(shape)
    compiled = compile_read(
        inbox(user=reader).order_by().values("pk"),
        stand_ins=READER_STAND_INS,
        constants=WAITING,
        what="The inbox's count",
    )
    return None if compiled is None else counting(compiled)


def inbox_count(*, user: User) -> int:
    """The number of problems waiting for ``user``'s move (selectors.inbox)."""
    compiled = _inbox_counted(reader_shape(user))
    return 0 if compiled is None else run(compiled, reader_values(user))[0][0]
