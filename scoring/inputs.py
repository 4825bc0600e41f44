"""Gather what a campaign's week is scored on, in a fixed number of queries.

``load_week`` reads the projects, plans, milestones, recent reports, photos, adjustments,
exemptions and overdue own problems of one week — nine queries whatever the number of projects
— into plain rows; ``score_inputs`` turns a row into the pure rules' :class:`ScoreInputs` under
a given rubric (the rubric's deadline decides on time or late, so a candidate rubric can be
previewed from the same rows).

Which reports count is the register's one rule, ``projects.models.COUNTED``: submitted,
accepted, and returned after submission. A draft counts as missing. The investment figure is the one
of the latest counted report up to the week — a missing week keeps last week's figure and loses
its reporting points instead. The "statistics" figure for the above-statistics flag is the
latest counted report figure whose source is the investment statistics (入库), within the weeks
the flags look back on: an older one would flag every project that simply kept investing.
"""

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import overload

from django.conf import settings
from django.db.models import Count, OuterRef, Subquery

from observation.selectors import observation_assessment as from_rounds
from problems import selectors as problem_selectors
from projects import plans, weeks
from projects.choices import InvestmentSource
from projects.models import (
    COUNTED,
    Campaign,
    Milestone,
    MonthlyPlan,
    Project,
    SitePhoto,
    WeeklyReport,
)
from projects.selectors import PROJECT_TEXTS

from .bulk import among
from .flags import ReportFacts
from .flags_photos import PhotoFacts, PhotoLimits
from .models import Exemption, ScoreAdjustment
from .results import NodeInput, ScoreInputs
from .rubric import Rubric

WEEK = dt.timedelta(days=7)
CENT = Decimal("0.01")


def observation_assessment(project_ids: Iterable[int], week: dt.date) -> dict:
    """The half-year observation rounds' on-site scores as the assessment item (0..10)."""
    return from_rounds(project_ids, week)


def overdue_own_problems(project_ids: Iterable[int], week: dt.date) -> dict[int, int]:
    """Project id to the number of its own unit's problems overdue at the end of the week.

    The hook to the problem register (issue 4): problems.selectors answers it in one grouped
    query, counting as of the week's Sunday so a past week is scored as it stood then.
    """
    return problem_selectors.overdue_own_problems(project_ids, week + dt.timedelta(days=6))


def campaign_weeks(campaign: Campaign) -> list[dt.date]:
    """The Mondays of the campaign: every ISO week of its year (``weeks.campaign_year``)."""
    return weeks.campaign_weeks(campaign.year)


def history_weeks(rubric: Rubric) -> int:
    """How many weeks of reports, ending with the scored one, the flags look at."""
    return max(rubric.same_text_weeks, rubric.no_photo_weeks, 2)


@dataclasses.dataclass
class Adjustment:
    points: Decimal
    reason: str


@dataclasses.dataclass
class ProjectWeek:
    """One project's raw facts for the week, before any rubric is applied."""

    project: Project
    plan_due: Decimal
    ytd_done: Decimal
    source: str
    figure_week: dt.date | None
    nodes: list[NodeInput]
    report_id: int | None  # the week's counted report
    submitted_at: dt.datetime | None
    is_late: bool
    missing_in_row: int
    overdue_problems: int
    history: list[ReportFacts]  # counted reports of recent weeks, oldest first
    stats_figure: Decimal | None
    adjustment: Adjustment | None = None
    exemption: Exemption | None = None
    assessment: Decimal | None = None  # 0..10 from the latest closed observation round
    photos: list[PhotoFacts] = dataclasses.field(default_factory=list)  # of the week's report


@dataclasses.dataclass
class WeekData:
    campaign: Campaign
    week: dt.date
    rows: list[ProjectWeek]
    photo_limits: PhotoLimits = dataclasses.field(default_factory=PhotoLimits)


