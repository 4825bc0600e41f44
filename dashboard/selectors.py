"""Reads of the dashboard. Every queryset starts from projects.scope; nothing is scored here."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeAlias, TypedDict

from django.db.models import Count, F, FilteredRelation, Max, Q, QuerySet, Sum

from accounts.models import Region, User
from projects import figures, weeks
from projects.choices import Card, NodeKind, Stage, TargetKind
from projects.figures import joined_weeks
from projects.models import COUNTED, Campaign, Milestone, MonthlyPlan, Project, WeeklyReport
from projects.plans import week_plan_due
from projects.scope import projects_for
from scoring.forecast import ProjectTrend, forecast_campaign
from scoring.models import Exemption, ScoringRun, WeeklyScore
from scoring.results import reasons_text

from .models import Outlook

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class WeekCards(TypedDict):
    """What tile_queryset() adds to each project: this week's score and last week's card."""

    week_card: str | None
    week_total: Decimal | None
    week_exempt: bool | None
    prev_card: str | None


Tiles: TypeAlias = "QuerySet[WithAnnotations[Project, WeekCards]]"

STARTED = [Stage.STARTED, Stage.CONSTRUCTION, Stage.COMPLETED, Stage.PRODUCTION]
TREND_WEEKS = 12


def scored_weeks(campaign: Campaign) -> list[dt.date]:
    """The campaign's scored weeks, newest first."""
    return list(
        ScoringRun.objects.filter(campaign=campaign)
        .order_by("-week")
        .values_list("week", flat=True)
    )


def region_name(campaign: Campaign) -> str:
    """The name of the campaign's region, without reading its outline."""
    return Region.objects.filter(pk=campaign.region_id).values_list("name", flat=True).get()


def latest_scored_week(campaign: Campaign) -> dt.date | None:
    return ScoringRun.objects.filter(campaign=campaign).aggregate(last=Max("week"))["last"]


def tile_queryset(*, user: User, campaign: Campaign, week: dt.date) -> Tiles:
    """The user's projects of the campaign with the week's card and last week's: one query,
    two joins on (project, week) — correlated subqueries cost seconds at 5,000 projects."""
    return (
        projects_for(user)
        .filter(campaign=campaign)
        .select_related("unit", "leader")
        .only("pk", "code", "name", "unit__name", "unit__short_name", "leader__name")
        .alias(
            this=FilteredRelation("scores", condition=Q(scores__week=week)),
            last=FilteredRelation("scores", condition=Q(scores__week=week - dt.timedelta(days=7))),
        )
        .annotate(
            week_card=F("this__card"),
            week_total=F("this__total"),
            week_exempt=F("this__exempt"),
            prev_card=F("last__card"),
        )
        .order_by("code")
    )


@dataclass
class CardCounts:
    blue: int = 0
    yellow: int = 0
    red: int = 0
    unscored: int = 0

    @property
    def total(self) -> int:
        return self.blue + self.yellow + self.red + self.unscored


def count_cards(tiles: Tiles) -> CardCounts:
    """This week's cards of a tile queryset: one aggregate, never the 5,000 rows."""
    counts = CardCounts()
    for card, n in tiles.order_by().values_list("week_card").annotate(n=Count("pk")):
        name = card or "unscored"
        setattr(counts, name, getattr(counts, name) + n)
    return counts


def count_previous_cards(tiles: Tiles) -> CardCounts:
    """Last week's cards of the same projects, to say what moved."""
    counts = CardCounts()
    for card, n in tiles.order_by().values_list("prev_card").annotate(n=Count("pk")):
        name = card or "unscored"
        setattr(counts, name, getattr(counts, name) + n)
    return counts


def changed_tiles(tiles: Tiles) -> Tiles:
    """The projects whose card differs from last week's."""
    return tiles.filter(week_card__isnull=False, prev_card__isnull=False).exclude(
        week_card=F("prev_card")
    )


