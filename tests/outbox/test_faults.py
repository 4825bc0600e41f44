"""Faults with real processes: a PRIVATE redis-server (stopped and started by these tests, never
the shared one), Celery workers with beat as subprocesses on the test's PostgreSQL database, a
local SMTP server and the fake platforms. Each test ends with a count of what arrived:

- broker down while officials act, and a double-clicked resend then: exactly once each;
- SMTP and webhook down, then up: exactly once each;
- kill -9 of the worker mid-send: nothing lost; at most one extra copy per killed worker (the
  message it was sending), and that copy is recorded on the row (``uncertain``);
- two workers and two beats: exactly once each.

They run where the suite runs on PostgreSQL (CI sets DATABASE_URL and REDIS_URL).
"""

import collections
import datetime as dt
import uuid

import pytest
from django.urls import reverse

from outbox import notify, queue
from outbox.choices import Channel, Kind, Status
from outbox.models import GroupRobot, Message
from reports import periods
from reports.choices import ReportKind
from reports.services import report_build
from tests.reports.helpers import mailing_list, small_district
from tests.reports.smtp_server import FlakySMTPServer

from .fake_platforms import FakePlatforms
from .workers import PrivateRedis, need_real_services, publisher, wait_for, workers

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def redis(tmp_path, monkeypatch, settings):
    """The private broker, with this process publishing to it (as the web app would)."""
    need_real_services()
    server = PrivateRedis(tmp_path).start()
    monkeypatch.setattr(queue, "app", publisher(server.url))
    settings.OUTBOX_BATCH_MINUTES = 0  # each event its own message, due at once
    yield server
    server.stop()


@pytest.fixture
def smtp():
    with FlakySMTPServer() as server:
        yield server


@pytest.fixture
def fake(settings):
    with FakePlatforms() as platforms:
        settings.OUTBOX_WEBHOOK_HOSTS = ["127.0.0.1"]
        yield platforms


def env(smtp, fake) -> dict:
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp.port),
        "SMS_GATEWAY_URL": fake.sms_url(),
    }


def mails_per_message(smtp) -> collections.Counter:
    """How many copies of each outbox row the SMTP server accepted (by its Message-ID)."""
    found: collections.Counter[int] = collections.Counter()
    for _to, message in smtp.messages:
        pk = message["Message-ID"].strip("<>").split("@")[0].removeprefix("outbox-")
        found[int(pk)] += 1
    return found


def hooks_per_title(fake) -> collections.Counter:
    found: collections.Counter[str] = collections.Counter()
    for request in fake.requests:
        content = request["body"].get("markdown", {}).get("content", "")
        for line in content.splitlines()[1:]:
            found[line] += 1
    return found


def all_settled():
    return not Message.objects.filter(status__in=[Status.READY, Status.SENDING]).exists() and (
        not Message.objects.filter(status=Status.FAILED, due_at__isnull=False).exists()
    )


def tell(n: int, people=(), units=(), kind=Kind.PROBLEM_ROUTED):
    return notify(kind=kind, title=f"事件{n}", path=f"/problems/{n}/", users=people, units=units)


def test_broker_down_while_officials_act_then_a_double_clicked_resend(
    redis, smtp, fake, tmp_path, client, campaign, unit, leader, supervisor, handler, settings
):
    small_district(campaign, unit, leader)
    mailing_list(campaign.region, ReportKind.MONTHLY, "office@example.gov.cn")
    redis.stop()  # the broker goes down before anyone acts
    report = report_build(
        campaign=campaign, period=periods.parse("monthly", "2026-11"), first_only=True
    )
    for n in range(5):
        tell(n, people=[handler])
    client.force_login(supervisor)
    token = uuid.uuid4().hex
    form = {"token": token, "to": "email:office@example.gov.cn"}
    first = client.post(reverse("reports:resend", args=[report.pk]), form)
    second = client.post(reverse("reports:resend", args=[report.pk]), form)  # double click
    assert first.status_code == second.status_code == 302  # no server error
    assert Message.objects.filter(status=Status.READY).count() == 1 + 5 + 1  # all kept
    assert smtp.messages == []

    redis.start()  # the broker is back: the beat's sweep sends everything, once
    with workers(redis.url, tmp_path, env(smtp, fake)) as started:
        assert wait_for(all_settled, workers=started), started[0].output()
    copies = mails_per_message(smtp)
    assert set(copies.values()) == {1}
    assert len(copies) == Message.objects.count() == 7
    assert set(Message.objects.values_list("status", flat=True)) == {Status.SENT}
    to_office = [m for to, m in smtp.messages if to == ["office@example.gov.cn"]]
    assert len(to_office) == 2  # the scheduled send and one resend, not two
    pdfs = [p for m in to_office for p in m.walk() if (p.get_filename() or "").endswith(".pdf")]
    assert len(pdfs) == 2 and pdfs[0].get_payload(decode=True)[:4] == b"%PDF"


