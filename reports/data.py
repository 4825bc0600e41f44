"""The reads a report is built from: a fixed number of queries, whatever the number of projects.

Everything returned is plain values (Decimals, dates, strings), so the builders and the pure
figures never touch the ORM. Which weekly reports count is the register's one rule
(``projects.models.COUNTED``), so a report's figures are the ones its cards were scored on.
"""

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from decimal import Decimal

from django.db.models import Count, OuterRef, Q, Subquery, Sum

from accounts.choices import Role
from accounts.models import User
from projects import plans
from projects.choices import NodeKind, Stage
from projects.models import COUNTED, Campaign, Milestone, MonthlyPlan, Project, WeeklyReport
from scoring.models import ScoringRun, WeeklyScore

ZERO = Decimal(0)
WEEK = dt.timedelta(days=7)


@dataclasses.dataclass
class ProjectRow:
    """One project as of a week: where it stands on money, stage and card."""

    id: int
    code: str
    name: str
    category: str
    target: str
    unit_id: int
    unit: str
    leader_id: int
    leader: str
    stage: str
    annual_plan: Decimal
    due: Decimal = ZERO
    done: Decimal = ZERO
    card: str = ""
    total: Decimal | None = None
    exempt: bool = False
    prev_card: str = ""
    prev_total: Decimal | None = None
    started: bool = False
    in_production: bool = False
    start_due: bool = False
    production_due: bool = False


def _latest(week: dt.date, field: str) -> Subquery:
    counted = WeeklyReport.objects.filter(COUNTED, project=OuterRef("pk"), week__lte=week)
    return Subquery(counted.order_by("-week").values(field)[:1])


def project_rows(
    campaign: Campaign, week: dt.date, previous_week: dt.date | None = None
) -> list[ProjectRow]:
    """Every project of the campaign as of ``week``, with its card then and at
    ``previous_week``. Four queries: projects with their latest figures, monthly plans, the
    two weeks' scores, the start and production milestones."""
    sunday = week + dt.timedelta(days=6)
    projects = (
        Project.objects.filter(campaign=campaign)
        .annotate(last_ytd=_latest(week, "ytd_investment"), last_stage=_latest(week, "stage"))
        .order_by("code")
        .values_list(
            "pk",
            "code",
            "name",
            "category",
            "target",
            "unit_id",
            "unit__name",
            "unit__short_name",
            "leader_id",
            "leader__name",
            "stage",
            "annual_plan",
            "last_ytd",
            "last_stage",
        )
    )
    rows: dict[int, ProjectRow] = {}
    for (
        pk,
        code,
        name,
        category,
        target,
        unit_id,
        unit,
        short,
        leader_id,
        leader,
        stage,
        annual,
        ytd,
        last_stage,
    ) in projects.iterator(chunk_size=2000):
        rows[pk] = ProjectRow(
            id=pk,
            code=code,
            name=name,
            category=category,
            target=target,
            unit_id=unit_id,
            unit=short or unit,
            leader_id=leader_id,
            leader=leader,
            # Before its first report a project stands where the register puts it.
            stage=last_stage or stage,
            annual_plan=annual,
            done=ytd if ytd is not None else ZERO,
        )
    monthly: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for pid, month, amount in MonthlyPlan.objects.filter(project__campaign=campaign).values_list(
        "project_id", "month", "amount"
    ):
        monthly[pid][month] = amount
    for pid, each in rows.items():
        each.due = plans.week_plan_due(monthly.get(pid, {}), week, campaign.year)
    wanted = [week] + ([previous_week] if previous_week else [])
    for pid, monday, card, total, exempt in WeeklyScore.objects.filter(
        project__campaign=campaign, week__in=wanted
    ).values_list("project_id", "week", "card", "total", "exempt"):
        row = rows.get(pid)
        if row is None:
            continue
        if monday == week:
            row.card, row.total, row.exempt = card, total, exempt
        else:
            row.prev_card, row.prev_total = card, total
    for pid, kind, planned, reached in Milestone.objects.filter(
        project__campaign=campaign, kind__in=[NodeKind.START, NodeKind.PRODUCTION]
    ).values_list("project_id", "kind", "planned_date", "reached_on"):
        row = rows.get(pid)
        if row is None:
            continue
        done = reached is not None and reached <= sunday
        if kind == NodeKind.START:
            row.start_due |= planned <= sunday
            row.started |= done
        else:
            row.production_due |= planned <= sunday
            row.in_production |= done
    for row in rows.values():
        row.started |= row.stage != Stage.PREPARATION
        row.in_production |= row.stage == Stage.PRODUCTION
    return list(rows.values())


