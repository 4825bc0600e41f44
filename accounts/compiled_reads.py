"""Reads built by the ORM once per process and shape of reader, then sent with each reader's
ids (dashboard.opening, projects.list_campaigns, accounts.backends): the ORM's building and
compiling of a scoped read took longer than PostgreSQL's answer, on pages every reader opens.

A read is built from the same rules (projects.scope) for a stand-in reader of the same shape
(superuser or not, active, role, which of his ids he has) whose ids no row has; the compiled
parameters are checked to be stand-ins only, so a rule that adds a constant is refused rather
than sent, as compiled for one reader, to all."""

import copy
import dataclasses
import datetime as dt
import functools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal, NamedTuple

from django.core.exceptions import EmptyResultSet, ImproperlyConfigured
from django.db import connection
from django.db.models import Model, Prefetch, QuerySet, prefetch_related_objects

# Django's own builder of the select_related instances of a row, as its ModelIterable uses it.
from django.db.models.query import get_related_populators
from django.http import QueryDict

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


_SMALLEST, _LARGEST = -(2**63), 2**63 - 1


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
    needed: Iterable[Any] = (),
) -> Compiled | None:
    """``queryset`` compiled, its parameters checked to be ``stand_ins`` or the read's own
    ``constants`` (a status it filters by: the same for every reader), and to hold each of
    ``needed`` (a filter asked for is in the SQL); the ORM's converters of its first
    ``converted`` columns (None: all). None when it can match nothing whatever the ids (no
    query to send)."""
    compiled = _compile(queryset, stand_ins, what, converted, constants, needed)
    return compiled[1] if compiled else None


def _compile(
    queryset, stand_ins, what, converted, constants, needed
) -> tuple[Any, Compiled] | None:
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
    if not set(needed) <= set(params):
        raise ImproperlyConfigured(f"{what} lost a filter asked for: {params}")
    read = [column for column, _sql, _alias in compiler.select][:converted]
    converters = compiler.get_converters(read)
    return compiler, Compiled(
        sql,
        tuple(params),
        tuple((pos, funcs, expression) for pos, (funcs, expression) in converters.items()),
        frozenset(param for param in params if param in fixed),
    )


@dataclass(frozen=True)
class CompiledModels:
    """A read of model instances: its SQL, and how Django's ModelIterable builds each row's
    instance, its ``select_related`` ones and its annotations."""

    read: Compiled
    model: type[Model]
    names: tuple[str, ...]  # the model's columns read (the others deferred)
    columns: slice
    populators: tuple  # the select_related instances' builders
    annotations: tuple[tuple[str, int], ...]
    prefetches: tuple  # done after, as the queryset would, by prefetch_related_objects


def compile_models(
    queryset: QuerySet,
    *,
    stand_ins: Iterable[Any],
    what: str,
    constants: Iterable[Any] = (),
    needed: Iterable[Any] = (),
) -> CompiledModels | None:
    """``queryset``'s read of instances compiled as ``compile_read`` compiles one of values."""
    compiled = _compile(queryset, stand_ins, what, None, constants, needed)
    if compiled is None:
        return None
    compiler, read = compiled
    info, select = compiler.klass_info, compiler.select
    first, last = info["select_fields"][0], info["select_fields"][-1] + 1
    return CompiledModels(
        read,
        info["model"],
        tuple(column[0].target.attname for column in select[first:last]),
        slice(first, last),
        # The stubs follow Django 6's signature (a fetch mode); 5.2 takes three.
        tuple(get_related_populators(info, select, connection.alias)),  # type: ignore[call-arg]
        tuple(compiler.annotation_col_map.items()),
        tuple(queryset._prefetch_related_lookups),  # type: ignore[attr-defined]
    )


def _fresh(lookup):
    """A kept ``Prefetch`` with a queryset of its own: Django's prefetching writes the request's
    instances into its queryset's hints, which a process-wide one would keep and share."""
    if isinstance(lookup, Prefetch) and lookup.queryset is not None:
        lookup = copy.copy(lookup)
        lookup.queryset = lookup.queryset.all()
    return lookup


