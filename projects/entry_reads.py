"""The weekly entry form's reads (views_reports.report_edit): the reporter's project with its
campaign, the report of the week with the figure before it, the open nodes, and the nodes and
photos the report holds.

The ORM's building of these reads took longer than PostgreSQL's answers. The project is read as
selectors.project_get scopes it (projects.scope), with its campaign alone: the form shows no
more, and project_get's region, unit, leader and task force cost the form a fifth more CPU and
a millisecond more SQL on seed20k (its POST reads them, for the history). Its SQL is built
once per process and shape of reader with stand-in ids (accounts.compiled_reads); the report of
the week and the latest counted one before it (services.previous_figure) are one query of two
rows, built once with stand-ins for the project and the week; the others are reads of one
project's or report's rows (read_of_one)."""

import datetime as dt
import functools

from django.db import connection
from django.db.models import Q
from django.http import Http404

from accounts.compiled_reads import (
    READER_STAND_INS,
    Compiled,
    ReaderShape,
    as_sent,
    compile_read,
    read_of_one,
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


_open_milestones = read_of_one(
    "The entry form's nodes",
    lambda project: Milestone.objects.filter(project_id=project, reached_on__isnull=True).order_by(
        "planned_date"
    ),
)
_nodes = read_of_one(
    "The entry form's nodes reached",
    lambda report: NodeReached.objects.filter(report_id=report).only("milestone", "reached_on"),
)
_photos = read_of_one(
    "The entry form's photos",
    # What the form shows of a report's photos: a thumbnail's address and its caption.
    lambda report: SitePhoto.objects.filter(report_id=report).only("caption").order_by("pk"),
)


def open_milestones(project: Project) -> list[Milestone]:
    """The project's nodes not reached yet, in the order of their planned dates."""
    return _open_milestones(project.pk)


def nodes_reached(report: WeeklyReport) -> dict[int, dt.date]:
    """The date each node was reached on, as ``report`` says it, by the node's id."""
    return {node.milestone_id: node.reached_on for node in _nodes(report.pk)}


def photos_shown(report: WeeklyReport) -> list[SitePhoto]:
    """``report``'s photos, as the form shows them (their ids and captions)."""
    return _photos(report.pk)
