"""Thin tasks of the outbox: send one message (by id), and the sweep. Both safe to run twice:
the claim decides who sends, and every outcome is recorded on the row, so neither raises."""

from celery import shared_task

from . import delivery


@shared_task(name="outbox.send", acks_late=True)
def send(message_id: int) -> bool:
    return delivery.message_send(message_id)


@shared_task(name="outbox.send_many", acks_late=True)
def send_many(message_ids: list[int]) -> int:
    """The sweep's chunk of due messages, sent one after the other."""
    return delivery.messages_send(message_ids)


@shared_task(name="outbox.sweep")
def sweep() -> int:
    """Beat: recover claims of dead workers, queue every message that is due (new, batch
    window over, retry time come)."""
    return delivery.sweep()
