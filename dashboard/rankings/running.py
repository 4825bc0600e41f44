"""Running sums of weekly scores, kept after each scoring so rankings read two rows a project.

A week rescored after a correction makes it and every later week stale: they are recomputed in
order, one query per week, whatever the number of projects.
"""

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.db.models import Max
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


def covers(campaign: Campaign, week: dt.date) -> bool:
    return (
        stale_from(campaign) is None
        and RunningMark.objects.filter(campaign=campaign, week=week).exists()
    )


def last_mark_before(campaign: Campaign, day: dt.date) -> dt.date | None:
    return RunningMark.objects.filter(campaign=campaign, week__lt=day).aggregate(w=Max("week"))["w"]
