"""Rankings (大比拼) read from stored weekly scores: projects, units and leaders by week, month or
year to date, with the change of rank since the previous period (双亮牌).

The database averages each project's scored, non-exempt weeks (as ``rules.period_scores`` defines
it); units and leaders average their projects; ``rules`` ranks them.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any

from django.db.models import Avg, Count, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import Leader, Unit
from projects.choices import Card
from projects.models import Campaign, Project
from projects.weeks import month_first_week
from scoring.models import WeeklyScore

from . import running
from .rules import Standing, group_scores, rank, ranks_of

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


class Reading:
    """What the standings of ``projects`` read whatever their kind and period: the projects'
    ids, the running sums (each day's once) and who answers for each project. The wall shows
    four standings of two periods each: eight readings of the same rows became one."""

    def __init__(self, projects: QuerySet[Project], campaign: Campaign | None):
        self.projects, self.campaign = projects, campaign
        self._owners: dict[str, dict] = {}

    @cached_property
    def ids(self) -> list[int]:
        return list(self.projects.values_list("pk", flat=True))

    @cached_property
    def sums(self) -> running.Sums | None:
        if self.campaign is None:
            return None
        return running.Sums(self.campaign, self.projects.values("pk"))

    def owners(self, field_name: str) -> dict:
        """project id → its unit's or leader's id."""
        if field_name not in self._owners:
            self._owners[field_name] = dict(self.projects.values_list("pk", field_name))
        return self._owners[field_name]


def project_scores(
    projects: QuerySet[Project],
    start: dt.date,
    end: dt.date,
    campaign: Campaign | None = None,
    reading: Reading | None = None,
) -> dict:
    """project id → (average of scored non-exempt weeks, weeks counted).

    From the stored running sums (two indexed reads, corrected by the weeks scored or rescored
    since their last refresh: ``running.Sums``), else, before any refresh, one aggregate over
    the period's weekly scores. ``reading``: what other standings of the request read already."""
    reading = reading or Reading(projects, campaign)
    scores: dict[int, tuple[Decimal | None, int]] = {pk: (None, 0) for pk in reading.ids}
    sums = reading.sums
    if sums is not None and sums.marked:
        upto, before = sums.before(end + dt.timedelta(days=1)), sums.before(start)
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


@dataclass
class RankRow:
    standing: Standing
    name: str
    url: str  # empty when the viewer may not open it: the standing is public, the page is not
    detail: str = ""
    card: str = ""  # a project's card in the period's last week
    cards: dict = field(default_factory=dict)  # a unit's or leader's projects by card that week

    @property
    def change(self):
        return self.standing.change

    @property
    def card_counts(self) -> list[tuple[str, int]]:
        """(card, count) in the cards' order, blue first."""
        return [(card, self.cards[card]) for card in Card.values if self.cards.get(card)]


def competitors(campaign: Campaign) -> QuerySet[Project]:
    """Who is ranked: every project of the campaign. The competition (大比拼) is public inside
    the region, so every role sees the whole standing; what each may open stays scoped."""
    return Project.objects.filter(campaign=campaign)


def _scores_for(kind: str, reading: Reading, start, end) -> dict:
    scores = project_scores(reading.projects, start, end, reading.campaign, reading)
    if kind == "projects":
        return scores
    return group_scores(scores, reading.owners("unit_id" if kind == "units" else "leader_id"))


def standings(
    *,
    projects: QuerySet[Project],
    campaign: Campaign,
    kind: str,
    period: str,
    week: dt.date,
    visible: QuerySet[Project] | None = None,
    reading: Reading | None = None,
) -> "LabelledRows":
    """The ranked rows of ``kind`` over ``period`` ending with ``week``, best first.

    ``projects`` are those ranked (usually :func:`competitors`); ``visible`` those the viewer may
    open (None: all), which decides only which rows link to their page; ``reading``: what the
    request's other standings of the same projects read already."""
    (start, end), (prev_start, prev_end) = period_bounds(period, week, campaign)
    reading = reading or Reading(projects, campaign)
    previous = ranks_of(rank(_scores_for(kind, reading, prev_start, prev_end)))
    ranked = rank(_scores_for(kind, reading, start, end), previous)
    return LabelledRows(kind, ranked, projects, week, visible)


class LabelledRows:
    """The ranked rows, labelled (names, links and cards) only for the slice a page shows: a
    province ranks 5,000 projects but a page shows 50."""

    def __init__(self, kind, ranked: list[Standing], projects, week=None, visible=None):
        self.kind, self.ranked, self.projects = kind, ranked, projects
        self.week, self.visible = week, visible

    def __len__(self) -> int:
        return len(self.ranked)

    def __iter__(self):
        return iter(self[:])

    def __getitem__(self, key):
        if isinstance(key, slice):
            return _label(self, self.ranked[key])
        return _label(self, [self.ranked[key]])[0]

    def position_of(self, key) -> int | None:
        return next((i for i, s in enumerate(self.ranked) if s.key == key), None)


def _label(rows: LabelledRows, ranked: list[Standing]) -> list[RankRow]:
    """Names, links and cards of a page of rows: four queries whatever the page's size."""
    keys: list[Any] = [s.key for s in ranked]  # unit or leader ids
    if rows.kind == "projects":
        info = {
            p.pk: p
            for p in rows.projects.filter(pk__in=keys)
            .select_related("unit", "leader")
            .only("pk", "name", "unit__name", "unit__short_name", "leader__name")
        }
        openable = _openable(rows, "pk", keys)
        cards = _week_cards(rows.week, Q(project_id__in=keys), "project_id")
        link = _link("projects:detail")
        return [
            RankRow(
                s,
                info[s.key].name,
                link(s.key) if s.key in openable else "",
                f"{info[s.key].unit} · {info[s.key].leader.name}",
                card=next(iter(cards.get(s.key, {})), ""),
            )
            for s in ranked
        ]
    field_name = "unit_id" if rows.kind == "units" else "leader_id"
    model: type[Unit] | type[Leader]
    if rows.kind == "units":
        model, route = Unit, "dashboard:unit"
    else:
        model, route = Leader, "dashboard:leader"
    names: dict[Any, str] = {obj.pk: str(obj) for obj in model.objects.filter(pk__in=keys)}
    counts = dict(
        rows.projects.filter(**{f"{field_name}__in": keys})
        .values(field_name)
        .annotate(n=Count("id"))
        .values_list(field_name, "n")
    )
    openable = _openable(rows, field_name, keys)
    cards = _week_cards(
        rows.week,
        Q(**{f"project__{field_name}__in": keys}, project__in=rows.projects.values("pk")),
        f"project__{field_name}",
    )
    link = _link(route)
    return [
        RankRow(
            s,
            names.get(s.key, "—"),
            link(s.key) if s.key in openable else "",
            _("%(n)d projects") % {"n": counts.get(s.key, 0)},
            cards=cards.get(s.key, {}),
        )
        for s in ranked
    ]


def _link(route: str):
    """The page of a key: one reverse(), then the key put in (a reverse() per row is slow)."""
    pattern = reverse(route, args=[987654321])
    return lambda key: pattern.replace("987654321", str(key))


def _openable(rows: LabelledRows, field_name: str, keys: list) -> set:
    """Which of ``keys`` the viewer may open: a project he sees, or a unit or leader with at
    least one project he sees (the scorecard lists only those)."""
    if rows.visible is None:
        return set(keys)
    return set(
        rows.visible.filter(**{f"{field_name}__in": keys}).values_list(field_name, flat=True)
    )


def _week_cards(week: dt.date | None, where: Q, group: str) -> dict:
    """key → {card: count} of the projects ``where`` selects, scored that week (for a project,
    its one card)."""
    if week is None:
        return {}
    found: dict = {}
    rows = (
        WeeklyScore.objects.filter(where, week=week)
        .values(group, "card")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in rows:
        found.setdefault(row[group], {})[row["card"]] = row["n"]
    return found
