"""The outbox's rules without a worker: batching, once-only keys, one claim, the settle, the
sweep's recovery of a dead worker's claim, the give-up deadline, and people's channels."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.db import transaction
from django.utils import timezone

from accounts.choices import Role
from outbox import delivery, notify
from outbox.choices import Channel, Kind, Status
from outbox.models import Message
from projects.weeks import SHANGHAI
from tests.factories import UserFactory

from .helpers import send_due

pytestmark = pytest.mark.django_db
NINE = dt.datetime(2026, 11, 18, 9, 0, tzinfo=SHANGHAI)


def routed(handler, n: int, now):
    return notify(
        kind=Kind.PROBLEM_ROUTED,
        title=f"问题{n}已转至你单位",
        path=f"/problems/{n}/",
        users=[handler],
        now=now,
    )


def test_ten_events_in_an_hour_make_one_message_listing_ten(handler):
    for n in range(10):  # one every five minutes, 09:00 to 09:45
        with time_machine.travel(NINE + dt.timedelta(minutes=5 * n), tick=False):
            routed(handler, n, timezone.now())
    [message] = Message.objects.all()
    assert len(message.events) == 10 and message.batch_open
    with time_machine.travel(NINE + dt.timedelta(minutes=59), tick=False):
        assert send_due() == []  # the hour is not over
    with time_machine.travel(NINE + dt.timedelta(minutes=60, seconds=1), tick=False):
        assert send_due() == [message.pk]
    [email] = mail.outbox
    assert "10" in email.subject
    for n in range(10):
        assert f"问题{n}已转至你单位" in email.body
        assert f"http://127.0.0.1:8000/problems/{n}/" in email.body
    # An eleventh event after the send opens the next message: an hour later, not at once.
    with time_machine.travel(NINE + dt.timedelta(minutes=61), tick=False):
        routed(handler, 10, timezone.now())
    newer = Message.objects.exclude(pk=message.pk).get()
    assert newer.due_at == NINE + dt.timedelta(minutes=121)
    assert len(newer.events) == 1


def test_a_kind_is_batched_per_person_and_kind(handler, reporter):
    routed(handler, 1, NINE)
    routed(reporter, 2, NINE)
    notify(kind=Kind.PROBLEM_ANSWERED, title="已答复", users=[handler], now=NINE)
    assert Message.objects.count() == 3


def test_once_makes_a_call_idempotent_and_due_at_once(handler):
    first = notify(
        kind=Kind.REPORT_RETURNED, title="退回", users=[handler], once="returned:1", now=NINE
    )
    again = notify(
        kind=Kind.REPORT_RETURNED, title="退回", users=[handler], once="returned:1", now=NINE
    )
    assert first == again and Message.objects.count() == 1
    assert Message.objects.get().due_at == NINE


def test_people_get_the_channels_they_chose(department):
    both = UserFactory(
        username="both",
        role=Role.HANDLER,
        unit=department,
        region=department.region,
        mobile="13900000000",
        by_sms=True,
    )
    neither = UserFactory(
        username="neither", role=Role.HANDLER, unit=department, region=department.region
    )
    neither.by_email = False
    inactive = UserFactory(
        username="gone", role=Role.HANDLER, unit=department, region=department.region
    )
    inactive.is_active = False
    notify(kind=Kind.PROBLEM_ROUTED, title="t", users=[both, neither, inactive], now=NINE)
    assert sorted(Message.objects.values_list("channel", "address")) == [
        (Channel.EMAIL, both.email),
        (Channel.SMS, "13900000000"),
    ]


def test_one_claim_wins(handler):
    [pk] = notify(kind=Kind.REPORT_RETURNED, title="退回", users=[handler], once="r", now=NINE)
    with time_machine.travel(NINE, tick=False):
        assert delivery.claim(pk) is True
        assert delivery.claim(pk) is False
    message = Message.objects.get()
    assert (message.status, message.attempts) == (Status.SENDING, 1)


def test_a_dead_workers_claim_is_sent_again_and_marked(handler, settings):
    settings.OUTBOX_STALE_SECONDS = 300
    [pk] = notify(kind=Kind.REPORT_RETURNED, title="退回", users=[handler], once="r", now=NINE)
    with time_machine.travel(NINE, tick=False):
        delivery.claim(pk)  # … and the worker is killed before it settles
    with time_machine.travel(NINE + dt.timedelta(minutes=4), tick=False):
        assert delivery.recover_stale(timezone.now()) == 0  # it may still be sending
    with time_machine.travel(NINE + dt.timedelta(minutes=6), tick=False):
        assert delivery.recover_stale(timezone.now()) == 1
        assert send_due() == [pk]
    message = Message.objects.get()
    assert (message.status, message.uncertain, message.attempts) == (Status.SENT, True, 2)
    assert len(mail.outbox) == 1


def test_the_sweep_queues_what_is_due_once_per_period(handler, django_capture_on_commit_callbacks):
    [pk] = notify(kind=Kind.REPORT_RETURNED, title="退回", users=[handler], once="r", now=NINE)
    Message.objects.filter(pk=pk).update(queued_at=None)  # its queue message was lost
    with time_machine.travel(NINE + dt.timedelta(minutes=1), tick=False):
        with django_capture_on_commit_callbacks() as queued:
            assert delivery.sweep() == 1
            assert delivery.sweep() == 0  # queued a moment ago: not again
    assert len(queued) == 1


def test_retry_after_giving_up(handler):
    [pk] = notify(kind=Kind.REPORT_RETURNED, title="退回", users=[handler], once="r", now=NINE)
    Message.objects.filter(pk=pk).update(status=Status.FAILED, due_at=None, last_error="x")
    with time_machine.travel(NINE + dt.timedelta(days=2), tick=False):
        with transaction.atomic():
            assert delivery.retry(messages=Message.objects.all()) == 1
        assert send_due() == [pk]
    assert len(mail.outbox) == 1


def test_nothing_is_sent_from_the_request(handler, django_capture_on_commit_callbacks):
    """notify writes rows; the send is only queued, after the commit."""
    with django_capture_on_commit_callbacks(execute=False) as queued:
        notify(kind=Kind.REPORT_RETURNED, title="退回", users=[handler], once="r", now=NINE)
    assert len(queued) == 1 and mail.outbox == []
    assert Message.objects.get().status == Status.READY
