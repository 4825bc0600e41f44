"""Exactly once: built and sent twice, or by two workers at once, a recipient gets one mail per
period; a resend is one more; a mail server that is down for a while gets the mail once."""

import threading
import time

import pytest
from django.core import mail

from reports import delivery, periods
from reports.choices import DeliveryStatus, ReportKind
from reports.models import Delivery
from reports.services import ReportError, report_build
from reports.tasks import send_delivery

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
    # The schedule runs again: the period is built, nothing more is sent.
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ReportError):
        report_build(campaign=district, period=PERIOD, first_only=True)
    # Someone queues the same deliveries again (a lost task, a double click): still one each.
    with django_capture_on_commit_callbacks(execute=True):
        delivery.deliveries_create(report=report)
    for item in Delivery.objects.all():
        assert send_delivery.apply(args=[item.pk]).get() is False
    assert len(mail.outbox) == 3
    assert set(Delivery.objects.values_list("status", flat=True)) == {DeliveryStatus.SENT}


@pytest.mark.django_db
def test_a_correction_is_a_new_revision_and_sends_nothing_unless_asked(
    district, eager, supervisor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = report_build(campaign=district, period=PERIOD, first_only=True)
        second = report_build(campaign=district, period=PERIOD, user=supervisor, reason="更正")
    assert (first.revision, second.revision) == (1, 2)
    assert len(mail.outbox) == 3  # the correction went to nobody
    with django_capture_on_commit_callbacks(execute=True):
        delivery.resend(report=second, user=supervisor, emails=["a@example.gov.cn"])
    assert len(mail.outbox) == 4
    assert "【重发】" in mail.outbox[-1].subject and "第2版" in mail.outbox[-1].subject
    resent = Delivery.objects.get(resend=1)
    assert resent.report == second and resent.requested_by == supervisor


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


@pytest.mark.django_db
def test_a_mail_server_down_for_a_while_gets_the_mail_once(district, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    report = report_build(campaign=district, period=PERIOD, first_only=True)
    item = Delivery.objects.filter(report=report).order_by("email").first()
    with FlakySMTPServer(refuse=2) as server:
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
        # Eager apply runs the task's retries at once (the backoff is the worker's business).
        result = send_delivery.apply(args=[item.pk])
    assert result.get() is True
    assert server.connections == 3
    assert server.recipients() == [item.email]
    _to, message = server.messages[0]
    assert any(part.get_filename(failobj="").endswith(".pdf") for part in message.walk())
    item.refresh_from_db()
    assert (item.status, item.attempts) == (DeliveryStatus.SENT, 3)
    assert "421" in Delivery.objects.get(pk=item.pk).last_error or item.last_error == ""


@pytest.mark.django_db
def test_a_mail_server_down_too_long_marks_the_delivery_failed(district, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    report = report_build(campaign=district, period=PERIOD, first_only=True)
    item = report.deliveries.first()
    with FlakySMTPServer(refuse=100) as server:
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
        result = send_delivery.apply(args=[item.pk])
    assert result.failed()
    item.refresh_from_db()
    assert item.status == DeliveryStatus.FAILED
    assert item.attempts == send_delivery.max_retries + 1
    assert "SMTP" in item.last_error
    assert server.messages == []


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_send_each_mail_once(campaign, unit, leader, monkeypatch):
    """Two threads, each with its own database connection, claim the same deliveries."""
    monkeypatch.setattr(delivery, "_queue", lambda ids: None)  # the threads are the workers
    small_district(campaign, unit, leader)
    mailing_list(campaign.region, ReportKind.WEEKLY, *LIST)
    report = report_build(campaign=campaign, period=PERIOD, first_only=True)
    ids = list(report.deliveries.values_list("pk", flat=True))
    barrier = threading.Barrier(2)

    def worker():
        from django.db import OperationalError, connections

        try:
            barrier.wait()
            for pk in ids:
                for _attempt in range(100):
                    try:
                        delivery.delivery_send(pk)
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
    assert not report.deliveries.filter(status=DeliveryStatus.READY).exists()
