"""The reporter's week read from SQL built once per process and shape of reader
(accounts.compiled_reads): the reader's current campaign, his projects of the week's campaign
year and their reports of the week with those returned of other weeks. Built by the ORM on each
request, these reads cost more than PostgreSQL's answers on the page every reporter opens first.
"""

import datetime as dt
import functools

from django.db import connection
from django.db.models import Q

from accounts.compiled_reads import (
    READER_STAND_INS,
    Compiled,
    ReaderShape,
    as_sent,
    compile_read,
    reader_shape,
    reader_values,
    run,
    stand_in_reader,
)
from accounts.models import Leader, User

from . import weeks
from .choices import ReportStatus
from .models import Campaign, Project, WeeklyReport
from .scope import campaigns_for, projects_for, reports_for

# Stand-ins beside the reader's: a year no campaign has (within the field's range: Django drops
# a filter by a value out of it) and a week no report has.
_YEAR = 32_108
_WEEK = dt.date(1, 1, 3)

_CAMPAIGN = tuple(field.attname for field in Campaign._meta.concrete_fields)
_PROJECT = ("id", "code", "name", "leader_id")
_LEADER = ("id", "name", "title")
_REPORT = ("id", "project_id", "week", "status", "is_late", "return_reason")


def _checked(queryset, what: str, *needed) -> Compiled | None:
    """``queryset`` compiled with the reader's stand-ins and ``needed``, each of which must be
    among its parameters: a filter asked for is in the SQL."""
    return compile_read(
        queryset,
        stand_ins=READER_STAND_INS | set(needed),
        what=what,
        constants={ReportStatus.RETURNED},
        needed=needed,
    )


@functools.lru_cache(maxsize=256)
def _campaign_read(shape: ReaderShape, by_year: bool) -> Compiled | None:
    campaigns = campaigns_for(stand_in_reader(shape)).order_by("-year", "region__code")
    if by_year:
        campaigns = campaigns.filter(year=_YEAR)
    return _checked(
        campaigns.values_list(*_CAMPAIGN)[:1],
        "The reporter's campaign read",
        *((_YEAR,) if by_year else ()),
    )


def current_campaign(*, user: User, year: int | None = None) -> Campaign | None:
    """selectors.current_campaign's pick for ``user`` (of ``year``), without a district."""
    compiled = _campaign_read(reader_shape(user), bool(year))
    if compiled is None:
        return None
    rows = run(compiled, {**reader_values(user), _YEAR: year})
    return Campaign.from_db(connection.alias, list(_CAMPAIGN), rows[0]) if rows else None


@functools.lru_cache(maxsize=256)
def _week_reads(shape: ReaderShape) -> tuple[Compiled | None, Compiled | None]:
    reader = stand_in_reader(shape)
    projects = (
        projects_for(reader)
        .filter(campaign__year=_YEAR)
        .order_by("code")
        .values_list(*_PROJECT, *(f"leader__{name}" for name in _LEADER))
    )
    reports = (
        reports_for(reader)
        .filter(Q(week=_WEEK) | Q(status=ReportStatus.RETURNED))
        .order_by("week", "pk")
        .values_list(*_REPORT, "project__name")
    )
    return (
        _checked(projects, "The reporter's week: projects", _YEAR),
        _checked(reports, "The reporter's week: reports", as_sent(_WEEK)),
    )


def week_reads(*, user: User, week: dt.date) -> tuple[list[Project], list[WeeklyReport]]:
    """The projects of ``user`` in the campaign year of ``week``, by code, each with its leader's
    name and title; and their reports of ``week`` or returned, by week: only the columns the
    page shows (the others deferred), as the ORM's ``only`` builds them."""
    projects_sql, reports_sql = _week_reads(reader_shape(user))
    values = {
        **reader_values(user),
        _YEAR: weeks.campaign_year(week),
        as_sent(_WEEK): as_sent(week),
    }
    alias, count = connection.alias, len(_PROJECT)
    projects = []
    for row in run(projects_sql, values) if projects_sql else []:
        project = Project.from_db(alias, list(_PROJECT), row[:count])
        if project.leader_id is not None:
            project.leader = Leader.from_db(alias, list(_LEADER), row[count:])
        projects.append(project)
    reports, count = [], len(_REPORT)
    for row in run(reports_sql, values) if reports_sql else []:
        report = WeeklyReport.from_db(alias, list(_REPORT), row[:count])
        report.project = Project.from_db(alias, ["id", "name"], [report.project_id, row[count]])
        reports.append(report)
    return projects, reports