def test_smtp_and_webhook_down_for_a_while_then_up(
    redis, smtp, fake, tmp_path, department, handler, texter
):
    robot = GroupRobot.objects.create(
        unit=department, platform=Channel.WECOM, name="群", webhook=fake.wecom_url()
    )
    smtp.refuse, fake.status = 10**9, 503  # both down
    for n in range(20):
        tell(n, people=[handler, texter], units=[department])
    assert Message.objects.count() == 60
    with workers(redis.url, tmp_path, env(smtp, fake)) as started:
        # Down for a while (the backoff is shortened to 1–2 s, so these seconds are minutes):
        assert wait_for(
            lambda: Message.objects.filter(attempts__gte=3).count() == 60, workers=started
        ), started[0].output()
        assert not Message.objects.filter(status=Status.SENT).exists()
        smtp.refuse, fake.status = 0, 200  # back up
        assert wait_for(all_settled, workers=started), started[0].output()
    assert set(Message.objects.values_list("status", flat=True)) == {Status.SENT}
    assert set(mails_per_message(smtp).values()) == {1} and len(smtp.messages) == 20
    webhooks = [r for r in fake.requests if r["path"].startswith("/cgi-bin")]
    sms = [r for r in fake.requests if r["path"].startswith("/sms")]
    assert len(webhooks) == 20 and len(sms) == 20
    assert set(hooks_per_title(fake).values()) == {1}
    assert robot.message_set.count() == 20


def test_kill_9_of_the_worker_mid_send(redis, smtp, fake, tmp_path, department):
    GroupRobot.objects.create(
        unit=department, platform=Channel.WECOM, name="群", webhook=fake.wecom_url()
    )
    fake.delay = 2.0  # each webhook takes two seconds: time to kill the worker mid-send
    for n in range(6):
        tell(n, units=[department])
    with workers(redis.url, tmp_path, env(smtp, fake)) as first:
        assert wait_for(
            lambda: Message.objects.filter(status=Status.SENDING).exists(), workers=first
        ), first[0].output()
        first[0].kill()
    in_flight = set(Message.objects.filter(status=Status.SENDING).values_list("pk", flat=True))
    assert len(in_flight) == 1
    fake.delay = 0
    with workers(redis.url, tmp_path, env(smtp, fake)) as second:
        assert wait_for(all_settled, workers=second), second[0].output()
    arrived = hooks_per_title(fake)
    assert len(arrived) == 6  # nothing lost
    extra = {title: n - 1 for title, n in arrived.items() if n > 1}
    assert sum(extra.values()) <= 1  # at most once more: the message in flight at the kill
    recorded = Message.objects.filter(uncertain=True)
    assert set(recorded.values_list("pk", flat=True)) == in_flight  # and the row says so
    assert set(Message.objects.values_list("status", flat=True)) == {Status.SENT}


def test_two_workers_and_two_beats_send_each_message_once(redis, smtp, fake, tmp_path, handler):
    for n in range(150):
        notify(kind=Kind.REPORT_RETURNED, title=f"事件{n}", users=[handler], once=f"t{n}")
    # Lose every queue message first, so only the two beats' sweeps find the rows.
    Message.objects.update(queued_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    redis.stop()
    redis.start()
    with workers(redis.url, tmp_path, env(smtp, fake), count=2, beats=2) as started:
        assert wait_for(all_settled, workers=started), started[0].output()
    copies = mails_per_message(smtp)
    assert len(copies) == 150 and set(copies.values()) == {1}
    assert not Message.objects.filter(uncertain=True).exists()
