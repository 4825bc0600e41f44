"""Reads for pages: every queryset starts from projects.scope, so users see only what is theirs."""

import datetime as dt
import functools
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection
from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.compiled_reads import (
    READER_STAND_INS,
    THING,
    Compiled,
    CompiledModels,
    ReaderShape,
    as_sent,
    compile_models,
    compile_read,
    read_of_one,
    reader_shape,
    reader_values,
    run,
    run_models,
    stand_in_reader,
)
from accounts.models import User

from . import plans, week_reads, weeks
from .choices import ReportStatus
from .models import (
    COUNTED,
    Campaign,
    Milestone,
    MonthlyPlan,
    Project,
    SitePhoto,
    WeeklyReport,
)
from .scope import (
    campaign_ids_for,
    campaign_reports_for,
    campaigns_for,
    projects_for,
    reports_for,
)

# A project's long texts and outline, which no list's cell shows (the outline's JSON was parsed
# per row of the list).
PROJECT_TEXTS = ("outline", "description", "annual_goal", "remarks")


def project_list(*, user: User) -> QuerySet[Project]:
    """The project list's queryset: one query whatever the number of projects."""
    return projects_for(user).select_related("campaign__region", "unit", "leader", "task_force")


def projects_for_list(*, user: User) -> QuerySet[Project]:
    """The projects the list may show, to filter (its rows are read by ``projects.rows``)."""
    return projects_for(user)


@functools.lru_cache(maxsize=256)
def _project_read(shape: ReaderShape) -> CompiledModels | None:
    """The SQL of one project of ``project_list`` for ``shape``, built once: with its four
    joins and the reader's rule, the ORM's building of it cost more than PostgreSQL's answer,
    on every project page and entry."""
    return compile_models(
        project_list(user=stand_in_reader(shape)).filter(pk=THING),
        stand_ins=READER_STAND_INS | {THING},
        what="A project's read",
        needed={THING},
    )


def project_get(*, user: User, pk: int) -> Project:
    """The project ``pk`` with its campaign, region, unit, leader and task force, if ``user``
    sees it; else 404."""
    compiled = _project_read(reader_shape(user)) if user.is_authenticated else None
    found = [] if compiled is None else run_models(compiled, {**reader_values(user), THING: pk})
    if not found:
        raise Http404("No Project matches the given query.")
    return found[0]


def report_get(*, user: User, pk: int) -> WeeklyReport:
    return get_object_or_404(
        reports_for(user).select_related(
            "project__campaign", "project__unit", "project__leader", "submitted_by", "reviewed_by"
        ),
        pk=pk,
    )


def report_of_week(*, project: Project, week: dt.date) -> WeeklyReport | None:
    """The project's report of a week, if any (call it for a project from ``project_get``)."""
    return WeeklyReport.objects.filter(project=project, week=week).first()


def current_campaign(
    *, user: User, year: int | None = None, region: int | None = None
) -> Campaign | None:
    """The user's latest campaign (of ``year``); ``region`` picks a district's below a city's
    or a province's user — within the user's scope, else None."""
    if region is None:
        return week_reads.current_campaign(user=user, year=year)
    campaigns = campaigns_for(user).order_by("-year", "region__code").filter(region_id=region)
    if year:
        campaigns = campaigns.filter(year=year)
    return campaigns.first()


@dataclass
class WeekRow:
    """One line of the "this week" page: a project and where its report stands."""

    project: Project
    report: WeeklyReport | None

    @property
    def status(self) -> str:
        return self.report.status if self.report else ReportStatus.MISSING

    @property
    def status_label(self) -> str:
        return ReportStatus(self.status).label


def this_week(*, user: User, week: dt.date) -> list[WeekRow]:
    """The user's projects with their report of ``week``: two queries in all."""
    projects = (
        projects_for(user)
        .filter(campaign__year=weeks.campaign_year(week))
        .select_related("unit", "leader", "campaign")
        .prefetch_related(
            Prefetch("reports", WeeklyReport.objects.filter(week=week), to_attr="week_reports")
        )
        .order_by("code")
    )
    return [WeekRow(p, p.week_reports[0] if p.week_reports else None) for p in projects]


@dataclass(frozen=True)
class WeekPage:
    """What the "this week" page draws: its rows, and the reports of other weeks sent back."""

    rows: list[WeekRow]
    returned: list[WeeklyReport]  # returned for correction, of any other week, oldest first


def week_page(*, user: User, week: dt.date) -> WeekPage:
    """The "this week" page in two queries: the projects with only what their line shows, and
    their reports of the week read together with those returned of other weeks (as three
    queries of whole rows, the ORM's building of them cost twice PostgreSQL's answers)."""
    projects, reports = week_reads.week_reads(user=user, week=week)
    of_week, returned = {}, []
    for report in reports:
        if report.week == week:
            of_week[report.project_id] = report
        elif report.status == ReportStatus.RETURNED:
            returned.append(report)
    return WeekPage([WeekRow(p, of_week.get(p.pk)) for p in projects], returned)


def review_queue(*, user: User, campaigns: list[int] | None = None) -> QuerySet[WeeklyReport]:
    """Submitted reports waiting for a supervisor, newest week first: this week's are the ones
    the scoring will read next; an old one still waiting is found with the week filter."""
    # The campaigns as a list: behind the region rule's subquery the planner walked every
    # district's queue newest first (0.5 s at 20,000 projects; 70 ms with the list).
    return (
        campaign_reports_for(user, campaigns)
        .filter(status=ReportStatus.SUBMITTED)
        # Its rows are read as plain rows of the cells' columns (projects.rows.review_rows).
        .order_by("-week", "project__code", "project_id")
    )


