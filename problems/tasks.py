"""Celery tasks of the loop: thin, take ids, call a service, safe to run twice."""

from celery import shared_task

from . import escalation


@shared_task(name="problems.escalate")
def escalate_problems() -> int:
    """Beat, hourly: raise overdue problems to their level; re-queue mails still owed."""
    created = escalation.problems_escalate()
    for pk in escalation.unsent_mail_ids():
        send_escalation_mail.delay(pk)
    return len(created)


@shared_task(
    name="problems.send_escalation_mail",
    autoretry_for=(Exception,),
    retry_backoff=60,
    retry_backoff_max=3600,
    max_retries=6,
)
def send_escalation_mail(escalation_id: int) -> bool:
    return escalation.escalation_mail_send(escalation_id)