def weekly_totals(campaign: Campaign, weeks: Iterable[dt.date]) -> Iterator[tuple]:
    """(project id, total, exempt) of every score of ``weeks``, for dashboard.rankings.rules; one
    query, streamed."""
    return (
        WeeklyScore.objects.filter(project__campaign=campaign, week__in=list(weeks))
        .values_list("project_id", "total", "exempt")
        .iterator(chunk_size=5000)
    )


def card_weeks(campaign: Campaign, weeks: Iterable[dt.date]) -> dict[int, dict[str, int]]:
    """Per project, how many of ``weeks`` it spent on each card (exempt weeks apart)."""
    counts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for pid, card, exempt, n in (
        WeeklyScore.objects.filter(project__campaign=campaign, week__in=list(weeks))
        .order_by()
        .values_list("project_id", "card", "exempt")
        .annotate(n=Count("pk"))
    ):
        counts[pid]["exempt" if exempt else card] += n
    return counts


def score_notes(campaign: Campaign, week: dt.date, cards: Iterable[str]) -> dict[int, dict]:
    """The stored breakdowns of the projects on ``cards`` in ``week``: why each is red or
    yellow, straight from what the scoring run wrote."""
    return dict(
        WeeklyScore.objects.filter(
            project__campaign=campaign, week=week, card__in=list(cards)
        ).values_list("project_id", "breakdown")
    )


def card_runs(campaign: Campaign, weeks: Iterable[dt.date]) -> list[tuple]:
    """(week, blue, yellow, red) of each scored week, oldest first."""
    return list(
        ScoringRun.objects.filter(campaign=campaign, week__in=list(weeks))
        .order_by("week")
        .values_list("week", "blue", "yellow", "red")
    )


def reporting(weeks: list[dt.date], project_ids: list[int]) -> dict[int, tuple[int, int]]:
    """Per project: (weeks reported, of which late) over ``weeks``; one grouped query. The ids
    are listed rather than joined so the planner sees how many projects there are."""
    return {
        pid: (n, late)
        for pid, n, late in (
            WeeklyReport.objects.filter(COUNTED, project_id__in=project_ids, week__in=weeks)
            .order_by()
            .values("project_id")
            .annotate(n=Count("pk"), late=Count("pk", filter=Q(is_late=True)))
            .values_list("project_id", "n", "late")
        )
    }


def reporters(unit_ids: Iterable[int]) -> dict[int, list[User]]:
    """The active reporters of each unit: whom a late report is named after, whom to remind."""
    found: dict[int, list[User]] = defaultdict(list)
    for user in User.objects.filter(
        unit_id__in=list(unit_ids), role=Role.REPORTER, is_active=True
    ).order_by("unit_id", "username"):
        if user.unit_id is not None:  # the filter's, again for the type
            found[user.unit_id].append(user)
    return found


def done_at(campaign: Campaign, week: dt.date) -> Decimal:
    """The campaign's year-to-date investment as of ``week``: one query."""
    total = (
        Project.objects.filter(campaign=campaign)
        .annotate(last_ytd=_latest(week, "ytd_investment"))
        .aggregate(total=Sum("last_ytd"))["total"]
    )
    return total or ZERO


def series(campaign: Campaign, week: dt.date, window: int = 8) -> dict[int, list]:
    """Per project, the reported year-to-date figures of the last ``window`` + 1 weeks, oldest
    first: what the year-end forecast takes its pace from."""
    found: dict[int, list] = defaultdict(list)
    for pid, monday, ytd in (
        WeeklyReport.objects.filter(
            COUNTED, project__campaign=campaign, week__range=(week - WEEK * window, week)
        )
        .order_by("project_id", "week")
        .values_list("project_id", "week", "ytd_investment")
        .iterator(chunk_size=5000)
    ):
        found[pid].append((monday, ytd))
    return found


def milestones_reached(campaign: Campaign, start: dt.date, end: dt.date) -> list[tuple]:
    """(project id, kind, name, reached on) of the start and production nodes reached within
    the period, in date order."""
    return list(
        Milestone.objects.filter(
            project__campaign=campaign,
            kind__in=[NodeKind.START, NodeKind.PRODUCTION],
            reached_on__range=(start, end),
        )
        .order_by("reached_on", "project_id")
        .values_list("project_id", "kind", "name", "reached_on")
    )
