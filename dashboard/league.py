"""The league of districts (区县比拼): the regions just below the user's, side by side — a city's
districts, a province's cities — each with its investment against plan and 序时进度, its cards,
its open and overdue problems and its missing reports, ranked by investment against 序时进度
with the change of rank since the week before (双亮牌).

Each district keeps its own campaign, rubric and schedule: the league only reads their figures.
A province's row for a city adds up the city's districts (and any campaign the city runs
itself). A fixed number of grouped queries whatever the number of regions and projects.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Max, OuterRef, Q, QuerySet, Subquery, Sum
from django.http import Http404
from django.utils.translation import gettext as _

from accounts.choices import RegionLevel
from accounts.models import Region, User
from problems.choices import CLOCK_RUNS, OPEN
from problems.models import Problem
from projects import figures
from projects.figures import joined_weeks
from projects.models import Campaign, MonthlyPlan, Project
from projects.plans import week_plan_due
from projects.scope import REGION_WIDE
from scoring.models import ScoringRun

from .models import Outlook

WEEK = dt.timedelta(days=7)
ZERO = Decimal(0)


@dataclass
class LeagueRow:
    """One region of the league, its figures as of the league's week."""

    region: Region
    campaigns: list[Campaign] = field(default_factory=list)
    projects: int = 0
    plan: Decimal = ZERO  # the annual investment targets
    done: Decimal = ZERO
    due: Decimal = ZERO  # the plan due by the week (序时进度)
    done_before: Decimal = ZERO
    due_before: Decimal = ZERO
    blue: int = 0
    yellow: int = 0
    red: int = 0
    problems_open: int = 0
    problems_overdue: int = 0
    reported: int = 0
    rank: int = 0
    previous_rank: int | None = None

    @property
    def missing(self) -> int:
        return max(self.projects - self.reported, 0)

    @property
    def pace(self) -> Decimal | None:
        """Investment done as a percentage of the plan due by the week (100 = on 序时进度)."""
        return _pct(self.done, self.due)

    @property
    def pace_before(self) -> Decimal | None:
        return _pct(self.done_before, self.due_before)

    @property
    def done_share(self) -> Decimal | None:
        return _pct(self.done, self.plan)

    @property
    def change(self) -> int | None:
        """Places gained (+) or lost (−) since the week before."""
        return None if self.previous_rank is None else self.previous_rank - self.rank

    @property
    def is_district(self) -> bool:
        return self.region.level == RegionLevel.DISTRICT


@dataclass
class League:
    region: Region | None  # whose league: the user's region, or one below it
    week: dt.date | None
    year: int | None
    rows: list[LeagueRow]


def _pct(part: Decimal, whole: Decimal) -> Decimal | None:
    if not whole:
        return None
    return (part * 100 / whole).quantize(Decimal("0.1"))


def region_param(request) -> int | None:
    """``?region=`` of a district's dashboard opened from the league; 404 if not an id."""
    value = request.GET.get("region") or None
    if value is None:
        return None
    if not (value.isascii() and value.isdigit()) or len(value) > 12:
        raise Http404(_("No such region."))
    return int(value)


def can_see_league(user: User) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or user.role in REGION_WIDE


def shows_league(user: User, level: str | None = None) -> bool:
    """A city's or a province's reader gets the league's link on the dashboard. ``level``: his
    region's, when read already (dashboard.opening): the region's row holds its outline."""
    if not can_see_league(user) or user.region_id is None:
        return user.is_superuser
    if level is None:
        region = user.region
        level = region.level if region is not None else None
    return level != RegionLevel.DISTRICT


def regions_under(user: User) -> list[int]:
    """The ids of the user's region and of every region below it (three levels at most)."""
    if user.region_id is None:
        return list(Region.objects.values_list("pk", flat=True)) if user.is_superuser else []
    return list(
        Region.objects.filter(
            Q(pk=user.region_id) | Q(parent_id=user.region_id) | Q(parent__parent_id=user.region_id)
        ).values_list("pk", flat=True)
    )


