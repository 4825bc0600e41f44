"""Celery tasks of the reports app: thin, taking ids and calling services, safe to run twice.

Sending retries with exponential backoff while the mail server is down (settings
REPORTS_MAIL_*); the delivery row goes back to READY between tries and the claim makes sure
that whichever try runs, the recipient gets one mail.
"""

from smtplib import SMTPException

from celery import shared_task
from django.conf import settings

from . import delivery, due, reminders
from .models import Delivery, Reminder

RETRY = {
    "bind": True,
    "autoretry_for": (SMTPException, OSError),
    "retry_backoff": settings.REPORTS_MAIL_BACKOFF,
    "retry_backoff_max": settings.REPORTS_MAIL_BACKOFF_MAX,
    "max_retries": settings.REPORTS_MAIL_MAX_RETRIES,
}


@shared_task
def build_due_reports() -> list[str]:
    """Beat, hourly: build the reports whose period is due; queue mails a lost task left."""
    built = due.build_due_reports()
    for pk in delivery.stale_ids(Delivery):
        send_delivery.delay(pk)
    for pk in delivery.stale_ids(Reminder):
        send_reminder.delay(pk)
    return [str(report) for report in built]


@shared_task(**RETRY)
def send_delivery(self, delivery_id: int) -> bool:
    return delivery.delivery_send(delivery_id, final=self.request.retries >= self.max_retries)


@shared_task
def remind_reporters() -> int:
    """Beat, hourly: remind the units whose weekly reports are missing as the deadline nears."""
    ids = reminders.reminders_create()
    for pk in ids:
        send_reminder.delay(pk)
    return len(ids)


@shared_task(**RETRY)
def send_reminder(self, reminder_id: int) -> bool:
    return reminders.reminder_send(reminder_id, final=self.request.retries >= self.max_retries)


@shared_task
def rebuild_report(report_id: int, user_id: int, reason: str, send: bool) -> int:
    """A supervisor's correction, built in the worker (it takes seconds)."""
    from accounts.models import User

    from .models import Report
    from .services import report_rebuild

    report = Report.objects.get(pk=report_id)
    return report_rebuild(
        report=report, user=User.objects.get(pk=user_id), reason=reason, send=send
    ).pk
