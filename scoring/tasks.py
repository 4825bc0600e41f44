"""Celery tasks of the scoring app: thin, taking ids, safe to run twice (the service decides
what is due and writes only what changed)."""

from celery import shared_task
from django.db import InterfaceError, OperationalError

from . import due


@shared_task(autoretry_for=(OperationalError, InterfaceError), retry_backoff=True, max_retries=5)
def score_due_weeks(campaign_id: int | None = None) -> list[str]:
    """Score every week whose deadline has passed and that has no scores yet, and rescore the
    weeks whose reports changed since; one line per week scored."""
    outcomes = due.score_due_weeks(campaign_ids=None if campaign_id is None else [campaign_id])
    return [str(outcome) for outcome in outcomes]