def red_reasons(
    tiles: "list[WithAnnotations[Project, WeekCards]]", week: dt.date, limit: int = 3
) -> dict[int, str]:
    """A line of reason for each red tile, from its stored breakdown (one query); ``limit``
    reasons at most (the wall screen has room for two)."""
    red = [t.pk for t in tiles if t.week_card == Card.RED]
    reasons = {}
    for project_id, breakdown in WeeklyScore.objects.filter(
        project_id__in=red, week=week
    ).values_list("project_id", "breakdown"):
        reasons[project_id] = reasons_text(breakdown, limit=limit)
    return reasons


def card_trend(
    project_ids: QuerySet | None, campaign: Campaign, week: dt.date, weeks: int = TREND_WEEKS
) -> list[dict]:
    """Counts of each colour for the last ``weeks`` scored weeks up to ``week``: from the stored
    runs for the whole campaign, else one aggregate over the chosen projects' scores."""
    first = week - dt.timedelta(weeks=weeks - 1)
    if project_ids is None:
        runs = ScoringRun.objects.filter(campaign=campaign, week__gte=first, week__lte=week)
        return [dict(run) for run in runs.order_by("week").values("week", "blue", "yellow", "red")]
    rows = (
        WeeklyScore.objects.filter(project__in=project_ids, week__gte=first, week__lte=week)
        .values("week", "card")
        .annotate(n=Count("id"))
        .order_by("week")
    )
    by_week: dict[dt.date, dict] = {}
    for row in rows:
        by_week.setdefault(row["week"], {"week": row["week"], "blue": 0, "yellow": 0, "red": 0})
        by_week[row["week"]][row["card"]] = row["n"]
    return list(by_week.values())


@dataclass
class Targets:
    """The campaign's targets and where the user's part stands. ``done``, ``due`` and the
    outlook share one basis: the counted reports (``COUNTED``) up to ``as_of`` (the scored
    week), so the figure beside the forecast is the one the forecast was made from."""

    investment_target: Decimal
    done: Decimal
    due: Decimal
    as_of: dt.date | None
    started: int
    in_production: int
    production_target: int
    production_due: int
    accelerate_target: int
    projects: int
    outlook: dict | None
    accelerate_on_track: int | None = None  # forecast to meet their plan; None before scoring

    @property
    def as_of_label(self) -> str:
        return weeks.week_label(self.as_of) if self.as_of else ""

    @property
    def as_of_sunday(self) -> dt.date | None:
        return self.as_of + dt.timedelta(days=6) if self.as_of else None

    @property
    def done_share(self) -> Decimal | None:
        if not self.investment_target:
            return None
        return (self.done * 100 / self.investment_target).quantize(Decimal("0.1"))

    @property
    def points_vs_due(self) -> Decimal | None:
        """Percentage points ahead (+) or behind (−) 序时进度, against the annual target."""
        if not self.investment_target:
            return None
        return ((self.done - self.due) * 100 / self.investment_target).quantize(Decimal("0.1"))


