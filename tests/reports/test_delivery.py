"""Exactly once through the outbox: built and sent twice, or by two workers at once, a recipient
gets one mail per period; a resend is one more (however often its button is pressed); a mail
server that is down for a while gets the mail once; down past the deadline it stays failed."""

import datetime as dt
import threading
import time
import uuid

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from outbox import delivery as outbox_delivery
from outbox.choices import Kind, Status
from outbox.models import Message
from reports import delivery, periods
from reports.choices import ReportKind
from reports.services import ReportError, report_build
from tests.outbox.helpers import send_due

from .helpers import mailing_list, reader, small_district
from .smtp_server import FlakySMTPServer

PERIOD = periods.parse("weekly", "2026-W47")
LIST = ("a@example.gov.cn", "b@example.gov.cn", "c@example.gov.cn")


@pytest.fixture
def eager(settings):
    """Run queued tasks in-process, as a worker would, right after the commit."""
    from config.celery_app import app

    app.conf.task_always_eager = True
    yield app
    app.conf.task_always_eager = False


@pytest.fixture
def district(campaign, unit, leader):
    small_district(campaign, unit, leader)
    mailing_list(campaign.region, ReportKind.WEEKLY, *LIST)
    return campaign


def report_messages():
    return Message.objects.filter(kind=Kind.REPORT_PUBLISHED)


@pytest.mark.django_db
def test_built_and_sent_twice_gives_one_mail_per_recipient(
    district, eager, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = report_build(campaign=district, period=PERIOD, first_only=True)
    assert sorted(m.to[0] for m in mail.outbox) == list(LIST)
    message = mail.outbox[0]
    assert "每周梳理" in message.subject and "2026年第47周" in message.subject
    assert message.attachments[0][0].endswith(".pdf")
    assert message.attachments[0][1][:4] == b"%PDF"
    assert "text/html" in message.alternatives[0][1]
    assert f"http://127.0.0.1:8000/reports/archive/{report.pk}/" in message.body
    # The schedule runs again: the period is built, nothing more is sent.
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ReportError):
        report_build(campaign=district, period=PERIOD, first_only=True)
    # Someone queues the same deliveries again (a lost task, a double click): still one each.
    with django_capture_on_commit_callbacks(execute=True):
        delivery.deliveries_create(report=report)
    for item in report_messages():
        assert outbox_delivery.message_send(item.pk) is False
    assert len(mail.outbox) == 3
    assert set(report_messages().values_list("status", flat=True)) == {Status.SENT}


@pytest.mark.django_db
def test_a_correction_is_a_new_revision_and_sends_nothing_unless_asked(
    district, eager, supervisor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = report_build(campaign=district, period=PERIOD, first_only=True)
        second = report_build(campaign=district, period=PERIOD, user=supervisor, reason="更正")
    assert (first.revision, second.revision) == (1, 2)
    assert len(mail.outbox) == 3  # the correction went to nobody
    assert "email:a@example.gov.cn" in dict(delivery.resend_choices(second))
    token = uuid.uuid4().hex
    for _click in range(2):  # a double click posts the same token twice
        with django_capture_on_commit_callbacks(execute=True):
            delivery.resend(
                report=second, user=supervisor, token=token, to="email:a@example.gov.cn"
            )
    assert len(mail.outbox) == 4
    assert "【重发】" in mail.outbox[-1].subject and "第2版" in mail.outbox[-1].subject
    resent = report_messages().get(context__resend=True)
    assert resent.context["report_id"] == second.pk and resent.requested_by == supervisor


@pytest.mark.django_db
def test_recipients_default_to_the_regions_supervisors_and_managers(campaign, region, reporter):
    reader(region, "mgr", "manager")
    reader(region, "sup", "supervisor")
    assert delivery.recipients(region, ReportKind.MONTHLY) == [
        "mgr@example.gov.cn",
        "sup@example.gov.cn",
    ]
    mailing_list(region, ReportKind.MONTHLY, "Office@Example.gov.cn", "mgr@example.gov.cn")
    assert delivery.recipients(region, ReportKind.MONTHLY) == [
        "office@example.gov.cn",
        "mgr@example.gov.cn",
    ]


def _smtp(settings, server):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port


@pytest.mark.django_db
def test_a_mail_server_down_for_a_while_gets_the_mail_once(district, settings):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        report_build(campaign=district, period=PERIOD, first_only=True)
    item = report_messages().order_by("address").first()
    report_messages().exclude(pk=item.pk).update(status=Status.SKIPPED, due_at=None)
    with FlakySMTPServer(refuse=2) as server:
        _smtp(settings, server)
        # The sweep runs every minute; the retries wait 60 s, then 120 s.
        for minute in range(6):
            with time_machine.travel(start + dt.timedelta(minutes=minute, seconds=1), tick=False):
                send_due()
    assert server.connections == 3
    assert server.recipients() == [item.address]
    _to, message = server.messages[0]
    assert any(part.get_filename(failobj="").endswith(".pdf") for part in message.walk())
    item.refresh_from_db()
    assert (item.status, item.attempts) == (Status.SENT, 3)


@pytest.mark.django_db
def test_a_mail_server_down_past_the_deadline_leaves_it_failed(district, settings):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        report = report_build(campaign=district, period=PERIOD, first_only=True)
    item = report_messages().first()
    with FlakySMTPServer(refuse=10_000) as server:
        _smtp(settings, server)
        for hour in range(27):  # the sweep, hourly, for more than the 24-hour deadline
            with time_machine.travel(start + dt.timedelta(hours=hour, seconds=1), tick=False):
                send_due()
    item.refresh_from_db()
    assert item.status == Status.FAILED and item.due_at is None  # visible, no longer retried
    assert 5 < item.attempts < 40
    assert "421" in item.last_error
    assert server.messages == []
    assert report.pk == item.context["report_id"]


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_send_each_mail_once(campaign, unit, leader):
    """Two threads, each with its own database connection, claim the same messages."""
    small_district(campaign, unit, leader)
    mailing_list(campaign.region, ReportKind.WEEKLY, *LIST)
    report_build(campaign=campaign, period=PERIOD, first_only=True)
    ids = list(report_messages().values_list("pk", flat=True))
    barrier = threading.Barrier(2)

    def worker():
        from django.db import OperationalError, connections

        try:
            barrier.wait()
            for pk in ids:
                for _attempt in range(100):
                    try:
                        outbox_delivery.message_send(pk)
                        break
                    except OperationalError:  # SQLite's shared cache: "table is locked"; retry
                        time.sleep(0.02)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(m.to[0] for m in mail.outbox) == list(LIST)  # one each, never two
    assert set(report_messages().values_list("status", flat=True)) == {Status.SENT}
