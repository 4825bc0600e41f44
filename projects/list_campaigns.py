"""The project list's two campaign reads: the campaigns of the projects the reader sees (the
filter bar's options, with their districts' names) and his newest campaign (the list's default,
as selectors.current_campaign picks it).

The ORM's building and compiling of the two took about a fifth of the list's time, more than
PostgreSQL's answers. As dashboard.opening does for the kept pages, each is built by the ORM from
the same rules (projects.scope) once per process and shape of reader, with stand-in ids in place
of his, then sent with his (accounts.compiled_reads).
"""

import functools

from django.db import connection

from accounts.compiled_reads import (
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

from .models import Campaign
from .scope import campaigns_for
from .selectors import projects_for_list

_CAMPAIGN = [field.attname for field in Campaign._meta.concrete_fields]
# Not the regions' outlines (up to 450 KB each): the bar shows their names.
_REGION = [field.attname for field in Region._meta.concrete_fields if field.name != "boundary"]


def _listed(user: User):
    """The filter bar's campaigns, in the campaigns' order, with their regions' columns."""
    campaigns = Campaign.objects.filter(pk__in=projects_for_list(user=user).values("campaign"))
    return campaigns.values_list(*_CAMPAIGN, *(f"region__{name}" for name in _REGION))


def _current(user: User):
    """selectors.current_campaign's pick (no year, no district), its id alone."""
    return campaigns_for(user).order_by("-year", "region__code").values_list("pk")[:1]


@functools.lru_cache(maxsize=256)
def _compiled(which: str, shape: ReaderShape) -> Compiled | None:
    """The SQL of ``which`` read for ``shape``; None when such a reader's scope is empty."""
    queryset = (_listed if which == "listed" else _current)(stand_in_reader(shape))
    return compile_read(
        queryset, stand_ins=READER_STAND_INS, what="The project list's campaign read"
    )


def _rows(which: str, user: User) -> list[list]:
    compiled = _compiled(which, reader_shape(user))
    return [] if compiled is None else run(compiled, reader_values(user))


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
