"""The old outboxes move into this one row for row: a report's deliveries (so a period already
sent is not sent again), its reminders, and the escalations' mail state."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from tests.migrations import migrate_back, old_register

BEFORE = [
    ("outbox", "0001_initial"),
    ("reports", "0002_round_closed_at"),
    ("problems", "0002_problem_deadline_idx"),
    ("accounts", "0004_user_mobile_channels"),
]
AFTER = [("outbox", "0002_move_old_outboxes")]


@pytest.mark.django_db(transaction=True)
def test_the_old_rows_become_messages(back_to_today):
    executor, old = migrate_back(BEFORE)
    register = old_register(old, email="sup@example.gov.cn")
    unit, user = register.unit, register.user
    campaign, project = register.campaign, register.project
    now = timezone.now()
    report = old.get_model("reports", "Report").objects.create(
        campaign=campaign,
        kind="weekly",
        period="2026-W47",
        period_start=dt.date(2026, 11, 16),
        period_end=dt.date(2026, 11, 22),
        snapshot={},
    )
    Delivery = old.get_model("reports", "Delivery")
    common = {"report": report, "campaign": campaign, "kind": "weekly", "period": "2026-W47"}
    Delivery.objects.create(**common, email="a@example.gov.cn", status="sent", sent_at=now)
    Delivery.objects.create(**common, email="b@example.gov.cn", status="sending", claimed_at=now)
    Delivery.objects.create(**common, email="c@example.gov.cn", status="failed", last_error="421")
    problem = old.get_model("problems", "Problem").objects.create(
        project=project,
        category="land",
        title="用地",
        need="协调",
        status="unrouted",
        deadline=dt.date(2026, 11, 30),
        raised_by=user,
    )
    old.get_model("problems", "Escalation").objects.create(
        problem=problem, level=3, mail_status="pending"
    )
    old.get_model("reports", "Reminder").objects.create(
        campaign=campaign,
        unit=unit,
        week=dt.date(2026, 11, 16),
        recipients="r@example.gov.cn",
        status="sent",
        sent_at=now,
    )

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    Message = new.get_model("outbox", "Message")
    reports = {m.address: m for m in Message.objects.filter(kind="report_published")}
    assert reports["a@example.gov.cn"].status == "sent"
    assert reports["a@example.gov.cn"].key == (
        f"report:{campaign.pk}:weekly:2026-W47:0:email:a@example.gov.cn"  # today's key
    )
    assert (reports["b@example.gov.cn"].status, reports["b@example.gov.cn"].uncertain) == (
        "failed",
        True,
    )
    assert reports["b@example.gov.cn"].due_at is not None  # sent again, on record
    assert (
        reports["c@example.gov.cn"].status == "failed"
        and reports["c@example.gov.cn"].due_at is None
    )
    [escalated] = Message.objects.filter(kind="problem_escalated")
    assert (escalated.address, escalated.status) == ("sup@example.gov.cn", "ready")
    [reminded] = Message.objects.filter(kind="reminder")
    assert (reminded.address, reminded.status) == ("r@example.gov.cn", "sent")
