"""Celery tasks of the loop: thin, take ids, call a service, safe to run twice."""

from celery import shared_task

from . import escalation


@shared_task(name="problems.escalate")
def escalate_problems() -> int:
    """Beat, hourly: raise overdue problems to their level (the outbox tells the people)."""
    return len(escalation.problems_escalate())
