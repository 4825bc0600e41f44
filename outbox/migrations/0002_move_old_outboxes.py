"""Moves the three old outboxes into this one, row for row (nothing is dropped):

- reports' ``Delivery`` rows (one e-mail of a report per recipient and resend) become report
  messages keyed as the new code keys them, so a period already sent is never sent again;
- reports' ``Reminder`` send state becomes one reminder message per recipient;
- problems' ``Escalation`` mail state becomes one message per level reached.

States map one to one; a row left "sending" by a dead worker becomes failed, due again and
marked uncertain (the new sweep's rule); a row that failed for good stays failed with its error,
for a person to retry on the operations page.
"""

import datetime as dt

from django.db import migrations
from django.utils import timezone

GIVE_UP = dt.timedelta(hours=24)


def _state(old: str, now):
    """(status, due_at, uncertain) of the new row from an old status."""
    if old in ("ready", "pending"):
        return "ready", now, False
    if old == "sending":
        return "failed", now, True
    if old == "sent":
        return "sent", None, False
    if old == "skipped":
        return "skipped", None, False
    return "failed", None, False


def forwards(apps, schema_editor):
    Message = apps.get_model("outbox", "Message")
    Delivery = apps.get_model("reports", "Delivery")
    Reminder = apps.get_model("reports", "Reminder")
    Escalation = apps.get_model("problems", "Escalation")
    User = apps.get_model("accounts", "User")
    now = timezone.now()
    rows = []
    for d in Delivery.objects.select_related("report", "campaign__region").iterator():
        status, due, uncertain = _state(d.status, now)
        period_key = f"report:{d.campaign_id}:{d.kind}:{d.period}:{d.resend}"
        rows.append(
            Message(
                kind="report_published",
                channel="email",
                address=d.email,
                region_id=d.campaign.region_id,
                key=f"{period_key}:email:{d.email}",
                ref=f"report:{d.report_id}",
                subject=f"{d.kind} {d.period}",
                events=[{"title": f"{d.kind} {d.period}", "url": "", "at": d.created_at.isoformat()}],
                context={"report_id": d.report_id, "resend": d.resend > 0},
                status=status,
                attempts=d.attempts,
                last_error=d.last_error,
                uncertain=uncertain,
                created_at=d.created_at,
                due_at=due,
                claimed_at=d.claimed_at,
                sent_at=d.sent_at or (now if status == "sent" else None),
                give_up_at=max(d.created_at + GIVE_UP, now + GIVE_UP) if due else d.created_at + GIVE_UP,
                requested_by_id=d.requested_by_id,
            )
        )
    for r in Reminder.objects.select_related("campaign__region", "unit").iterator():
        status, due, uncertain = _state(r.status, now)
        for address in r.recipients.split():
            rows.append(
                Message(
                    kind="reminder",
                    channel="email",
                    address=address,
                    region_id=r.campaign.region_id,
                    key=f"reminder:{r.pk}:email:{address}",
                    ref=f"reminder:{r.pk}",
                    subject=f"{r.unit.name} {r.week}",
                    events=[{"title": f"{r.unit.name}：{r.week}周报尚有{r.missing}个项目未提交", "url": "", "at": r.created_at.isoformat()}],
                    context={"reminder_id": r.pk},
                    status=status,
                    attempts=r.attempts,
                    last_error=r.last_error,
                    uncertain=uncertain,
                    created_at=r.created_at,
                    due_at=due,
                    claimed_at=r.claimed_at,
                    sent_at=r.sent_at or (now if status == "sent" else None),
                    give_up_at=r.created_at + GIVE_UP,
                )
            )
    for e in Escalation.objects.select_related("problem__project__campaign__region").iterator():
        status, due, uncertain = _state(e.mail_status, now)
        problem = e.problem
        addresses = [a.strip() for a in e.recipients.split(",") if a.strip()]
        if not addresses and status in ("ready", "failed"):
            # Never sent: the people of its level now (the same rule as problems.notify).
            region = problem.project.campaign.region_id
            if e.level == 1 and problem.department_id:
                staff = User.objects.filter(unit_id=problem.department_id, is_active=True)
                people = staff.filter(is_head=True) or staff.filter(role="handler")
            elif e.level == 2:
                people = User.objects.filter(role="leader", leader_id=problem.project.leader_id)
            else:
                people = User.objects.filter(role="supervisor", region_id=region)
            addresses = sorted({p.email.lower() for p in people if p.email and p.is_active})
        for address in addresses or ["-"]:
            rows.append(
                Message(
                    kind="problem_escalated",
                    channel="email",
                    address=address,
                    region_id=problem.project.campaign.region_id,
                    key=f"escalation:{e.pk}:email:{address}",
                    ref=f"problem:{problem.pk}",
                    subject=problem.title[:200],
                    events=[{"title": f"{problem.project.name}：{problem.title}，逾期升级（第{e.level}级）", "url": f"/problems/{problem.pk}/", "at": e.escalated_at.isoformat()}],
                    status=status if address != "-" else "skipped",
                    attempts=e.attempts,
                    last_error=e.last_error or ("nobody to tell" if address == "-" else ""),
                    uncertain=uncertain,
                    created_at=e.escalated_at,
                    due_at=due if address != "-" else None,
                    claimed_at=e.mail_claimed_at,
                    sent_at=e.mail_sent_at or (now if status == "sent" else None),
                    give_up_at=max(e.escalated_at + GIVE_UP, now + GIVE_UP),
                )
            )
    Message.objects.bulk_create(rows, batch_size=500, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [
        ("outbox", "0001_initial"),
        ("accounts", "0004_user_mobile_channels"),
        ("reports", "0002_round_closed_at"),
        ("problems", "0002_problem_deadline_idx"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