def league_region(user: User, region_id: int | None) -> Region | None:
    """Whose league the user asked for: a region within the user's own (404 for any other),
    by default the user's region (a superuser without one: the top of the tree)."""
    # Not its outline (up to 450 KB of GeoJSON): no league draws one.
    regions = Region.objects.defer("boundary")
    if region_id is not None:
        if region_id not in regions_under(user):
            return None
        return regions.filter(pk=region_id).first()
    if user.region_id is not None:
        return regions.filter(pk=user.region_id).first()
    return None


def league(*, user: User, region: Region | None, year: int | None = None, week=None) -> League:
    """The league of the regions just below ``region`` (the top-level regions for None, which
    only a superuser gets) for ``year`` (default: the latest with a campaign) and ``week``
    (default: the latest week scored in any of them)."""
    regions = Region.objects.defer("boundary")  # the rows name their regions, draw no outline
    children = list(
        regions.filter(parent=region).order_by("code")
        if region is not None
        else regions.filter(parent__isnull=True).order_by("code")
    )
    row_of = {child.pk: LeagueRow(child) for child in children}
    campaigns = (
        Campaign.objects.filter(Q(region__in=children) | Q(region__parent__in=children))
        .select_related("region")
        .defer("region__boundary")
    )  # a league draws no outline
    if year is None:
        year = campaigns.aggregate(y=Max("year"))["y"]
    of_year = [c for c in campaigns if c.year == year]
    owner: dict[int, LeagueRow] = {}
    for campaign in of_year:
        row = row_of.get(campaign.region_id)
        if row is None:
            parent_id = campaign.region.parent_id
            assert parent_id is not None  # the query: a child's campaign, or its child's
            row = row_of[parent_id]
        row.campaigns.append(campaign)
        row.plan += campaign.investment_target
        owner[campaign.pk] = row
    ids = list(owner)
    if week is None:
        week = ScoringRun.objects.filter(campaign__in=ids).aggregate(w=Max("week"))["w"]
    if ids and week is not None:
        _fill(owner, of_year, ids, week)
    rows = list(row_of.values())
    _rank(rows)
    return League(region, week, year, rows)


def _figures(
    campaigns: list[Campaign], week: dt.date
) -> dict[int, tuple[int, Decimal, Decimal, int]]:
    """Per campaign: its projects, the sum of their latest counted figures up to ``week``, the
    same up to the week before, and how many have a counted report for ``week``. One query.

    A project's latest figure up to the week is its report of the week if counted, else its
    latest up to the week before, and so on: the reports of the two weeks are joined (two index
    reads of a week each, not one search per project), and only a project counted in neither
    looks further back (COALESCE evaluates its subquery only then)."""
    first = min(c.first_week for c in campaigns)
    campaign_projects = Project.objects.filter(campaign__in=[c.pk for c in campaigns])
    rows = (
        # no default order: its joins (campaign, region) cost 20,000 rows each
        joined_weeks(campaign_projects, first, week)
        .values("campaign_id")
        .annotate(
            done=Sum(figures.as_of(first, week)),
            done_before=Sum(figures.as_of_week_before(first, week)),
            reported=Count("now__week"),  # a column of the index: no heap read
            projects=Count("pk"),
        )
        .values_list("campaign_id", "projects", "done", "done_before", "reported")
    )
    # A week before the campaigns' first has no figure: the joins and the search start there.
    return {
        pk: (n, done or ZERO, before_ or ZERO, reported) for pk, n, done, before_, reported in rows
    }


def plans_history_mark() -> QuerySet:
    """The number of the newest history row of any monthly plan: one step down its primary key."""
    return MonthlyPlan.history.order_by("-history_id").values("history_id")[:1]


