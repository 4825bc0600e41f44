"""The old outboxes move into this one row for row: a report's deliveries (so a period already
sent is not sent again), its reminders, and the escalations' mail state."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [
    ("outbox", "0001_initial"),
    ("reports", "0002_round_closed_at"),
    ("problems", "0002_problem_deadline_idx"),
    ("accounts", "0004_user_mobile_channels"),
]
AFTER = [("outbox", "0002_move_old_outboxes")]


def _others_as_far_as_they_can(executor):
    """Each other app at its newest migration that needs nothing past BEFORE in the moved apps
    (a later migration of theirs may build on what the moved apps gained since)."""
    graph = executor.loader.graph
    moved = dict(BEFORE)
    allowed = {app: set(graph.forwards_plan((app, name))) for app, name in BEFORE}

    def fits(node):
        return all(n in allowed[n[0]] for n in graph.forwards_plan(node) if n[0] in moved)

    targets = []
    for leaf in graph.leaf_nodes():
        if leaf[0] in moved:
            continue
        node = leaf
        while node is not None and not fits(node):
            same_app = [p for p in graph.node_map[node].parents if p.key[0] == node[0]]
            node = same_app[0].key if same_app else None
        targets.append(node or (leaf[0], None))
    return targets


@pytest.fixture
def back_to_today():
    """Whatever happens in the test, the database ends on today's schema (the next tests
    need it)."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_the_old_rows_become_messages(back_to_today):
    executor = MigrationExecutor(connection)
    # The other apps as far as they can go, and the old models must know their columns.
    before = BEFORE + _others_as_far_as_they_can(executor)
    executor.migrate(before)
    old = executor.loader.project_state([n for n in before if n[1] is not None]).apps
    region = old.get_model("accounts", "Region").objects.create(
        name="寒亭区", code="m", level="district"
    )
    unit = old.get_model("accounts", "Unit").objects.create(region=region, name="区住建局")
    leader = old.get_model("accounts", "Leader").objects.create(region=region, name="张")
    user = old.get_model("accounts", "User").objects.create(
        username="sup", role="supervisor", region=region, email="sup@example.gov.cn"
    )
    campaign = old.get_model("projects", "Campaign").objects.create(
        region=region, year=2026, name="2026"
    )
    project = old.get_model("projects", "Project").objects.create(
        campaign=campaign,
        unit=unit,
        leader=leader,
        name="OLED盖板项目",
        code="P1",
        category="industry",
        target="accelerate",
        stage="construction",
        total_investment=50000,
        annual_plan=12000,
    )
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