def run_models(compiled: CompiledModels, values: Mapping[Any, Any]) -> list[Any]:
    """The instances of ``compiled`` sent with ``values``, as iterating its queryset builds
    them, prefetches included."""
    alias, names, found = connection.alias, list(compiled.names), []
    for row in run(compiled.read, values):
        instance = compiled.model.from_db(alias, names, row[compiled.columns])
        for populator in compiled.populators:
            populator.populate(row, instance)
        for name, position in compiled.annotations:
            setattr(instance, name, row[position])
        found.append(instance)
    if found and compiled.prefetches:
        prefetch_related_objects(found, *map(_fresh, compiled.prefetches))
    return found


def run(compiled: Compiled, values: Mapping[Any, Any]) -> list[list]:
    """The rows of ``compiled`` sent with ``values`` (stand-in: value), converted as the ORM
    converts them."""
    sent = [param if param in compiled.constants else values[param] for param in compiled.params]
    # An id from an address may be past a 64-bit integer (SQLite refuses it): as the ORM's
    # lookups answer, it is no row's.
    if any(type(value) is int and not _SMALLEST <= value <= _LARGEST for value in sent):
        return []
    with connection.cursor() as cursor:
        cursor.execute(compiled.sql, sent)
        rows = [list(row) for row in cursor.fetchall()]
    for row in rows:
        for pos, funcs, expression in compiled.converters:
            for convert in funcs:
                row[pos] = convert(row[pos], expression, connection)
    return rows


def counting(compiled: Compiled) -> Compiled:
    """The read of the number of rows ``compiled`` reads (``run``'s one row of one value)."""
    return dataclasses.replace(
        compiled, sql=f"SELECT COUNT(*) FROM ({compiled.sql}) AS counted", converters=()
    )


# A stand-in of the one id a read of rows belonging to one thing (a project's) is sent with.
THING = -1007


def read_of_one(what: str, build: Callable[[int], QuerySet]) -> Callable[[int], list[Any]]:
    """The read of the instances ``build(pk)`` finds, its SQL compiled on first use and sent
    with each ``pk``: for the rows of one thing that the caller's scope already let through (a
    project's plans, once ``project_get`` found the project)."""

    @functools.cache
    def compiled() -> CompiledModels | None:
        return compile_models(build(THING), stand_ins={THING}, what=what, needed={THING})

    def read(pk: int) -> list[Any]:
        found = compiled()
        return [] if found is None else run_models(found, {THING: pk})

    return read


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


# A page's filter bar (a FilterSet) made for the bar's data, a queryset and the reader.
Bar = Callable[[QueryDict, QuerySet, User], Any]


def compile_bar_count(
    shape: ReaderShape,
    chosen: tuple[tuple[str, str], ...],
    *,
    scope: Callable[[User], QuerySet],
    bar: Bar,
    what: str,
) -> CompiledFiltered | None | Literal[False]:
    """The count of the rows a reader of ``shape`` sees through ``scope`` with the ``bar``'s
    ``chosen`` filters (name, value), compiled; None when it matches nothing; False: the bar
    refuses them (the page shows none, as the ORM's count says). Cached by the caller, per
    shape and choice: the filters' values are constants of the SQL."""
    reader = stand_in_reader(shape)
    data = QueryDict(mutable=True)
    for name, value in chosen:
        data[name] = value
    scoped = scope(reader)
    filtered = bar(data, scoped, reader)
    if not filtered.is_valid():
        return False
    # The same filters on every row: their own parameters, which follow the scope's.
    unscoped = bar(data, scoped.model._default_manager.all(), reader)
    return compile_filtered_read(filtered.qs, unscoped.qs, stand_ins=READER_STAND_INS, what=what)


def bar_count(
    user: User, data, counted: tuple[str, ...], compiled: Callable[..., Any]
) -> int | None:
    """The number of rows a page's bar shows ``user`` for ``data`` (the request's GET), of the
    bar's ``counted`` filters, by ``compiled(shape, chosen)`` (compile_bar_count, cached); None
    when the bar refuses them (the ORM's to count)."""
    chosen = tuple((name, data[name]) for name in counted if name in data)
    found = compiled(reader_shape(user), chosen)
    if found is False:
        return None
    return 0 if found is None else run_count(found, reader_values(user))
