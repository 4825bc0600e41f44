"""The project list's filter bar: its unit and leader options drawn once per change of what
they list, and kept (Django's cache) for the next reader of the same options.

A district's bar lists about 450 units and leaders: two queries over the campaign's projects
and 450 ``<option>``s drawn on every page of the list. The options depend on who reads them
(``scope.scope_key``), the campaign (or all the reader's), the language and the register:

- a unit or leader added, renamed or removed anywhere: the newest row of their history tables;
- a project added, removed, or given another unit or leader in a campaign: the newest history
  row of the campaign's projects; a project moved to another campaign is recorded under the
  new one, so the old one's number of projects is in the key too (it falls; it can only rise
  again by a project added or moved in, which is a new history row of the campaign).

A new change makes a new key; nothing is deleted by hand, old entries expire. A cache that
fails (Redis down) is skipped: the options are drawn."""

import functools
import hashlib

from django.db import connection
from django.utils.translation import get_language

from accounts.models import Leader, Unit
from config.conditional import code_version

from .models import Campaign, Project


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


@functools.lru_cache(maxsize=64)
def _stamp_sql(count: int) -> str:
    """Built once per number of campaigns: the history models are worked out per access (a
    manager each time). PostgreSQL takes the ids as one array; SQLite as a list."""
    projects, history = _table(Project), _table(Project.history.model)
    if connection.vendor == "postgresql":
        campaigns = "unnest(%s::bigint[]) AS c(id)"
    else:
        campaigns = f"{_table(Campaign)} c WHERE c.id IN ({', '.join(['%s'] * count)})"
    # A submitted report's figure alone (changes_pages false) changes no unit or leader listed.
    return (
        f"SELECT (SELECT max(history_id) FROM {_table(Unit.history.model)}),"
        f" (SELECT max(history_id) FROM {_table(Leader.history.model)}),"
        f" c.id,"
        f" (SELECT h.history_id FROM {history} h WHERE h.campaign_id = c.id AND h.changes_pages"
        f"  ORDER BY h.history_id DESC LIMIT 1),"
        f" (SELECT count(*) FROM {projects} p WHERE p.campaign_id = c.id)"
        f" FROM {campaigns} ORDER BY c.id"
    )


def register_stamp(campaign_ids: list[int]) -> str:
    """The register's last changes that the options of ``campaign_ids`` show: one query, each
    part one step down an index (projects' migrations register_change_indexes and
    history_page_mark)."""
    ids = sorted(set(campaign_ids))
    params = [ids] if connection.vendor == "postgresql" else ids
    with connection.cursor() as cursor:
        cursor.execute(_stamp_sql(len(ids)), params)
        return ";".join("/".join(map(str, row)) for row in cursor.fetchall())


def options_key(*, scope: str | None, campaign_ids: list[int], chosen: int | None) -> str | None:
    """The key of the options of the projects of ``chosen`` (None: of all ``campaign_ids``,
    the reader's) as ``scope`` sees them; None when they are not kept (a handler's)."""
    if scope is None or not campaign_ids:
        return None
    text = repr(
        ("filter-options", get_language(), scope, chosen, register_stamp(campaign_ids))
        + (code_version(),)
    )
    return "filter-options:" + hashlib.sha256(text.encode()).hexdigest()[:32]
