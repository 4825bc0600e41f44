"""The weekly entry form's reads (views_reports.report_edit): the reporter's project with its
campaign, then the report of the week with the figure before it.

The ORM's building of the form's four reads took longer than PostgreSQL's answers. The project
is read as selectors.project_get scopes it (projects.scope), its SQL built once per process and
shape of reader with stand-in ids (accounts.compiled_reads); the report of the week and the
latest counted one before it (services.previous_figure) are one query of two rows, and it and
the project's open nodes are built once per process too, with stand-ins for the project and the
week."""

import datetime as dt
import functools

from django.db import connection
from django.db.models import Q, QuerySet
from django.http import Http404

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
from accounts.models import User

from .choices import ReportStatus
from .models import COUNTED, Campaign, Milestone, NodeReached, Project, SitePhoto, WeeklyReport
from .scope import projects_for

# A stand-in beside the reader's: the project asked for.
_PROJECT = -1006
_PROJECT_FIELDS = [field.attname for field in Project._meta.concrete_fields]
_CAMPAIGN_FIELDS = [field.attname for field in Campaign._meta.concrete_fields]
_REPORT_FIELDS = [field.attname for field in WeeklyReport._meta.concrete_fields]
_MILESTONE_FIELDS = [field.attname for field in Milestone._meta.concrete_fields]
# A stand-in for the report whose nodes and photos are read.
_REPORT = -1007
# What the form shows of a report's photos: a thumbnail's address and its caption.
_PHOTO_FIELDS = ["id", "caption"]
# A Monday no report is of.
_WEEK = dt.date(1900, 1, 1)


@functools.lru_cache(maxsize=64)
def _compiled(shape: ReaderShape) -> Compiled | None:
    """The SQL of the project's read for ``shape``; None when such a reader sees nothing."""
    queryset = (
        projects_for(stand_in_reader(shape))
        .filter(pk=_PROJECT)
        .values_list(*_PROJECT_FIELDS, *(f"campaign__{name}" for name in _CAMPAIGN_FIELDS))
    )
    return compile_read(
        queryset,
        stand_ins=READER_STAND_INS | {_PROJECT},
        what="The entry form's project read",
        needed={_PROJECT},
    )


def project_to_report(*, user: User, pk: int) -> Project:
    """The project ``pk`` with its campaign, if ``user`` sees it (selectors.project_get's
    scope); else 404."""
    compiled = _compiled(reader_shape(user))
    rows = [] if compiled is None else run(compiled, {**reader_values(user), _PROJECT: pk})
    if not rows:
        raise Http404("No Project matches the given query.")
    count = len(_PROJECT_FIELDS)
    project = Project.from_db(connection.alias, _PROJECT_FIELDS, rows[0][:count])
    project.campaign = Campaign.from_db(connection.alias, _CAMPAIGN_FIELDS, rows[0][count:])
    return project


@functools.cache
def _reports_compiled() -> Compiled | None:
    """The SQL of the report of a week and the one counted before it, for the stand-ins."""
    queryset = (
        # Not the weeks after it: the index is read from the week down.
        WeeklyReport.objects.filter(project_id=_PROJECT, week__lte=_WEEK)
        .filter(COUNTED & Q(week__lt=_WEEK) | Q(week=_WEEK))
        .order_by("-week")
        .values_list(*_REPORT_FIELDS)[:2]
    )
    return compile_read(
        queryset,
        stand_ins={_PROJECT, as_sent(_WEEK)},
        what="The entry form's report read",
        constants=ReportStatus.values,  # COUNTED's: the same for every project
        needed={_PROJECT, as_sent(_WEEK)},
    )


@functools.cache
def _milestones_compiled() -> Compiled | None:
    queryset = (
        Milestone.objects.filter(project_id=_PROJECT, reached_on__isnull=True)
        .order_by("planned_date")
        .values_list(*_MILESTONE_FIELDS)
    )
    return compile_read(
        queryset, stand_ins={_PROJECT}, what="The entry form's nodes read", needed={_PROJECT}
    )


def report_and_previous(
    project: Project, week: dt.date
) -> tuple[WeeklyReport | None, WeeklyReport | None]:
    """The project's report of ``week`` (selectors.report_of_week) and the latest counted one
    before it (services.previous_figure), in one query: newest first, the week's is the first
    row if there is one, and the one before it the first counted row after it."""
    compiled = _reports_compiled()
    values = {_PROJECT: project.pk, as_sent(_WEEK): as_sent(week)}
    rows = [] if compiled is None else run(compiled, values)
    reports = [WeeklyReport.from_db(connection.alias, _REPORT_FIELDS, row) for row in rows]
    report = reports.pop(0) if reports and reports[0].week == week else None
    return report, (reports[0] if reports else None)


def open_milestones(project: Project) -> list[Milestone]:
    """The project's nodes not reached yet, in the order of their planned dates."""
    compiled = _milestones_compiled()
    rows = [] if compiled is None else run(compiled, {_PROJECT: project.pk})
    return [Milestone.from_db(connection.alias, _MILESTONE_FIELDS, row) for row in rows]


@functools.cache
def _of_report_compiled(which: str) -> Compiled | None:
    queryset: QuerySet = (
        NodeReached.objects.filter(report_id=_REPORT).values_list("milestone_id", "reached_on")
        if which == "nodes"
        else SitePhoto.objects.filter(report_id=_REPORT).order_by("pk").values_list(*_PHOTO_FIELDS)
    )
    return compile_read(
        queryset, stand_ins={_REPORT}, what=f"The entry form's {which} read", needed={_REPORT}
    )


def _of_report(which: str, report: WeeklyReport) -> list[list]:
    compiled = _of_report_compiled(which)
    return [] if compiled is None else run(compiled, {_REPORT: report.pk})


def nodes_reached(report: WeeklyReport) -> dict[int, dt.date]:
    """The date each node was reached on, as ``report`` says it, by the node's id."""
    return {milestone: reached for milestone, reached in _of_report("nodes", report)}


def photos_shown(report: WeeklyReport) -> list[SitePhoto]:
    """``report``'s photos, as the form shows them (their ids and captions)."""
    return [
        SitePhoto.from_db(connection.alias, _PHOTO_FIELDS, row)
        for row in _of_report("photos", report)
    ]
