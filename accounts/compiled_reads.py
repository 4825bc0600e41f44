"""Reads built by the ORM once per process and shape of reader, then sent with each reader's
ids (dashboard.opening, projects.list_campaigns, accounts.backends): the ORM's building and
compiling of a scoped read took longer than PostgreSQL's answer, on pages every reader opens.

A read is built from the same rules (projects.scope) for a stand-in reader of the same shape
(superuser or not, active, role, which of his ids he has) whose ids no row has; the compiled
parameters are checked to be stand-ins only, so a rule that adds a constant is refused rather
than sent, as compiled for one reader, to all."""

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.core.exceptions import EmptyResultSet, ImproperlyConfigured
from django.db import connection
from django.db.models import QuerySet

from accounts.models import User

# Stand-ins of the reader's ids: ids no row has.
READER_REGION, READER_LEADER, READER_UNIT, READER = range(-1004, -1000)
READER_STAND_INS = frozenset({READER_REGION, READER_LEADER, READER_UNIT, READER})


class ReaderShape(NamedTuple):
    """What a scoped read's SQL depends on, beyond the ids it is sent with."""

    is_superuser: bool
    is_active: bool
    role: str
    has_region: bool
    has_leader: bool
    has_unit: bool


def reader_shape(user: User) -> ReaderShape:
    return ReaderShape(
        user.is_superuser,
        user.is_active,
        user.role,
        user.region_id is not None,
        user.leader_id is not None,
        user.unit_id is not None,
    )


def stand_in_reader(shape: ReaderShape) -> User:
    """A reader of ``shape`` with the stand-ins for ids."""
    return User(
        pk=READER,
        is_superuser=shape.is_superuser,
        is_active=shape.is_active,
        role=shape.role,
        region_id=READER_REGION if shape.has_region else None,
        leader_id=READER_LEADER if shape.has_leader else None,
        unit_id=READER_UNIT if shape.has_unit else None,
    )


def reader_values(user: User) -> dict[int, int | None]:
    """Each reader's stand-in, and what it stands for in ``user``."""
    return {
        READER_REGION: user.region_id,
        READER_LEADER: user.leader_id,
        READER_UNIT: user.unit_id,
        READER: user.pk,
    }


def as_sent(day: dt.date) -> Any:
    """A date as the compiled SQL holds it, the backend's adaptation (a string on SQLite): the
    form a date's stand-in and its value take among a read's parameters."""
    return connection.ops.adapt_datefield_value(day)


@dataclass(frozen=True)
class Compiled:
    sql: str
    params: tuple[Any, ...]  # the stand-ins and constants, in the order the SQL takes them
    converters: tuple  # (position, converters, expression) of the columns that need them
    constants: frozenset = frozenset()  # those of ``params`` sent as they are


def compile_read(
    queryset: QuerySet,
    *,
    stand_ins: Iterable[Any],
    what: str,
    converted: int | None = None,
    constants: Iterable[Any] = (),
) -> Compiled | None:
    """``queryset`` compiled, its parameters checked to be ``stand_ins`` or the read's own
    ``constants`` (a status it filters by: the same for every reader); the ORM's converters of
    its first ``converted`` columns (None: all). None when it can match nothing whatever the
    ids (no query to send)."""
    compiler = queryset.query.get_compiler(connection.alias)
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet:
        return None
    fixed = set(constants)
    allowed = {*stand_ins, *fixed}
    # Raised, not asserted: ``python -O`` must not send one reader's constant to all.
    if not all(param in allowed for param in params):
        raise ImproperlyConfigured(f"{what} took other parameters: {params}")
    read = [column for column, _sql, _alias in compiler.select][:converted]
    converters = compiler.get_converters(read)
    return Compiled(
        sql,
        tuple(params),
        tuple((pos, funcs, expression) for pos, (funcs, expression) in converters.items()),
        frozenset(param for param in params if param in fixed),
    )


def run(compiled: Compiled, values: Mapping[Any, Any]) -> list[list]:
    """The rows of ``compiled`` sent with ``values`` (stand-in: value), converted as the ORM
    converts them."""
    with connection.cursor() as cursor:
        fixed = compiled.constants
        cursor.execute(compiled.sql, [p if p in fixed else values[p] for p in compiled.params])
        rows = [list(row) for row in cursor.fetchall()]
    for row in rows:
        for pos, funcs, expression in compiled.converters:
            for convert in funcs:
                row[pos] = convert(row[pos], expression, connection)
    return rows
