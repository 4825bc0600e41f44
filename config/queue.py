"""Queue a task after the transaction commits, without letting a broker outage fail the request:
what the user did is already saved; the message is logged and the beat jobs catch up."""

import logging

from django.db import transaction

log = logging.getLogger(__name__)


def enqueue_on_commit(task, *args, **kwargs) -> None:
    def send():
        try:
            task.delay(*args, **kwargs)
        except Exception:  # the broker is down or unreachable: log, never lose the write
            log.exception("could not queue %s%r", task.name, args)

    transaction.on_commit(send)
