"""Reads built by the ORM once per process and shape of reader, then sent with each reader's
ids (dashboard.opening, projects.list_campaigns, accounts.backends): the ORM's building and
compiling of a scoped read took longer than PostgreSQL's answer, on pages every reader opens.

A read is built from the same rules (projects.scope) for a stand-in reader of the same shape
(superuser or not, active, role, which of his ids he has) whose ids no row has; the compiled
parameters are checked to be stand-ins only, so a rule that adds a constant is refused rather
than sent, as compiled for one reader, to all."""

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


@dataclass(frozen=True)
class Compiled:
    sql: str
    params: tuple[int, ...]  # the stand-ins, in the order the SQL takes them
    converters: tuple  # (position, converters, expression) of the columns that need them


def compile_read(
    queryset: QuerySet, *, stand_ins: Iterable[int], what: str, converted: int | None = None
) -> Compiled | None:
    """``queryset`` compiled, its parameters checked to be ``stand_ins``; the ORM's converters
    of its first ``converted`` columns (None: all). None when it can match nothing whatever
    the ids (no query to send)."""
    compiler = queryset.query.get_compiler(connection.alias)
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet:
        return None
    allowed = set(stand_ins)
    # Raised, not asserted: ``python -O`` must not send one reader's constant to all.
    if not all(param in allowed for param in params):
        raise ImproperlyConfigured(f"{what} took other parameters: {params}")
    read = [column for column, _sql, _alias in compiler.select][:converted]
    converters = compiler.get_converters(read)
    return Compiled(
        sql,
        tuple(params),
        tuple((pos, funcs, expression) for pos, (funcs, expression) in converters.items()),
    )


def run(compiled: Compiled, values: Mapping[int, Any]) -> list[list]:
    """The rows of ``compiled`` sent with ``values`` (stand-in: value), converted as the ORM
    converts them."""
    with connection.cursor() as cursor:
        cursor.execute(compiled.sql, [values[param] for param in compiled.params])
        rows = [list(row) for row in cursor.fetchall()]
    for row in rows:
        for pos, funcs, expression in compiled.converters:
            for convert in funcs:
                row[pos] = convert(row[pos], expression, connection)
    return rows


@dataclass(frozen=True)
class CompiledFiltered:
    """A scoped read with filters chosen by the reader (a list's bar): the reader's stand-ins,
    then the filters' own constants, in the order the SQL takes them."""

    sql: str
    params: tuple[int, ...]  # the stand-ins
    constants: tuple  # the filters' parameters, after the stand-ins


def compile_filtered_read(
    queryset: QuerySet, unscoped: QuerySet, *, stand_ins: Iterable[int], what: str
) -> CompiledFiltered | None:
    """``queryset`` (a stand-in reader's scope, then filters) compiled for a count of its rows;
    ``unscoped``: the same filters on every row. Its parameters are checked to be stand-ins
    followed by exactly the filters' own (``unscoped``'s), so that no constant of the scope is
    sent, as compiled for one reader, to all. None when it can match nothing."""
    try:
        sql, params = queryset.order_by().values("pk").query.sql_with_params()
        _filters_sql, constants = unscoped.order_by().values("pk").query.sql_with_params()
    except EmptyResultSet:
        return None
    allowed = set(stand_ins)
    scope = params[: len(params) - len(constants)]
    if tuple(params[len(scope) :]) != tuple(constants) or not all(p in allowed for p in scope):
        raise ImproperlyConfigured(f"{what} took other parameters: {params}")
    return CompiledFiltered(
        f"SELECT COUNT(*) FROM ({sql}) AS counted", tuple(scope), tuple(constants)
    )


def run_count(compiled: CompiledFiltered, values: Mapping[int, Any]) -> int:
    """The number of rows of ``compiled`` sent with ``values`` (stand-in: value)."""
    with connection.cursor() as cursor:
        cursor.execute(compiled.sql, [*(values[p] for p in compiled.params), *compiled.constants])
        return cursor.fetchone()[0]