def _monthly_totals(ids: list[int]) -> dict[int, dict[int, Decimal]]:
    """Per campaign: its plan's monthly totals (month → amount), which 序时进度 is read from.

    Each outlook stores them as it was computed (dashboard.services.outlook_compute), with the
    number of the newest monthly plans' history row it had seen: they are read from the newest
    outlook unless a monthly plan has changed since (a higher history number: a sequence, deaf
    to the clocks of the servers that wrote them), else added up from the 240,000 monthly plans
    of a province — then only for the campaigns whose outlook is older. Not the projects'
    history: every submitted report writes a project's figure. One query, or two."""
    newest = Outlook.objects.filter(campaign=OuterRef("pk")).order_by("-computed_at")
    totals: dict[int, dict[int, Decimal]] = defaultdict(dict)
    stale = []
    for pk, stored, seen, plans_changed in (
        Campaign.objects.filter(pk__in=ids)
        .order_by()
        .annotate(
            stored=Subquery(newest.values("data__monthly")[:1]),
            seen=Subquery(newest.values("data__plans_seen")[:1]),
            plans_changed=Subquery(plans_history_mark()),
        )
        .values_list("pk", "stored", "seen", "plans_changed")
    ):
        if stored is None or (plans_changed is not None and (seen is None or seen < plans_changed)):
            stale.append(pk)
            continue
        totals[pk] = {int(month): Decimal(amount) for month, amount in stored.items()}
    if stale:
        for campaign_id, month, total in (
            MonthlyPlan.objects.filter(project__campaign__in=stale)
            .order_by()
            .values("project__campaign_id", "month")
            .annotate(total=Sum("amount"))
            .values_list("project__campaign_id", "month", "total")
        ):
            totals[campaign_id][month] = total
    return totals


def _fill(owner: dict[int, LeagueRow], campaigns, ids: list[int], week: dt.date) -> None:
    by_pk = {c.pk: c for c in campaigns}
    before = week - WEEK
    for campaign_id, (n, done, done_before, reported) in _figures(campaigns, week).items():
        row = owner[campaign_id]
        row.projects += n
        row.done += done
        row.done_before += done_before
        row.reported += reported
    monthly = _monthly_totals(ids)
    for campaign_id, row in owner.items():
        year = by_pk[campaign_id].year
        row.due += week_plan_due(monthly[campaign_id], week, year)
        row.due_before += week_plan_due(monthly[campaign_id], before, year)
    for run in ScoringRun.objects.filter(campaign__in=ids, week=week):
        row = owner[run.campaign_id]
        row.blue += run.blue
        row.yellow += run.yellow
        row.red += run.red
    today = week + dt.timedelta(days=6)
    for campaign_id, opened, overdue in (
        Problem.objects.filter(project__campaign__in=ids)
        .values("project__campaign_id")
        .annotate(
            opened=Count("pk", filter=Q(status__in=OPEN)),
            overdue=Count("pk", filter=Q(status__in=CLOCK_RUNS, deadline__lt=today)),
        )
        .values_list("project__campaign_id", "opened", "overdue")
    ):
        row = owner[campaign_id]
        row.problems_open += opened
        row.problems_overdue += overdue


def _order(rows: list[LeagueRow], pace) -> list[LeagueRow]:
    """Best first: the pace against 序时进度, then the share of blue cards, then the name."""

    def key(row):
        value = pace(row)
        blue = Decimal(row.blue) / row.projects if row.projects else ZERO
        return (value is None, -(value or ZERO), -blue, row.region.code)

    return sorted(rows, key=key)


def _rank(rows: list[LeagueRow]) -> None:
    ordered = _order(rows, lambda row: row.pace)
    for n, row in enumerate(ordered, start=1):
        row.rank = n
    if any(row.due_before for row in rows):
        for n, row in enumerate(_order(rows, lambda row: row.pace_before), start=1):
            row.previous_rank = n
    rows.sort(key=lambda row: row.rank)
