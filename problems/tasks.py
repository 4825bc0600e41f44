"""Celery tasks of the loop: thin, take ids, call a service, safe to run twice."""

from celery import shared_task

from . import overdue


@shared_task(name="problems.overdue_climb")
def overdue_climb() -> int:
    """Beat, hourly: raise overdue problems to their level (the outbox tells the people)."""
    return len(overdue.overdue_climb())


@shared_task(name="problems.escalate")
def escalate_problems() -> int:
    """The task's old name, kept registered so messages queued under it on a live system run."""
    return overdue_climb()
