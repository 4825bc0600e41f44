"""Sending what the outbox holds: one claim, one settle, one sweep.

- **claim**: ``UPDATE … SET status='sending' WHERE pk=… AND status IN (ready, failed) AND
  due_at <= now``. One caller wins, however many workers, beats or queued copies of the task
  try at once; the winner's claim is committed before anything leaves the machine.
- **settle**: right after the adapter returns, one UPDATE: sent (with the receipt), or failed
  with the error and — for a temporary error before ``give_up_at`` — the next try's time
  (``OUTBOX_BACKOFF`` doubled per attempt, at most ``OUTBOX_BACKOFF_MAX``). A permanent error
  (4xx, bad signature, no address) or the deadline leaves it failed with ``due_at`` empty.
- **sweep** (beat, every ``OUTBOX_SWEEP_SECONDS``): a claim older than ``OUTBOX_STALE_SECONDS``
  (longer than any send's timeouts) is a worker that died mid-send: it goes back to be sent
  again and is marked ``uncertain``. Then every message due (new, batch window over, or retry
  time come) and not queued in the last ``OUTBOX_REQUEUE_SECONDS`` is queued (again): a lost
  queue message or a broker outage only delays it.

**A crash between "the server accepted" and "we recorded it".** We chose *at least once*: the
message is sent again after ``OUTBOX_STALE_SECONDS`` and marked "may have arrived twice" on the
operations page, because a lost warning to an official is worse than a repeated one. The window
is kept to the time between the server's "OK" and one UPDATE of one row by primary key in
autocommit (well under a millisecond of work; nothing else is done in between: no logging, no
other query), and the e-mail's fixed Message-ID lets mail clients fold the copy. So a kill -9
costs at most one extra copy per message in flight at that instant — with one send at a time per
worker process, at most one per killed process — and the copy is recorded.
"""

import datetime as dt
import logging

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from .channels import Permanent, SendError, adapter
from .choices import Status, spec
from .models import Message
from .queue import enqueue

log = logging.getLogger(__name__)
SEND_TASK = "outbox.send"
SEND_MANY_TASK = "outbox.send_many"
SWEEP_LIMIT = 5000
CHUNK = 25  # the sweep queues due messages in chunks: one task sends each of them in turn


def due_q(now: dt.datetime) -> Q:
    return Q(status__in=[Status.READY, Status.FAILED], due_at__lte=now)


def claim(pk: int, now: dt.datetime | None = None) -> bool:
    """Ready (or failed, its retry time come) → sending; true for exactly one caller."""
    now = now or timezone.now()
    return (
        Message.objects.filter(due_q(now), pk=pk).update(
            status=Status.SENDING,
            batch_open=False,
            claimed_at=now,
            attempts=F("attempts") + 1,
        )
        == 1
    )


def backoff(attempts: int) -> dt.timedelta:
    seconds = settings.OUTBOX_BACKOFF * 2 ** max(attempts - 1, 0)
    return dt.timedelta(seconds=min(seconds, settings.OUTBOX_BACKOFF_MAX))


def _relaxed_commit() -> None:
    """On PostgreSQL, the settle's commit does not wait for the disk (synchronous_commit off
    for this one transaction). Only a crash of the database server itself can lose it, and
    then the row is still "sending": recovered, sent again and marked uncertain, the same rule
    as a worker's crash. The claim keeps the full guarantee: it is what stops a double send."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


@transaction.atomic
def settle(message: Message, error: Exception | None = None, receipt: str = "") -> None:
    """Record the outcome of one attempt, in one UPDATE of the claimed row."""
    now = timezone.now()
    _relaxed_commit()
    mine = Message.objects.filter(pk=message.pk, status=Status.SENDING)
    if error is None:
        mine.update(status=Status.SENT, sent_at=now, due_at=None, receipt=receipt[:200])
        return
    again = now + backoff(message.attempts)
    retry = getattr(error, "retry", True) and again < message.give_up_at
    mine.update(
        status=Status.FAILED,
        due_at=again if retry else None,
        queued_at=None,  # the sweep queues the retry when its time comes
        last_error=f"{type(error).__name__}: {error}"[:2000],
    )


def skip(message: Message, reason: str) -> None:
    Message.objects.filter(pk=message.pk, status=Status.SENDING).update(
        status=Status.SKIPPED, due_at=None, last_error=reason[:2000]
    )


def still_wanted(message: Message) -> bool:
    from django.utils.module_loading import import_string

    guard = spec(message.kind).guard
    return import_string(guard)(message) if guard else True


def message_send(pk: int) -> bool:
    """Send one message if this caller wins the claim; True when it was sent now."""
    if not claim(pk):
        return False
    message = Message.objects.select_related("robot").get(pk=pk)
    try:
        if not still_wanted(message):
            skip(message, "no longer needed when its turn came")
            return False
        if not message.address:
            raise Permanent("no address")
        receipt = adapter(message.channel)(message)
    except Exception as exc:  # every outcome is recorded on the row; nothing is raised
        settle(message, exc)
        level = logging.INFO if isinstance(exc, SendError) else logging.ERROR
        log.log(level, "message %s (%s) failed: %s", pk, message.channel, exc)
        return False
    settle(message, None, receipt)
    return True


def recover_stale(now: dt.datetime) -> int:
    """Claims left by a worker that died mid-send: due again at once, marked uncertain."""
    cutoff = now - dt.timedelta(seconds=settings.OUTBOX_STALE_SECONDS)
    return Message.objects.filter(status=Status.SENDING, claimed_at__lt=cutoff).update(
        status=Status.FAILED,
        due_at=now,
        queued_at=None,
        uncertain=True,
        last_error="the worker stopped while sending; sent again (it may arrive twice)",
    )


def sweep(now: dt.datetime | None = None) -> int:
    """Recover stale claims, then queue every due message not queued lately.
    Two sweeps at once take disjoint rows (skip locked). Returns how many were queued."""
    now = now or timezone.now()
    recover_stale(now)
    recent = now - dt.timedelta(seconds=settings.OUTBOX_REQUEUE_SECONDS)
    with transaction.atomic():
        ids = list(
            Message.objects.filter(due_q(now))
            .filter(Q(queued_at__isnull=True) | Q(queued_at__lt=recent))
            .select_for_update(skip_locked=True)
            .order_by("due_at")
            .values_list("pk", flat=True)[:SWEEP_LIMIT]
        )
        Message.objects.filter(pk__in=ids).update(queued_at=now)
        for start in range(0, len(ids), CHUNK):
            enqueue(SEND_MANY_TASK, ids[start : start + CHUNK])
    return len(ids)


def messages_send(ids: list[int]) -> int:
    """Send each of ``ids`` in turn (each claimed on its own, just before its send, so a crash
    leaves at most the one in flight uncertain); how many were sent now."""
    return sum(1 for pk in ids if message_send(pk))


def retry(*, messages, user=None) -> int:
    """A person's "retry": failed messages due again now, with a fresh deadline; queued."""
    now = timezone.now()
    give_up = now + dt.timedelta(hours=settings.OUTBOX_GIVE_UP_HOURS)
    with transaction.atomic():
        ids = list(messages.filter(status=Status.FAILED).values_list("pk", flat=True))
        Message.objects.filter(pk__in=ids, status=Status.FAILED).update(
            due_at=now, give_up_at=give_up, queued_at=now
        )
        for pk in ids:
            enqueue(SEND_TASK, pk)
    return len(ids)