@overload
def _cents(value: Decimal) -> Decimal: ...
@overload
def _cents(value: None) -> None: ...
def _cents(value: Decimal | None) -> Decimal | None:
    # SQLite hands a subquery's decimal back unrounded ("600.400000000000").
    return None if value is None else value.quantize(CENT)


def _latest(week: dt.date, field: str, **extra) -> Subquery:
    counted = WeeklyReport.objects.filter(COUNTED, project=OuterRef("pk"), week__lte=week, **extra)
    return Subquery(counted.order_by("-week").values(field)[:1])


def _scope(queryset, field: str, campaign: Campaign, project_ids):
    queryset = queryset.filter(**{f"{field}campaign": campaign})
    if project_ids is not None:
        queryset = queryset.filter(**{f"{field}id__in": project_ids})
    return queryset


def load_week(campaign: Campaign, week: dt.date, *, history: int = 4, project_ids=None) -> WeekData:
    """Every project of ``campaign`` (or those of ``project_ids``) with its facts for ``week``.

    Queries: projects with their latest figures (subqueries), monthly plans, milestones, recent
    reports, their photo counts, the week's adjustments, the exemptions covering it — and the
    problems hook.
    """
    first = week - WEEK * (history - 1)
    projects = list(
        _scope(Project.objects, "", campaign, project_ids)
        .defer(*PROJECT_TEXTS)  # the rules read none of the long texts
        .annotate(
            last_week=_latest(week, "week"),
            last_ytd=_latest(week, "ytd_investment"),
            last_source=_latest(week, "investment_source"),
            stats_ytd=_latest(
                week,
                "ytd_investment",
                investment_source=InvestmentSource.STATISTICS,
                week__gte=first,
            ),
        )
        .order_by("code")
    )
    # Everything else by the projects' ids: joined to the campaign's projects instead, the
    # planner misjudged the rows of one campaign and read every milestone, and every project
    # for the reports, of the province.
    every_id = [p.pk for p in projects]
    monthly: dict[int, dict[int, Decimal]] = defaultdict(dict)
    # No order: the model's default one joined the campaign and the region for every plan row.
    for pid, month, amount in (
        MonthlyPlan.objects.filter(among("project_id", every_id))
        .order_by()
        .values_list("project_id", "month", "amount")
    ):
        monthly[pid][month] = amount
    nodes: dict[int, list[NodeInput]] = defaultdict(list)
    for pid, name, planned, reached in (
        Milestone.objects.filter(among("project_id", every_id))
        .order_by("planned_date", "pk")
        .values_list("project_id", "name", "planned_date", "reached_on")
    ):
        nodes[pid].append(NodeInput(name, planned, reached))
    recent = list(
        WeeklyReport.objects.filter(among("project_id", every_id))
        .filter(COUNTED, week__range=(first, week))
        .order_by("week")
        .values_list(
            "pk",
            "project_id",
            "week",
            "ytd_investment",
            "progress",
            "submitted_at",
            "is_late",
            "stage",
        )
    )
    photos = dict(
        SitePhoto.objects.filter(among("report__project_id", every_id))
        .filter(report__week__range=(first, week))
        .values("report_id")
        .annotate(n=Count("pk"))
        .values_list("report_id", "n")
    )
    facts: dict[int, list[ReportFacts]] = defaultdict(list)
    this_week: dict[int, tuple] = {}
    for pk, pid, monday, ytd, text, submitted_at, is_late, stage in recent:
        facts[pid].append(ReportFacts(monday, ytd, text, photos.get(pk, 0), stage))
        if monday == week:
            this_week[pid] = (pk, submitted_at, is_late)
    week_photos: dict[int, list[PhotoFacts]] = defaultdict(list)
    for report_id, pid, taken_at, lat, lon, duplicate, duplicate_week, bits in (
        SitePhoto.objects.filter(among("report__project_id", every_id))
        .filter(report__week=week)
        .order_by("pk")
        .values_list(
            "report_id", "report__project_id", "taken_at", "taken_lat", "taken_lon",
            "duplicate_of__report__project__name", "duplicate_of__report__week", "duplicate_bits",
        )
    ):  # fmt: skip
        if this_week.get(pid, (None,))[0] == report_id:  # the week's counted report only
            week_photos[pid].append(PhotoFacts(taken_at, lat, lon, duplicate, duplicate_week, bits))
    adjustments: dict[int, Adjustment] = {}
    for pid, points, reason in (
        ScoreAdjustment.objects.filter(among("score__project_id", every_id))
        .filter(score__week=week)
        .order_by("at", "pk")
        .values_list("score__project_id", "points", "reason")
    ):
        adjustments[pid] = Adjustment(points, reason)  # the latest one is in force
    exemptions: dict[int, Exemption] = {}
    for exemption in (
        Exemption.objects.filter(among("project_id", every_id))
        .filter(Exemption.covering(week))
        .select_related("approved_by")
        .order_by("starts", "pk")
    ):
        exemptions[exemption.project_id] = exemption
    problems = overdue_own_problems(every_id, week)
    assessments = observation_assessment(every_id, week)
    first_week = campaign_weeks(campaign)[0]
    rows = []
    for project in projects:
        pk, submitted_at, is_late = this_week.get(project.pk, (None, None, False))
        if pk is not None:
            missing = 0
        elif project.last_week is not None:
            missing = (week - project.last_week) // WEEK
        else:
            # Never reported in this campaign: every week from its first is missing.
            missing = (week - first_week) // WEEK + 1
        rows.append(
            ProjectWeek(
                project=project,
                plan_due=plans.week_plan_due(monthly.get(project.pk, {}), week, campaign.year),
                ytd_done=_cents(project.last_ytd) if project.last_ytd is not None else CENT * 0,
                source=project.last_source or InvestmentSource.UNIT_REPORT,
                figure_week=project.last_week,
                nodes=nodes.get(project.pk, []),
                report_id=pk,
                submitted_at=submitted_at,
                is_late=is_late,
                missing_in_row=max(missing, 1) if pk is None else 0,
                overdue_problems=problems.get(project.pk, 0),
                history=facts.get(project.pk, []),
                stats_figure=_cents(project.stats_ytd),
                adjustment=adjustments.get(project.pk),
                exemption=exemptions.get(project.pk),
                assessment=assessments.get(project.pk),
                photos=week_photos.get(project.pk, []),
            )
        )
    limits = PhotoLimits(settings.PHOTO_STALE_DAYS, settings.PHOTO_FAR_KM)
    return WeekData(campaign, week, rows, limits)


