"""The project list's two campaign reads: the campaigns of the projects the reader sees (the
filter bar's options, with their districts' names) and his newest campaign (the list's default,
as selectors.current_campaign picks it).

The ORM's building and compiling of the two took about a fifth of the list's time, more than
PostgreSQL's answers. As dashboard.opening does for the kept pages, each is built by the ORM from
the same rules (projects.scope) once per process and shape of reader (superuser or not, role,
which of his ids he has), with stand-in ids in place of his, then sent with his; the parameters
are checked to be those stand-ins only, so a rule that adds one is not missed.
"""

import functools
from dataclasses import dataclass
from typing import NamedTuple

from django.core.exceptions import EmptyResultSet, ImproperlyConfigured
from django.db import connection

from accounts.models import Region, User

from .models import Campaign
from .scope import campaigns_for
from .selectors import projects_for_list

# Stand-ins of the reader's ids: ids no row has.
_READER_REGION, _READER_LEADER, _READER_UNIT, _READER = range(-1004, -1000)
_STAND_INS = {_READER_REGION, _READER_LEADER, _READER_UNIT, _READER}
_CAMPAIGN = [field.attname for field in Campaign._meta.concrete_fields]
# Not the regions' outlines (up to 450 KB each): the bar shows their names.
_REGION = [field.attname for field in Region._meta.concrete_fields if field.name != "boundary"]


class _Shape(NamedTuple):
    """What the SQL depends on, beyond the ids it is sent with."""

    is_superuser: bool
    is_active: bool
    role: str
    has_region: bool
    has_leader: bool
    has_unit: bool


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: tuple[int, ...]  # the stand-ins, in the order the SQL takes them
    converters: tuple  # (position, converters, expression) of the columns that need them


def _listed(user: User):
    """The filter bar's campaigns, in the campaigns' order, with their regions' columns."""
    campaigns = Campaign.objects.filter(pk__in=projects_for_list(user=user).values("campaign"))
    return campaigns.values_list(*_CAMPAIGN, *(f"region__{name}" for name in _REGION))


def _current(user: User):
    """selectors.current_campaign's pick (no year, no district), its id alone."""
    return campaigns_for(user).order_by("-year", "region__code").values_list("pk")[:1]


def _shape(user: User) -> _Shape:
    return _Shape(
        user.is_superuser,
        user.is_active,
        user.role,
        user.region_id is not None,
        user.leader_id is not None,
        user.unit_id is not None,
    )


@functools.lru_cache(maxsize=256)
def _compiled(which: str, shape: _Shape) -> _Compiled | None:
    """The SQL of ``which`` read for ``shape``, built for a stand-in reader; None when such a
    reader's scope is empty whatever his ids (no query to send)."""
    stand_in = User(
        pk=_READER,
        is_superuser=shape.is_superuser,
        is_active=shape.is_active,
        role=shape.role,
        region_id=_READER_REGION if shape.has_region else None,
        leader_id=_READER_LEADER if shape.has_leader else None,
        unit_id=_READER_UNIT if shape.has_unit else None,
    )
    queryset = (_listed if which == "listed" else _current)(stand_in)
    compiler = queryset.query.get_compiler(connection.alias)
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet:
        return None
    # A parameter that is no stand-in would be sent as compiled for another reader: refuse it.
    # Raised, not asserted: ``python -O`` must not send one reader's constant to all.
    if not all(param in _STAND_INS for param in params):
        raise ImproperlyConfigured(
            f"The project list's campaign read took other parameters: {params}"
        )
    read = [column for column, _sql, _alias in compiler.select]
    converters = compiler.get_converters(read)
    return _Compiled(
        sql,
        tuple(params),
        tuple((pos, funcs, expression) for pos, (funcs, expression) in converters.items()),
    )


def _rows(which: str, user: User) -> list[list]:
    compiled = _compiled(which, _shape(user))
    if compiled is None:
        return []
    values = {
        _READER_REGION: user.region_id,
        _READER_LEADER: user.leader_id,
        _READER_UNIT: user.unit_id,
        _READER: user.pk,
    }
    with connection.cursor() as cursor:
        cursor.execute(compiled.sql, [values[param] for param in compiled.params])
        rows = [list(row) for row in cursor.fetchall()]
    for row in rows:
        for pos, funcs, expression in compiled.converters:
            for convert in funcs:
                row[pos] = convert(row[pos], expression, connection)
    return rows


def listed_campaigns(*, user: User) -> list[Campaign]:
    """The campaigns of the projects ``user`` sees, in the campaigns' order, each with its
    region (its outline deferred): the filter bar's options."""
    count = len(_CAMPAIGN)
    listed = []
    for row in _rows("listed", user):
        campaign = Campaign.from_db(connection.alias, _CAMPAIGN, row[:count])
        campaign.region = Region.from_db(connection.alias, _REGION, row[count:])
        listed.append(campaign)
    return listed


def current_campaign_id(*, user: User) -> int | None:
    """The id of ``selectors.current_campaign(user=user)``, or None."""
    rows = _rows("current", user)
    return rows[0][0] if rows else None
