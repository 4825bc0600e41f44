"""Helpers of the outbox tests: send what is due now in this process, as a worker would."""

import datetime as dt

import time_machine
from django.utils import timezone

from outbox import delivery
from outbox.models import Message


def send_due() -> list[int]:
    """Send every message due now (this process is the worker); the ids sent."""
    now = timezone.now()
    ids = Message.objects.filter(delivery.due_q(now)).order_by("pk").values_list("pk", flat=True)
    return [pk for pk in list(ids) if delivery.message_send(pk)]


def send_due_after(minutes: int = 61) -> list[int]:
    """Send what is due once the batch window (60 minutes by default) has passed."""
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=minutes), tick=False):
        return send_due()
