"""Thin tasks of the ladder: run it for the latest scored weeks, and send its e-mails."""

import smtplib

from celery import shared_task

from . import mail


@shared_task(autoretry_for=(smtplib.SMTPException, OSError), retry_backoff=True, max_retries=6)
def send_ladder_mail(kind: str, pk: int) -> int:
    """E-mail a step of the ladder to whom it concerns; returns the number of recipients."""
    return mail.send_step(kind, pk)


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
