"""Reads of the dashboard. Every queryset starts from projects.scope; nothing is scored here."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, FilteredRelation, Max, OuterRef, Q, QuerySet, Subquery, Sum

from accounts.models import User
from projects import weeks
from projects.choices import Card, Stage, TargetKind
from projects.models import COUNTED, Campaign, MonthlyPlan, Project, WeeklyReport
from projects.plans import week_plan_due
from projects.scope import projects_for
from scoring.models import ScoringRun, WeeklyScore
from scoring.results import reasons_text

from .models import Outlook

STARTED = [Stage.STARTED, Stage.CONSTRUCTION, Stage.COMPLETED, Stage.PRODUCTION]
TREND_WEEKS = 12


def scored_weeks(campaign: Campaign) -> list[dt.date]:
    """The campaign's scored weeks, newest first."""
    return list(
        ScoringRun.objects.filter(campaign=campaign)
        .order_by("-week")
        .values_list("week", flat=True)
    )


def latest_scored_week(campaign: Campaign) -> dt.date | None:
    return ScoringRun.objects.filter(campaign=campaign).aggregate(last=Max("week"))["last"]


def tile_queryset(*, user: User, campaign: Campaign, week: dt.date) -> QuerySet[Project]:
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


def count_cards(tiles: list[Project]) -> CardCounts:
    counts = CardCounts()
    for tile in tiles:
        name = tile.week_card or "unscored"
        setattr(counts, name, getattr(counts, name) + 1)
    return counts


def red_reasons(tiles: list[Project], week: dt.date) -> dict[int, str]:
    """A line of reason for each red tile, from its stored breakdown (one query)."""
    red = [t.pk for t in tiles if t.week_card == Card.RED]
    reasons = {}
    for project_id, breakdown in WeeklyScore.objects.filter(
        project_id__in=red, week=week
    ).values_list("project_id", "breakdown"):
        reasons[project_id] = reasons_text(breakdown)
    return reasons


def card_trend(
    project_ids: QuerySet | None, campaign: Campaign, week: dt.date, weeks: int = TREND_WEEKS
) -> list[dict]:
    """Counts of each colour for the last ``weeks`` scored weeks up to ``week``: from the stored
    runs for the whole campaign, else one aggregate over the chosen projects' scores."""
    first = week - dt.timedelta(weeks=weeks - 1)
    if project_ids is None:
        runs = ScoringRun.objects.filter(campaign=campaign, week__gte=first, week__lte=week)
        return list(runs.order_by("week").values("week", "blue", "yellow", "red"))
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
    stored outlook when the user sees the whole campaign (it is computed campaign-wide)."""
    projects = projects_for(user).filter(campaign=campaign)
    as_of = week or min(weeks.current_week(), campaign.last_week)
    # Each project's figure as of the week: its latest counted report of the campaign.
    figure = (
        WeeklyReport.objects.filter(
            COUNTED, project=OuterRef("pk"), week__gte=campaign.first_week, week__lte=as_of
        )
        .order_by("-week")
        .values("ytd_investment")[:1]
    )
    totals = projects.annotate(figure=Subquery(figure)).aggregate(
        done=Sum("figure"), plan=Sum("annual_plan"), n=Count("id")
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
    return Targets(
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