def report_state(row: ProjectWeek, deadline: dt.datetime) -> str:
    """On time or late against the rubric's deadline; the stored flag when no time is known."""
    if row.report_id is None:
        return "missing"
    late = row.submitted_at > deadline if row.submitted_at else row.is_late
    return "late" if late else "on_time"


def week_deadline(week: dt.date, rubric: Rubric) -> dt.datetime:
    """The rubric's reporting deadline of ``week``."""
    return weeks.report_deadline(week, rubric.deadline_weekday, rubric.deadline_time)


def score_inputs(
    row: ProjectWeek, week: dt.date, rubric: Rubric, deadline: dt.datetime | None = None
) -> ScoreInputs:
    """The pure rules' inputs for one row under ``rubric``; ``deadline`` is the week's
    (:func:`week_deadline`), passed in by a caller scoring many rows of one week."""
    if deadline is None:
        deadline = week_deadline(week, rubric)
    return ScoreInputs(
        week=week,
        plan_due=row.plan_due,
        ytd_done=row.ytd_done,
        investment_source=row.source,
        nodes=row.nodes,
        report=report_state(row, deadline),  # type: ignore[arg-type]
        missing_in_row=row.missing_in_row,
        overdue_own_problems=row.overdue_problems,
        assessment=row.assessment,
        exempt=row.exemption is not None,
    )
