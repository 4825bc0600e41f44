"""Celery tasks of the reports app: thin, taking ids and calling services, safe to run twice.

The e-mails (and SMS) of a report are the outbox's: its sweep sends and retries them.
"""

from celery import shared_task

from . import due, reminders, services


@shared_task
def build_due_reports() -> list[str]:
    """Beat, hourly: build the reports whose period is due; run rebuilds whose task was lost."""
    built = due.build_due_reports()
    for pk in services.rebuilds_waiting():
        services.rebuild_run(pk)
    return [str(report) for report in built]


@shared_task
def remind_reporters() -> int:
    """Beat, hourly: remind the units whose weekly reports are missing as the deadline nears."""
    return len(reminders.reminders_create())


@shared_task(name="reports.rebuild")
def rebuild_report(rebuild_id: int) -> int | None:
    """A supervisor's correction, built in the worker (it takes seconds)."""
    new = services.rebuild_run(rebuild_id)
    return new.pk if new else None
