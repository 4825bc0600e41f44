"""Celery tasks of the scoring app: thin, taking ids, safe to run twice (the service decides
what is due and writes only what changed)."""

from celery import shared_task
from django.db import InterfaceError, OperationalError

from outbox.queue import enqueue

from . import due


@shared_task(autoretry_for=(OperationalError, InterfaceError), retry_backoff=True, max_retries=5)
def score_due_weeks(campaign_id: int | None = None) -> list[str]:
    """Score every week whose deadline has passed and that has no scores yet, and rescore the
    weeks whose reports changed since; one line per week scored."""
    outcomes = due.score_due_weeks(campaign_ids=None if campaign_id is None else [campaign_id])
    return [str(outcome) for outcome in outcomes]


@shared_task(autoretry_for=(OperationalError, InterfaceError), retry_backoff=True, max_retries=5)
def score_due_campaigns() -> list[int]:
    """The beat's entry: one ``score_due_weeks`` task per campaign with a week to score, so a
    province's districts (independent campaigns) are scored side by side by every worker
    there is, not one after another by one. The ids of the campaigns queued."""
    ids = due.campaigns_to_score()
    for campaign_id in ids:
        enqueue("scoring.tasks.score_due_weeks", campaign_id)
    return ids
