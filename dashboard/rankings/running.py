"""Running sums of weekly scores, kept after each scoring so rankings read two rows a project.

A week rescored after a correction makes it and every later week stale: they are recomputed in
order, one query per week, whatever the number of projects.
"""

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, Max, Q, QuerySet, Sum
from django.utils import timezone

from projects.models import Campaign
from scoring.models import ScoringRun, WeeklyScore

from ..models import RunningMark, RunningScore

BATCH = 2000


def stale_from(campaign: Campaign) -> dt.date | None:
    """The first scored week whose running sums are missing or older than its last write (an
    adjustment's rescoring too)."""
    marks = dict(RunningMark.objects.filter(campaign=campaign).values_list("week", "computed_at"))
    for week, scored_at in (
        ScoringRun.objects.filter(campaign=campaign)
        .order_by("week")
        .values_list("week", "written_at")
    ):
        if week not in marks or marks[week] < scored_at:
            return week
    return None


@transaction.atomic
def running_refresh(campaign: Campaign) -> int:
    """Recompute the stale weeks of ``campaign`` and every week after them; weeks done back."""
    start = stale_from(campaign)
    if start is None:
        return 0
    before = RunningScore.objects.filter(project__campaign=campaign, week__lt=start).aggregate(
        w=Max("week")
    )["w"]
    running: dict[int, tuple[Decimal, int]] = {}
    if before:
        running = {
            pk: (total, n)
            for pk, total, n in RunningScore.objects.filter(
                project__campaign=campaign, week=before
            ).values_list("project_id", "total", "weeks")
        }
    todo = list(
        ScoringRun.objects.filter(campaign=campaign, week__gte=start)
        .order_by("week")
        .values_list("week", flat=True)
    )
    for week in todo:
        for pk, total, exempt in WeeklyScore.objects.filter(
            project__campaign=campaign, week=week
        ).values_list("project_id", "total", "exempt"):
            so_far, n = running.get(pk, (Decimal(0), 0))
            running[pk] = (so_far, n) if exempt else (so_far + total, n + 1)
        RunningScore.objects.bulk_create(
            [
                RunningScore(project_id=pk, week=week, total=t, weeks=n)
                for pk, (t, n) in running.items()
            ],
            batch_size=BATCH,
            update_conflicts=True,
            unique_fields=["project", "week"],
            update_fields=["total", "weeks"],
        )
        RunningMark.objects.update_or_create(
            campaign=campaign, week=week, defaults={"computed_at": timezone.now()}
        )
    return len(todo)


class Sums:
    """Running sums as they should be now, read from the stored ones even when some are stale:
    the last stored mark before a day, corrected by each rescored week (its score now less the
    one the stored chain counted) and by the scored weeks after that mark. A request reads at
    most six queries, and rows only of the stale weeks: never the whole year."""

    def __init__(self, campaign: Campaign, ids: QuerySet):
        self.ids = ids
        marks = dict(
            RunningMark.objects.filter(campaign=campaign).values_list("week", "computed_at")
        )
        self.runs = list(
            ScoringRun.objects.filter(campaign=campaign)
            .order_by("week")
            .values_list("week", "written_at")
        )
        self.marked = sorted(marks)
        # Rescored after its mark: the stored chain counted an older score for the week.
        self.rescored = [w for w, at in self.runs if w in marks and marks[w] < at]
        self._before: dict[dt.date, dict[int, tuple[Decimal, int]]] = {}

    def before(self, day: dt.date) -> dict[int, tuple[Decimal, int]]:
        """project id → (sum of non-exempt totals, weeks counted) over the weeks before ``day``;
        each day read once (a week's standing and its year's share their days)."""
        if day not in self._before:
            self._before[day] = self._read_before(day)
        return self._before[day]

    def _read_before(self, day: dt.date) -> dict[int, tuple[Decimal, int]]:
        mark = next((w for w in reversed(self.marked) if w < day), None)
        sums: dict[int, tuple[Decimal, int]] = {}
        if mark is not None:
            sums = _stored(self.ids, [mark]).get(mark, {})
        rescored = [w for w in self.rescored if w < day]
        # Scored after the last refresh between two marks: the chain never counted it.
        gaps = [w for w, _at in self.runs if mark and w < mark and w not in self.marked]
        if rescored:
            # What the chain counted for a week: its sum less the previous mark's.
            prior = {w: self._mark_before(w) for w in rescored}
            stored = _stored(self.ids, rescored + [p for p in prior.values() if p])
            for week in rescored:
                now, then = stored.get(week, {}), stored.get(prior[week], {})
                for pk, (total, n) in now.items():
                    t0, n0 = then.get(pk, (Decimal(0), 0))
                    _add(sums, pk, t0 - total, n0 - n)
        if rescored or gaps:
            for pk, total, n in _scored(self.ids).filter(week__in=rescored + gaps):
                _add(sums, pk, total, n)
        if any(w < day and (mark is None or w > mark) for w, _at in self.runs):
            tail = _scored(self.ids).filter(week__lt=day)
            for pk, total, n in tail.filter(week__gt=mark) if mark else tail:
                _add(sums, pk, total, n)
        return sums

    def _mark_before(self, week: dt.date) -> dt.date | None:
        return next((w for w in reversed(self.marked) if w < week), None)


def _stored(ids: QuerySet, weeks: list) -> dict:
    """week → project id → (total, weeks) of the stored running sums of ``weeks``."""
    found: dict = {}
    for pk, week, total, n in RunningScore.objects.filter(
        project__in=ids, week__in=weeks
    ).values_list("project_id", "week", "total", "weeks"):
        found.setdefault(week, {})[pk] = (total, n)
    return found


def _scored(ids: QuerySet):
    """(project id, sum of non-exempt totals, weeks counted) of the weekly scores, grouped."""
    counted = Q(exempt=False)
    return (
        WeeklyScore.objects.filter(project__in=ids)
        .values("project_id")
        .annotate(t=Sum("total", filter=counted), n=Count("id", filter=counted))
        .values_list("project_id", "t", "n")
        .order_by()
    )


def _add(sums: dict, pk: int, total, n: int) -> None:
    so_far, weeks = sums.get(pk, (Decimal(0), 0))
    sums[pk] = (so_far + (total or Decimal(0)), weeks + n)
