"""Rankings (大比拼) read from stored weekly scores: projects, units and leaders by week, month or
year to date, with the change of rank since the previous period (双亮牌).

The database averages each project's scored, non-exempt weeks (as scoring.standings.period_scores
defines it); units and leaders average their projects; scoring.standings ranks them.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Avg, Count, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import Leader, Unit
from projects.models import Campaign, Project
from projects.weeks import month_first_week
from scoring.models import WeeklyScore
from scoring.standings import Standing, group_scores, rank, ranks_of

from . import running
from .models import RunningScore

KINDS = {"projects": _("Projects"), "units": _("Responsible units"), "leaders": _("Leaders")}
PERIODS = {"week": _("Week"), "month": _("Month"), "year": _("Year to date")}


def period_bounds(period: str, week: dt.date, campaign: Campaign):
    """(start, end) of the period that holds ``week``, and of the period before it."""
    if period == "week":
        last = week - dt.timedelta(days=7)
        return (week, week), (last, last)
    if period == "month":
        start = month_first_week(week)
        prev_end = start - dt.timedelta(days=7)
        return (start, week), (month_first_week(prev_end), prev_end)
    first = campaign.first_week
    return (first, week), (first, week - dt.timedelta(days=7))


def project_scores(
    projects: QuerySet[Project], start: dt.date, end: dt.date, campaign: Campaign | None = None
) -> dict:
    """project id → (average of scored non-exempt weeks, weeks counted).

    From the stored running sums when they cover the period (two indexed reads), else one
    aggregate over the period's weekly scores."""
    scores = {pk: (None, 0) for pk in projects.values_list("pk", flat=True)}
    if campaign is not None and running.covers(campaign, end):
        ids = projects.values("pk")
        upto = dict_of(RunningScore.objects.filter(project__in=ids, week=end))
        # The last computed week before the period (a Monday before ``start``).
        prior = running.last_mark_before(campaign, start)
        before = dict_of(RunningScore.objects.filter(project__in=ids, week=prior)) if prior else {}
        for pk, (total, n) in upto.items():
            prev_total, prev_n = before.get(pk, (Decimal(0), 0))
            weeks = n - prev_n
            if pk in scores:
                scores[pk] = (
                    ((total - prev_total) / weeks).quantize(Decimal("0.01")) if weeks else None,
                    weeks,
                )
        return scores
    counted = Q(exempt=False)
    rows = (
        WeeklyScore.objects.filter(
            project__in=projects.values("pk"), week__gte=start, week__lte=end
        )
        .values("project_id")
        .annotate(avg=Avg("total", filter=counted), n=Count("id", filter=counted))
    )
    for row in rows:
        avg = row["avg"]
        scores[row["project_id"]] = (
            Decimal(avg).quantize(Decimal("0.01")) if avg is not None else None,
            row["n"],
        )
    return scores


def dict_of(queryset) -> dict:
    return {pk: (t, n) for pk, t, n in queryset.values_list("project_id", "total", "weeks")}


@dataclass
class RankRow:
    standing: Standing
    name: str
    url: str
    detail: str = ""

    @property
    def change(self):
        return self.standing.change


def _scores_for(kind: str, projects: QuerySet[Project], start, end, campaign) -> dict:
    scores = project_scores(projects, start, end, campaign)
    if kind == "projects":
        return scores
    field = "unit_id" if kind == "units" else "leader_id"
    return group_scores(scores, dict(projects.values_list("pk", field)))


def standings(
    *, projects: QuerySet[Project], campaign: Campaign, kind: str, period: str, week: dt.date
) -> "LabelledRows":
    """The ranked rows of ``kind`` over ``period`` ending with ``week``, best first."""
    (start, end), (prev_start, prev_end) = period_bounds(period, week, campaign)
    previous = ranks_of(rank(_scores_for(kind, projects, prev_start, prev_end, campaign)))
    ranked = rank(_scores_for(kind, projects, start, end, campaign), previous)
    return LabelledRows(kind, ranked, projects)


class LabelledRows:
    """The ranked rows, labelled (names and links) only for the slice a page shows: a province
    ranks 5,000 projects but a page shows 50."""

    def __init__(self, kind: str, ranked: list[Standing], projects: QuerySet[Project]):
        self.kind, self.ranked, self.projects = kind, ranked, projects

    def __len__(self) -> int:
        return len(self.ranked)

    def __iter__(self):
        return iter(self[:])

    def __getitem__(self, key):
        if isinstance(key, slice):
            return _label(self.kind, self.ranked[key], self.projects)
        return _label(self.kind, [self.ranked[key]], self.projects)[0]


def _label(kind: str, ranked: list[Standing], projects: QuerySet[Project]) -> list[RankRow]:
    if kind == "projects":
        info = {
            p.pk: p
            for p in projects.filter(pk__in=[s.key for s in ranked])
            .select_related("unit", "leader")
            .only("pk", "name", "unit__name", "unit__short_name", "leader__name")
        }
        return [
            RankRow(
                s,
                info[s.key].name,
                reverse("projects:detail", args=[s.key]),
                f"{info[s.key].unit} · {info[s.key].leader.name}",
            )
            for s in ranked
        ]
    field = "unit_id" if kind == "units" else "leader_id"
    model, route = (Unit, "dashboard:unit") if kind == "units" else (Leader, "dashboard:leader")
    keys = [s.key for s in ranked]
    names = {obj.pk: str(obj) for obj in model.objects.filter(pk__in=keys)}
    counts = dict(
        projects.filter(**{f"{field}__in": keys})
        .values(field)
        .annotate(n=Count("id"))
        .values_list(field, "n")
    )
    return [
        RankRow(
            s,
            names.get(s.key, "—"),
            reverse(route, args=[s.key]),
            _("%(n)d projects") % {"n": counts.get(s.key, 0)},
        )
        for s in ranked
    ]
