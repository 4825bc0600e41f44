"""How far an overdue problem has climbed. Pure date arithmetic, no database.

A deadline is a day in Asia/Shanghai: the problem is overdue from midnight after it. On the first
day overdue it climbs to the department's head; after ``step_days`` more days to the project's
responsible leader; after ``step_days`` more to the biweekly dispatch meeting, where it stays.
"""

import datetime as dt

from django.conf import settings

from .choices import Level

TOP = Level.MEETING


def default_step_days() -> int:
    """Days between levels when the route does not say: settings.PROBLEM_ESCALATION_DAYS."""
    return settings.PROBLEM_ESCALATION_DAYS


def default_days_to_solve() -> int:
    """The deadline of a problem no route covers: settings.PROBLEM_DAYS_TO_SOLVE."""
    return settings.PROBLEM_DAYS_TO_SOLVE


def days_overdue(deadline: dt.date, today: dt.date) -> int:
    return max((today - deadline).days, 0)


def level_for(deadline: dt.date, today: dt.date, step_days: int) -> Level:
    """The level of a problem due on ``deadline`` seen on ``today`` (both local dates)."""
    if step_days < 1:
        raise ValueError("step_days must be at least 1")
    late = days_overdue(deadline, today)
    if late == 0:
        return Level.DEPARTMENT
    return Level(min(int(TOP), 1 + (late - 1) // step_days))


def next_climb(deadline: dt.date, step_days: int, level: int) -> dt.date | None:
    """The first day on which a problem at ``level`` climbs one more; None at the top."""
    if level >= TOP:
        return None
    return deadline + dt.timedelta(days=1 + level * step_days)