def review_page_ids(
    *,
    user: User,
    weeks: list[dt.date],
    offset: int,
    limit: int,
    campaigns: list[int] | None = None,
) -> list[int] | None:
    """The ids of a page of the review queue in its own order (newest week, project code,
    project), for a region-wide reviewer on PostgreSQL; None elsewhere (the caller reads them
    from the queue). Each of the reviewer's projects is looked up by its (project, week) key:
    joined instead, the planner read every district's submitted reports of the week for one
    district's 50 (9,800 rows for 500 at 20,000 projects, 14–30 ms against 3–7 ms).
    ``campaigns``: ``campaign_ids_for(user)`` if the caller has read it already."""
    if campaigns is None:
        campaigns = campaign_ids_for(user)
    if campaigns is None or connection.vendor != "postgresql" or not weeks:
        return None
    quote = connection.ops.quote_name
    projects, reports = quote(Project._meta.db_table), quote(WeeklyReport._meta.db_table)
    # The projects first (MATERIALIZED): a parallel plan over them cost more to start than the
    # whole query; OFFSET 0 keeps the lookup per project.
    sql = (
        f"WITH p AS MATERIALIZED (SELECT id, code FROM {projects} WHERE campaign_id = ANY(%s)) "
        f"SELECT r.id FROM unnest(%s::date[]) AS k (week) CROSS JOIN p CROSS JOIN LATERAL "
        f"(SELECT w.id FROM {reports} w WHERE w.project_id = p.id AND w.week = k.week"
        f" AND w.status = %s OFFSET 0) r "
        f"ORDER BY k.week DESC, p.code, p.id LIMIT %s OFFSET %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [campaigns, weeks, ReportStatus.SUBMITTED.value, limit, offset])
        return [row[0] for row in cursor.fetchall()]


def review_weeks(queue: QuerySet[WeeklyReport]) -> list[tuple[dt.date, int]]:
    """The weeks that have reports waiting, newest first, each with its number of reports: the
    queue's week filter, its count and where each page starts, in one query (they were two
    queries over a city's 80,000 reports, and a sort of all of them for the page)."""
    return list(queue.order_by().values_list("week").annotate(n=Count("*")).order_by("-week"))


# The project page's reads of the rows of its project, compiled once: built by the ORM on each
# page, each cost more than PostgreSQL's answer.
_timeline = read_of_one(
    "A project's timeline",
    lambda project: WeeklyReport.objects.filter(project_id=project).order_by("-week")[:12],
)
_photos = read_of_one(
    "A project's latest photos",
    lambda project: (
        SitePhoto.objects.filter(report__project_id=project)
        .only("caption")  # the page shows each one's caption and link, not its EXIF
        .order_by("-report__week", "uploaded_at", "pk")[:12]
    ),
)
_plans = read_of_one(
    "A project's monthly plans", lambda project: MonthlyPlan.objects.filter(project_id=project)
)
_milestones = read_of_one(
    "A project's milestones", lambda project: Milestone.objects.filter(project_id=project)
)


def project_timeline(project: Project) -> list[WeeklyReport]:
    """The project's last twelve reports, newest first."""
    reports = _timeline(project.pk)
    for report in reports:
        report.project = project
    return reports


def project_photos(project: Project) -> list[SitePhoto]:
    """The project's twelve latest site photos, of its newest reports first."""
    return _photos(project.pk)


def project_milestones(project: Project) -> list[Milestone]:
    """The project's milestones in their order (the model's)."""
    milestones = _milestones(project.pk)
    for milestone in milestones:
        milestone.project = project
    return milestones


@dataclass
class InvestmentPoint:
    week: dt.date
    due: Decimal
    done: Decimal | None


def project_plans(project: Project) -> list[MonthlyPlan]:
    """The project's monthly plans by month: the chart's and the table's, one read."""
    found = _plans(project.pk)
    for plan in found:
        plan.project = project
    return found


# Stand-ins of the campaign's first and last weeks beside the project's id.
_FIRST, _LAST = dt.date(1, 1, 4), dt.date(1, 1, 5)


@functools.cache
def _reported_read() -> Compiled:
    first, last = as_sent(_FIRST), as_sent(_LAST)
    reported = (
        WeeklyReport.objects.filter(COUNTED, project_id=THING, week__range=(_FIRST, _LAST))
        .order_by("week")
        .values_list("week", "ytd_investment")
    )
    compiled = compile_read(
        reported,
        stand_ins={THING, first, last},
        what="A project's reported figures",
        constants=set(ReportStatus),
        needed={THING, first, last},
    )
    if compiled is None:  # a filter by one project always has a query
        raise RuntimeError("A project's reported figures compiled to no query")
    return compiled


def investment_against_plan(
    project: Project, until: dt.date, monthly_plans: list[MonthlyPlan] | None = None
) -> list[InvestmentPoint]:
    """Weekly 序时 plan against the reported year-to-date figure, for the project's chart;
    ``monthly_plans``: ``project_plans(project)`` if the caller has read them already."""
    campaign = project.campaign
    if monthly_plans is None:
        monthly_plans = project_plans(project)
    monthly = {p.month: p.amount for p in monthly_plans}
    values = {
        THING: project.pk,
        as_sent(_FIRST): as_sent(campaign.first_week),
        as_sent(_LAST): as_sent(campaign.last_week),
    }
    reported = {week: figure for week, figure in run(_reported_read(), values)}
    first, last = campaign.first_week, min(until, campaign.last_week)
    return [
        InvestmentPoint(
            week=monday,
            due=plans.week_plan_due(monthly, monday, campaign.year),
            done=reported.get(monday),
        )
        for monday in weeks.weeks_between(first, last)
    ]
