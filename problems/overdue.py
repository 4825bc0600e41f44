"""The overdue climb of problems in bulk; the people at each level are told through the outbox.

(Named apart from the ``escalation`` app, the ladder of supervision notices.)

Safe to run twice: a problem's level only rises to what ``levels.level_for`` says for today, an
OverdueStep row is unique per (problem, level), and its messages are written in the same
transaction, so they exist exactly when the step does (the outbox sends them once).
"""

import datetime as dt
import logging

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from config.history import note_change

from . import levels, notify
from .choices import CLOCK_RUNS, EventKind, Level
from .models import OverdueStep, Problem, ProblemEvent
from .services import local_day

log = logging.getLogger(__name__)


def overdue_climb(
    *, now: dt.datetime | None = None, notify: bool = True, among: QuerySet | None = None
) -> list[OverdueStep]:
    """Raise every overdue problem to its level for today; one OverdueStep per level reached.

    Returns the new OverdueStep rows. With ``notify`` the outbox tells the people at each new
    level; without (the demo data), nobody is told. ``among`` limits the run to some problems
    (the demo's region), all of them by default.
    """
    now = now or timezone.now()
    today = local_day(now)
    created: list[OverdueStep] = []
    with transaction.atomic():
        candidates = (
            (among if among is not None else Problem.objects.all())
            .filter(status__in=CLOCK_RUNS, deadline__lt=today, level__lt=levels.TOP)
            .select_for_update(skip_locked=True, of=("self",))
            .select_related("project__campaign__region", "department")
            .order_by("pk")
        )
        for problem in candidates:
            level = levels.level_for(problem.deadline, today, problem.step_days)
            if level <= problem.level:
                continue
            created += _climb(problem, level, today, now, notify)
    return created


def _climb(
    problem: Problem, level: int, today: dt.date, now: dt.datetime, tell: bool
) -> list[OverdueStep]:
    reached = range(problem.level + 1, level + 1)
    problem.level, problem.escalated_at = level, now
    note_change(
        problem, reason=_("Escalated to: %(level)s") % {"level": Level(level).label}, user=None
    )
    problem.save(update_fields=["level", "escalated_at", "updated_at"])
    ProblemEvent.objects.create(
        problem=problem,
        kind=EventKind.ESCALATE,
        from_status=problem.status,
        to_status=problem.status,
        acting_as="system",
        level=level,
        created_at=now,
        text=_("%(days)d days past the deadline of %(deadline)s.")
        % {
            "days": levels.days_overdue(problem.deadline, today),
            "deadline": problem.deadline.isoformat(),
        },
    )
    rows = []
    for step in reached:
        row, made = OverdueStep.objects.get_or_create(
            problem=problem, level=step, defaults={"escalated_at": now}
        )
        if made:
            rows.append(row)
            if tell:
                notify.escalated(problem, step, today)
    return rows
