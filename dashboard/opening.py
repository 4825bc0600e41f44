"""What a kept page reads before its cache, in one query: the reader's campaign (as
projects.selectors.current_campaign picks it), its last scored week, its stamp (dashboard.cache)
and the level of the reader's own region (whether the dashboard links the league).

Every kept page and every 304 asks for these: three queries and the ORM's building of each took
longer than PostgreSQL's answers. The query is built by the ORM from the same rules (the scope of
projects.scope.campaigns_for, the stamp's columns) once per process and shape of the question
(superuser or not, a region, a year), with stand-in ids in place of the reader's, then sent with
his; the parameters are checked to be those stand-ins only, so a rule that adds one is not missed.
"""

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.core.exceptions import EmptyResultSet, ImproperlyConfigured
from django.db import connection
from django.db.models import OuterRef, Subquery, Value
from django.db.models.fields import CharField

from accounts.models import Region, User
from projects.models import Campaign
from projects.scope import campaigns_for
from scoring.models import ScoringRun

from .cache import stamp_annotations, stamp_of_row

# Stand-ins of the values a query is sent with: ids no row has, a year no campaign has (within
# its field's range: Django drops a filter by a value out of it).
_READER_REGION, _READER_LEADER, _READER_UNIT, _READER, _REGION = range(-1005, -1000)
_YEAR = 32_109
_FIELDS = [field.attname for field in Campaign._meta.concrete_fields]
# The order of current_campaign; the API's rankings pick by year alone.
PAGE_ORDER = ("-year", "region__code")


@dataclass(frozen=True)
class Opening:
    """A kept page's first read."""

    campaign: Campaign
    last_week: dt.date | None  # the campaign's last scored week
    stamp: str  # dashboard.cache.stamp([campaign.pk])
    reader_level: str | None  # the level of the reader's own region (None: he has none)


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: tuple[int, ...]  # the stand-ins, in the order the SQL takes them
    converters: tuple  # (position, converters, expression) of the columns that need them


class _Shape(NamedTuple):
    """What the SQL depends on, beyond the values it is sent with."""

    is_superuser: bool
    is_active: bool
    role: str
    has_region: bool  # the reader's own
    has_leader: bool
    has_unit: bool
    region: bool  # a district picked below the reader's region
    year: bool
    order: tuple[str, ...]


def _queryset(user: User, region: int | None, year: int | None, order: tuple[str, ...]):
    campaigns = campaigns_for(user)
    if region is not None:
        campaigns = campaigns.filter(region_id=region)
    if year:
        campaigns = campaigns.filter(year=year)
    reader_level: Any = Value(None, output_field=CharField())
    if user.region_id is not None:
        reader_level = Subquery(Region.objects.filter(pk=user.region_id).values("level")[:1])
    columns = stamp_annotations()
    last_week = ScoringRun.objects.filter(campaign=OuterRef("pk")).order_by("-week")
    return (
        campaigns.order_by(*order)
        .annotate(
            scored_until=Subquery(last_week.values("week")[:1]),
            reader_level=reader_level,
            **columns,
        )
        .values_list(*_FIELDS, "scored_until", "reader_level", *columns)[:1]
    )


@functools.lru_cache(maxsize=256)
def _compiled(shape: _Shape) -> _Compiled | None:
    """The SQL of ``shape``, built for a stand-in reader; None when such a reader's scope is
    empty whatever his ids (no query to send)."""
    stand_in = User(
        pk=_READER,
        is_superuser=shape.is_superuser,
        is_active=shape.is_active,
        role=shape.role,
        region_id=_READER_REGION if shape.has_region else None,
        leader_id=_READER_LEADER if shape.has_leader else None,
        unit_id=_READER_UNIT if shape.has_unit else None,
    )
    queryset = _queryset(
        stand_in, _REGION if shape.region else None, _YEAR if shape.year else None, shape.order
    )
    compiler = queryset.query.get_compiler(connection.alias)
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet:
        return None
    stand_ins = {_READER_REGION, _READER_LEADER, _READER_UNIT, _READER, _REGION, _YEAR}
    # A parameter that is no stand-in would be sent as compiled for another reader, and a
    # filter asked for must be in the SQL: refuse either.
    # Raised, not asserted: ``python -O`` must not send one reader's constant to all.
    if not (
        all(param in stand_ins for param in params)
        and (not shape.region or _REGION in params)
        and (not shape.year or _YEAR in params)
        and (not shape.has_region or shape.is_superuser or _READER_REGION in params)
    ):
        raise ImproperlyConfigured(f"A kept page's first read took other parameters: {params}")
    # The campaign's and the week's columns as the ORM reads them; the stamp's as
    # dashboard.cache.stamp does (raw), so that both make the same text.
    read = [column for column, _sql, _alias in compiler.select][: len(_FIELDS) + 2]
    converters = compiler.get_converters(read)
    return _Compiled(
        sql,
        tuple(params),
        tuple((pos, funcs, expression) for pos, (funcs, expression) in converters.items()),
    )


def opening(
    *,
    user: User,
    year: int | None = None,
    region: int | None = None,
    order: tuple[str, ...] = PAGE_ORDER,
) -> Opening | None:
    """The reader's campaign (of ``year``; ``region``: a district's below a city's or a
    province's reader), within his scope, with the rest of a kept page's first read; None if
    he has none."""
    compiled = _compiled(
        _Shape(
            user.is_superuser,
            user.is_active,
            user.role,
            user.region_id is not None,
            user.leader_id is not None,
            user.unit_id is not None,
            region is not None,
            bool(year),
            order,
        )
    )
    if compiled is None:
        return None
    values = {
        _READER_REGION: user.region_id,
        _READER_LEADER: user.leader_id,
        _READER_UNIT: user.unit_id,
        _READER: user.pk,
        _REGION: region,
        _YEAR: year,
    }
    with connection.cursor() as cursor:
        cursor.execute(compiled.sql, [values[param] for param in compiled.params])
        row = cursor.fetchone()
    if row is None:
        return None
    row = list(row)
    for pos, funcs, expression in compiled.converters:
        for convert in funcs:
            row[pos] = convert(row[pos], expression, connection)
    count = len(_FIELDS)
    campaign = Campaign.from_db(connection.alias, _FIELDS, row[:count])
    last_week, reader_level = row[count], row[count + 1]
    return Opening(
        campaign, last_week, stamp_of_row([campaign.pk, *row[count + 2 :]]), reader_level
    )
