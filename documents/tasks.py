"""Thin task: send one queued message with the shared mail helper, retrying SMTP failures."""

import smtplib

from celery import shared_task

from config.mail import send_message as mail_send


@shared_task(autoretry_for=(smtplib.SMTPException, OSError), retry_backoff=True, max_retries=6)
def send_message(message: str, context: dict, to: list[str]) -> int:
    mail_send(message, context, to)
    return len(to)