def targets(*, user: User, campaign: Campaign, week: dt.date | None) -> Targets:
    """The user's part of the campaign against its targets: four aggregate queries, and the
    stored outlook when the user sees the whole campaign (it is computed campaign-wide); for a
    part, how many of its accelerated projects are on track is forecast here (four queries)."""
    projects = projects_for(user).filter(campaign=campaign)
    as_of = week or min(weeks.current_week(), campaign.last_week)
    # Each project's figure as of the week: its latest counted report of the campaign.
    first = campaign.first_week
    totals = joined_weeks(projects, first, as_of).aggregate(
        done=Sum(figures.as_of(first, as_of)), plan=Sum("annual_plan"), n=Count("id")
    )
    stages = dict(projects.values("stage").annotate(n=Count("id")).values_list("stage", "n"))
    kinds = dict(projects.values("target").annotate(n=Count("id")).values_list("target", "n"))
    monthly = dict(
        MonthlyPlan.objects.filter(project__in=projects)
        .values("month")
        .annotate(total=Sum("amount"))
        .values_list("month", "total")
    )
    outlook = None
    # A leader's or a unit's part has its own plan as the target, not the district's.
    whole = totals["n"] == Project.objects.filter(campaign=campaign).count()
    if week and whole:
        outlook = (
            Outlook.objects.filter(campaign=campaign, week__lte=week)
            .order_by("-week")
            .values_list("data", flat=True)
            .first()
        )
    on_track = None
    if outlook is not None:
        on_track = outlook.get("accelerate_on_track")
    elif week:
        on_track = accelerate_on_track(projects, campaign, week)
    return Targets(
        accelerate_on_track=on_track,
        investment_target=campaign.investment_target if whole else totals["plan"] or Decimal(0),
        done=(totals["done"] or Decimal(0)).quantize(Decimal("0.01")),
        due=week_plan_due(monthly, as_of, campaign.year),
        as_of=as_of,
        started=sum(stages.get(s, 0) for s in STARTED),
        in_production=stages.get(Stage.PRODUCTION, 0),
        production_target=(
            campaign.production_target if whole else kinds.get(TargetKind.PRODUCTION, 0)
        ),
        production_due=kinds.get(TargetKind.PRODUCTION, 0),
        accelerate_target=(
            campaign.accelerate_target if whole else kinds.get(TargetKind.ACCELERATE, 0)
        ),
        projects=totals["n"],
        outlook=outlook,
    )


PACE_WEEKS = 9  # eight weekly increases


def project_trends(projects: QuerySet[Project], campaign: Campaign, week: dt.date) -> list:
    """What the year-end forecast reads of each project as of the Sunday that ends ``week``:
    its plan, its recent reported figures, its production node and exemption. Four queries."""
    ids = projects.values("pk")
    rows = list(projects.values("pk", "name", "annual_plan", "target"))
    series: dict[int, list] = defaultdict(list)
    for project_id, monday, ytd in (
        WeeklyReport.objects.filter(
            COUNTED,
            project__in=ids,
            week__gte=week - dt.timedelta(weeks=PACE_WEEKS - 1),
            week__lte=week,
        )
        .order_by("project_id", "week")
        .values_list("project_id", "week", "ytd_investment")
    ):
        if campaign.holds_week(monday):
            series[project_id].append((monday, ytd))
    production: dict[int, dict[str, Any]] = {
        row["project_id"]: dict(row)
        for row in Milestone.objects.filter(project__in=ids, kind=NodeKind.PRODUCTION).values(
            "project_id", "planned_date", "reached_on"
        )
    }
    exempt = set(
        Exemption.objects.filter(Exemption.covering(week), project__in=ids).values_list(
            "project_id", flat=True
        )
    )
    return [
        ProjectTrend(
            key=p["pk"],
            name=p["name"],
            annual_plan=p["annual_plan"],
            series=tuple(series.get(p["pk"], ())),
            target=p["target"],
            production_planned=production.get(p["pk"], {}).get("planned_date"),
            production_reached=production.get(p["pk"], {}).get("reached_on"),
            exempt=p["pk"] in exempt,
        )
        for p in rows
    ]


def accelerate_on_track(projects: QuerySet[Project], campaign: Campaign, week: dt.date) -> int:
    """How many of ``projects`` due to accelerate construction are forecast to meet their annual
    plan: the outlook's rule (scoring.forecast), for a part of the campaign."""
    trends = [t for t in project_trends(projects, campaign, week) if t.target == "accelerate"]
    if not trends:
        return 0
    forecast = forecast_campaign(
        trends,
        today=week + dt.timedelta(days=6),
        year=campaign.year,
        investment_target=Decimal(0),
        production_target=0,
        accelerate_target=len(trends),
    )
    return forecast.accelerate_on_track
