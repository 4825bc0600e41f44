"""Figures computed once per scoring run, not once per view.

What the dashboard, the rankings (page and API), the league of districts and the wall screen
show changes only when a week's scores are written. Their figures (plain data) are kept in
Django's cache under a key that names everything they depend on: the campaigns' latest writes
(a scoring run or a project's rescoring, the outlook, the running sums), the week, the
language, the filters, and who sees what. A new write makes a new key, so nothing is ever
stale and nothing is deleted by hand; old entries expire. The same key makes the pages' ETag
(``config.conditional``). A cache that fails (Redis down) is skipped: the page computes.

Drawing 50 to 200 rows from the figures cost ten times their SQL on every request, so the
figures' part of each page is kept drawn too (``kept_html``), under the figures key and the
query string: the rest of the page (menu, user, CSRF token, messages) is drawn per request.
"""

import functools
import hashlib
from collections.abc import Callable, Iterable
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.models import Count, F, OuterRef, QuerySet, Subquery
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from accounts.models import Leader, Unit
from config.conditional import code_version
from config.kept import kept
from projects.models import Campaign, MonthlyPlan, Project
from projects.scope import scope_key
from scoring.models import ScoringRun

from .models import Outlook, RunningMark


def _latest(model, field: str, via: str = "campaign", outer: str = "pk") -> Subquery:
    return Subquery(
        model.objects.filter(**{via: OuterRef(outer)}).order_by(f"-{field}").values(field)[:1]
    )


def _changed(model, via: str, outer: str = "pk", pages: bool = False) -> Subquery:
    """The register's last change (a rename, a target, a project added or removed), as its
    simple-history rows record it: the newest row's number (a sequence, deaf to the clock); each
    read is one step down an index (projects' migration register_change_indexes). ``pages``:
    only the rows that change what the pages draw (projects.page_marks, its own index)."""
    rows = model.history.model.objects
    if pages:
        rows = rows.filter(changes_pages=True)
    return Subquery(
        rows.filter(**{via: OuterRef(outer)}).order_by("-history_id").values("history_id")[:1]
    )


def stamp_annotations() -> dict[str, Any]:
    """The stamp's columns of a campaign, as annotations of a Campaign queryset (in order)."""
    return {
        "run": _latest(ScoringRun, "written_at"),
        "outlook": _latest(Outlook, "computed_at"),
        "mark": _latest(RunningMark, "computed_at"),
        "campaign_changed": _changed(Campaign, "id"),
        # Not a submitted report's figure alone: no page draws it (projects.page_marks).
        "project_changed": _changed(Project, "campaign_id", pages=True),
        # A project moved to another campaign writes its history there, not here: its count.
        "project_count": Subquery(
            Project.objects.filter(campaign=OuterRef("pk"))
            .order_by()
            .values("campaign")
            .annotate(n=Count("*"))
            .values("n")[:1]
        ),
        "unit_changed": _changed(Unit, "region_id", "region_id"),
        "leader_changed": _changed(Leader, "region_id", "region_id"),
        "region_changed": F("region__updated_at"),  # its name and outline, drawn on the pages
        # Any campaign's monthly plans (序时进度 is read from them): one step down their key.
        "plans_changed": Subquery(
            MonthlyPlan.history.order_by("-history_id").values("history_id")[:1]
        ),
    }


def _stamp_rows(campaigns: QuerySet[Campaign]) -> QuerySet[Any, Any]:
    columns = stamp_annotations()
    return campaigns.order_by("pk").annotate(**columns).values_list("pk", *columns)


def stamp_of_row(row: Iterable[Any]) -> str:
    """One campaign's part of the stamp: its id and the columns of ``stamp_annotations``."""
    return "/".join(_moment(value) for value in row)


@functools.lru_cache(maxsize=64)
def _stamp_sql(count: int) -> str:
    """The stamp's SQL for ``count`` campaigns, built once per process: every cached page and
    every 304 asks for it, and Django took ten times longer to build it than PostgreSQL to
    answer it (7 ms against 0.7)."""
    sentinels = list(range(-count, 0))
    sql, params = _stamp_rows(Campaign.objects.filter(pk__in=sentinels)).query.sql_with_params()
    # The ids are its only parameters; a change in Django that adds one must not go unseen.
    if sorted(params) != sentinels:  # raised, not asserted: python -O keeps the check
        raise ImproperlyConfigured(f"The stamp's SQL took other parameters: {params}")
    return sql


def stamp(campaign_ids: Iterable[int]) -> str:
    """The campaigns' latest writes of what the pages read, scores and register: one query."""
    ids = sorted(set(campaign_ids))
    if not ids:
        return ""
    with connection.cursor() as cursor:
        cursor.execute(_stamp_sql(len(ids)), ids)
        rows = cursor.fetchall()
    return ";".join(stamp_of_row(row) for row in rows)


def _moment(value) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


# Who sees what, as projects.scope decides it: users who see the same projects share the figures.
scope_of = scope_key


