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

from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.models import OuterRef, Subquery, Value
from django.db.models.fields import CharField

from accounts.compiled_reads import (
    READER_REGION,
    READER_STAND_INS,
    Compiled,
    ReaderShape,
    compile_read,
    reader_shape,
    reader_values,
    run,
    stand_in_reader,
)
from accounts.models import Region, User
from projects.models import Campaign
from projects.scope import campaigns_for
from scoring.models import ScoringRun

from .cache import stamp_annotations, stamp_of_row

# Stand-ins beside the reader's (accounts.compiled_reads): a region no row is, a year no
# campaign has (within its field's range: Django drops a filter by a value out of it).
_REGION = -1005
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


class _Shape(NamedTuple):
    """What the SQL depends on, beyond the values it is sent with."""

    reader: ReaderShape
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
def _compiled(shape: _Shape) -> Compiled | None:
    """The SQL of ``shape``, built for a stand-in reader; None when such a reader's scope is
    empty whatever his ids (no query to send)."""
    queryset = _queryset(
        stand_in_reader(shape.reader),
        _REGION if shape.region else None,
        _YEAR if shape.year else None,
        shape.order,
    )
    # The campaign's and the week's columns as the ORM reads them; the stamp's as
    # dashboard.cache.stamp does (raw), so that both make the same text.
    compiled = compile_read(
        queryset,
        stand_ins=READER_STAND_INS | {_REGION, _YEAR},
        what="A kept page's first read",
        converted=len(_FIELDS) + 2,
    )
    reader, params = shape.reader, compiled.params if compiled else ()
    # A filter asked for must be in the SQL, as the reader's region where his scope reads it.
    if compiled is not None and not (
        (not shape.region or _REGION in params)
        and (not shape.year or _YEAR in params)
        and (not reader.has_region or reader.is_superuser or READER_REGION in params)
    ):
        raise ImproperlyConfigured(f"A kept page's first read took other parameters: {params}")
    return compiled


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
    shape = _Shape(reader_shape(user), region is not None, bool(year), order)
    compiled = _compiled(shape)
    if compiled is None:
        return None
    rows = run(compiled, {**reader_values(user), _REGION: region, _YEAR: year})
    if not rows:
        return None
    row = rows[0]
    count = len(_FIELDS)
    campaign = Campaign.from_db(connection.alias, _FIELDS, row[:count])
    last_week, reader_level = row[count], row[count + 1]
    return Opening(
        campaign, last_week, stamp_of_row([campaign.pk, *row[count + 2 :]]), reader_level
    )
