"""Thin tasks of the ladder: run it for the latest scored weeks (its messages go by the outbox)."""

from celery import shared_task


@shared_task
def run_ladder() -> list[str]:
    """After each scoring: every campaign's latest scored week (safe to run again)."""
    from .due import run_latest

    return run_latest()


@shared_task
def climb_notices() -> int:
    """Hourly: notices unsigned or unanswered past their deadline climb a level (idempotent)."""
    from .services import notices_climb

    return len(notices_climb())