def key_of(*parts: Any) -> str:
    """The cache key (and the ETag's base) of ``parts``, in the active language."""
    text = repr((get_language(), *parts))
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def cached(key: str | None, compute: Callable[[], Any], kind: str = "figures") -> Any:
    """``compute()``'s value kept under ``key`` (None: not kept); a failing cache is skipped."""
    return kept(None if key is None else f"{kind}:{key}", compute)


# A query string longer than this is no page's own link: drawn, not kept (a key per address).
KEPT_QUERY = 300
# What every kept page may read from its address; a page adds its filters (``reads``).
PAGE_PARAMS = frozenset({"week", "year", "region", "page", "red_page", "kind", "period", "sort"})


def fragment_key(
    figures: str | None,
    request: HttpRequest,
    *parts: Any,
    reads: Iterable[str] = (),
) -> str | None:
    """The key of a page's drawn figures: the figures key (its stamp covers the region's name
    and outline too), the query string (the pagers' and filters' links repeat it), the
    deployed code and ``parts`` (what else it shows).

    A parameter the page does not read (a tracker's, a typo, a made-up one) makes the page
    drawn, not kept: its links repeat it, and every new one would be a new entry in Redis."""
    query = request.META.get("QUERY_STRING", "")
    if figures is None or len(query) > KEPT_QUERY:
        return None
    allowed = PAGE_PARAMS.union(reads)
    if any(name not in allowed for name in request.GET):
        return None
    return key_of("html", figures, query, code_version(), *parts)


def kept_html(key: str | None, template: str, context: Callable[[], dict]) -> SafeString:
    """``template`` drawn with ``context()``, kept under ``key`` (see ``fragment_key``): a
    second reader of the same figures gets the HTML without loading or drawing anything.
    Drawn without the request, the fragment cannot show the reader's name, menu, messages or
    CSRF token (no context processor runs): whoever shares the key may share the HTML."""

    def draw() -> str:
        return str(render_to_string(template, context()))

    return mark_safe(cached(key, draw, kind="html"))  # noqa: S308 - a template's own output


def standings(
    *,
    campaign: Campaign,
    kind: str,
    period: str,
    week,
    visible=None,
    campaign_stamp=None,
    reading=None,
):
    """dashboard.rankings.standings, the ranking kept once per scoring run: it ranks every
    project of the campaign whoever asks (the competition is public inside the region), so one
    entry serves everyone; only the labels of a page (links the viewer may open) are his.
    ``reading``: a rankings.Reading of the campaign's competitors shared by several standings."""
    from .rankings import selectors as rankings

    key = key_of(
        "standings", campaign.pk, kind, period, week, campaign_stamp or stamp([campaign.pk])
    )
    projects = reading.projects if reading is not None else rankings.competitors(campaign)

    def compute():
        return rankings.standings(
            projects=projects,
            campaign=campaign,
            kind=kind,
            period=period,
            week=week,
            reading=reading,
        ).ranked

    return rankings.LabelledRows(kind, cached(key, compute), projects, week, visible)


_REGION = -1  # the stand-in of a league's region in its SQL (no region's id)


@functools.lru_cache(maxsize=2)
def _league_rows_sql(top: bool) -> tuple[str, int]:
    """The stamp rows of the campaigns below a region (``top``: below none, a superuser's
    league), as ``stamp`` reads them; built once per process: the ORM took longer than the
    database. Returns the SQL and how many times it takes the region's id."""
    from django.db.models import Q

    if top:
        below = Q(region__parent__isnull=True) | Q(region__parent__parent__isnull=True)
    else:
        below = Q(region__parent=_REGION) | Q(region__parent__parent=_REGION)
    sql, params = _stamp_rows(Campaign.objects.filter(below)).query.sql_with_params()
    # The region is its only parameter; a change in Django that adds one must not go unseen.
    if not (all(param == _REGION for param in params) and (top or params)):
        raise ImproperlyConfigured(f"The league's stamp SQL took other parameters: {params}")
    return sql, len(params)


def league_stamp(region) -> str:
    """What a league of the regions below ``region`` depends on: its campaigns' stamp and their
    problems' last change (the league counts open and overdue problems). Two queries."""
    from problems.models import Problem

    sql, count = _league_rows_sql(region is None)
    with connection.cursor() as cursor:
        cursor.execute(sql, [region.pk] * count if region is not None else [])
        rows = cursor.fetchall()
    ids = [row[0] for row in rows]
    # ORDER BY … LIMIT 1, not Max(): PostgreSQL reads an index's end for MAX() of one table
    # only, and this one joins the projects (problems' migration problem_updated_at_idx).
    problems = (
        Problem.objects.filter(project__campaign__in=ids)
        .order_by("-updated_at")
        .values_list("updated_at", flat=True)
        .first()
    )
    # As stamp(ids): one part per campaign, by id.
    return f"{';'.join(stamp_of_row(row) for row in rows)}|{_moment(problems)}"
