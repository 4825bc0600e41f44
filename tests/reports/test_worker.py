"""Integration: a real Celery worker on the real Redis mails the monthly bulletin, PDF attached,
through a local SMTP server that is down for its first connection.

Runs when REDIS_URL is set (CI sets it, with DATABASE_URL on PostgreSQL). The worker is a
subprocess, so it needs a database it can open too: the test's PostgreSQL database.
"""

import os
import subprocess
import sys
import time
import uuid
from email.header import decode_header, make_header
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection

from reports import delivery, periods
from reports.choices import DeliveryStatus, ReportKind
from reports.models import Delivery
from reports.services import report_build
from reports.tasks import send_delivery

from .helpers import mailing_list, small_district
from .smtp_server import FlakySMTPServer

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]
REDIS_URL = os.environ.get("REDIS_URL", "")
RECIPIENTS = ("office@example.gov.cn", "leader@example.gov.cn")


def database_url() -> str:
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.mark.skipif(not REDIS_URL, reason="REDIS_URL is not set (CI sets it)")
def test_a_real_worker_mails_the_monthly_bulletin(campaign, unit, leader, monkeypatch, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("the worker process cannot open the test's in-memory SQLite database")
    small_district(campaign, unit, leader)
    mailing_list(campaign.region, ReportKind.MONTHLY, *RECIPIENTS)
    queue = f"reports-test-{uuid.uuid4().hex[:8]}"  # only this test's worker takes its tasks
    log = tmp_path / "worker.log"
    with FlakySMTPServer(refuse=1) as smtp:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.local",
            "DATABASE_URL": database_url(),
            "CELERY_BROKER_URL": REDIS_URL,
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp.port),
            "MEDIA_ROOT": str(django_settings.MEDIA_ROOT),
            "VAR_DIR": str(tmp_path / "var"),
            "REPORTS_MAIL_BACKOFF": "1",
            "REPORTS_MAIL_BACKOFF_MAX": "2",
        }
        worker = subprocess.Popen(
            [
                str(Path(sys.executable).with_name("celery")),
                "-A",
                "config",
                "worker",
                "-Q",
                queue,
                "--pool",
                "solo",
                "--without-heartbeat",
                "--without-gossip",
                "--without-mingle",
                "--loglevel",
                "warning",
            ],
            cwd=django_settings.BASE_DIR,
            env=env,
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
        )
        try:
            monkeypatch.setattr(
                delivery,
                "_queue",
                lambda ids: [send_delivery.apply_async(args=[pk], queue=queue) for pk in ids],
            )
            report = report_build(
                campaign=campaign, period=periods.parse("monthly", "2026-11"), first_only=True
            )
            deadline = time.monotonic() + 120
            while len(smtp.messages) < len(RECIPIENTS) and time.monotonic() < deadline:
                assert worker.poll() is None, log.read_text()
                time.sleep(0.5)
        finally:
            worker.terminate()
            worker.wait(timeout=30)
    assert smtp.recipients() == sorted(RECIPIENTS), log.read_text()
    assert smtp.connections >= 3  # the first was refused, then one per mail
    for _to, message in smtp.messages:
        assert "每月通报" in str(make_header(decode_header(message["Subject"])))
        pdfs = [p for p in message.walk() if (p.get_filename() or "").endswith(".pdf")]
        assert pdfs and pdfs[0].get_payload(decode=True)[:4] == b"%PDF"
    statuses = set(Delivery.objects.filter(report=report).values_list("status", flat=True))
    assert statuses == {DeliveryStatus.SENT}
