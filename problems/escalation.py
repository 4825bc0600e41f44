"""Escalation of overdue problems in bulk, and the e-mail to the people at each level.

Safe to run twice: a problem's level only rises to what ``levels.level_for`` says for today, an
Escalation row is unique per (problem, level), and the mail of a row is claimed with a conditional
UPDATE before it is sent. The level change is committed first; the mail goes after commit, from a
task with retries, so a mail server that is down loses no escalation (the beat job also re-queues
mails left pending or failed).
"""

import datetime as dt
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.choices import Role
from accounts.models import User
from config import mail

from . import levels
from .choices import CLOCK_RUNS, EventKind, Level, MailStatus
from .models import Escalation, Problem, ProblemEvent
from .services import local_day, region_chain

log = logging.getLogger(__name__)

STALE_CLAIM = dt.timedelta(minutes=15)  # a worker that died mid-send frees its claim after this
MAX_ATTEMPTS = 8


def problems_escalate(
    *, now: dt.datetime | None = None, notify: bool = True, among: QuerySet | None = None
) -> list[Escalation]:
    """Raise every overdue problem to its level for today; one Escalation per level reached.

    Returns the new Escalation rows. With ``notify`` their e-mails are queued after commit;
    without (the demo data), they are recorded as not sent. ``among`` limits the run to some
    problems (the demo's region), all of them by default.
    """
    now = now or timezone.now()
    today = local_day(now)
    created: list[Escalation] = []
    with transaction.atomic():
        candidates = (
            (among if among is not None else Problem.objects.all())
            .filter(status__in=CLOCK_RUNS, deadline__lt=today, level__lt=levels.TOP)
            .select_for_update(skip_locked=True)
            .order_by("pk")
        )
        for problem in candidates:
            level = levels.level_for(problem.deadline, today, problem.step_days)
            if level <= problem.level:
                continue
            created += _escalate(problem, level, today, now, notify)
    if notify and created:
        ids = [e.pk for e in created]
        transaction.on_commit(lambda: queue_mails(ids))
    return created


def _escalate(
    problem: Problem, level: int, today: dt.date, now: dt.datetime, notify: bool
) -> list[Escalation]:
    reached = range(problem.level + 1, level + 1)
    problem.level, problem.escalated_at = level, now
    problem._change_reason = _("Escalated to: %(level)s") % {"level": Level(level).label}
    problem._history_user = None
    problem.save(update_fields=["level", "escalated_at", "updated_at"])
    ProblemEvent.objects.create(
        problem=problem,
        kind=EventKind.ESCALATE,
        from_status=problem.status,
        to_status=problem.status,
        acting_as="system",
        level=level,
        created_at=now,
        text=_("%(days)d days past the deadline of %(deadline)s.")
        % {
            "days": levels.days_overdue(problem.deadline, today),
            "deadline": problem.deadline.isoformat(),
        },
    )
    status = MailStatus.PENDING if notify else MailStatus.SKIPPED
    rows = []
    for step in reached:
        row, made = Escalation.objects.get_or_create(
            problem=problem, level=step, defaults={"escalated_at": now, "mail_status": status}
        )
        if made:
            rows.append(row)
    return rows


def queue_mails(ids: list[int]) -> None:
    from .tasks import send_escalation_mail  # the task module imports this one

    for pk in ids:
        send_escalation_mail.delay(pk)


def unsent_mail_ids(*, now: dt.datetime | None = None, grace=dt.timedelta(minutes=10)) -> list:
    """Mails still owed: pending or failed for a while (their queue message may be lost), or
    claimed by a worker that never finished."""
    now = now or timezone.now()
    return list(
        Escalation.objects.filter(
            Q(mail_status__in=[MailStatus.PENDING, MailStatus.FAILED], escalated_at__lt=now - grace)
            | Q(mail_status=MailStatus.SENDING, mail_claimed_at__lt=now - STALE_CLAIM),
            attempts__lt=MAX_ATTEMPTS,
        ).values_list("pk", flat=True)
    )


def recipients(problem: Problem, level: int) -> list[User]:
    """Who is told at each level: the department's head (its handlers if it names none; the
    supervisors while nobody has routed it), the project's responsible leader, the supervisors
    who prepare the dispatch meeting."""
    people = User.objects.filter(is_active=True).exclude(email="")
    supervisors = people.filter(
        role=Role.SUPERVISOR, region_id__in=region_chain(problem.project.campaign.region)
    )
    if level == Level.HEAD:
        if problem.department_id is None:
            return list(supervisors)
        staff = people.filter(unit_id=problem.department_id)
        heads = list(staff.filter(is_head=True))
        return heads or list(staff.filter(role=Role.HANDLER))
    if level == Level.LEADER:
        return list(people.filter(role=Role.LEADER, leader_id=problem.project.leader_id))
    return list(supervisors)


def escalation_mail_send(escalation_id: int, *, now: dt.datetime | None = None) -> bool:
    """Send the mail of one escalation if nobody has; True when this call sent it."""
    now = now or timezone.now()
    claimed = (
        Escalation.objects.filter(pk=escalation_id)
        .filter(
            Q(mail_status__in=[MailStatus.PENDING, MailStatus.FAILED])
            | Q(mail_status=MailStatus.SENDING, mail_claimed_at__lt=now - STALE_CLAIM)
        )
        .update(mail_status=MailStatus.SENDING, mail_claimed_at=now)
    )
    if not claimed:
        return False
    escalation = Escalation.objects.select_related(
        "problem__project__campaign__region",
        "problem__project__leader",
        "problem__project__unit",
        "problem__department",
    ).get(pk=escalation_id)
    people = recipients(escalation.problem, escalation.level)
    addresses = sorted({p.email for p in people})
    done = Escalation.objects.filter(pk=escalation_id)
    if not addresses:
        done.update(mail_status=MailStatus.SKIPPED, recipients="", attempts=escalation.attempts + 1)
        log.warning("escalation %s: nobody to tell at level %s", escalation_id, escalation.level)
        return False
    try:
        mail.send_message("problems/escalated", mail_context(escalation, now), addresses)
    except Exception as exc:
        done.update(
            mail_status=MailStatus.FAILED, attempts=escalation.attempts + 1, last_error=str(exc)
        )
        raise
    done.update(
        mail_status=MailStatus.SENT,
        mail_sent_at=timezone.now(),
        recipients=", ".join(addresses),
        attempts=escalation.attempts + 1,
        last_error="",
    )
    return True


def mail_context(escalation: Escalation, now: dt.datetime) -> dict:
    problem = escalation.problem
    base = getattr(settings, "SITE_URL", "http://127.0.0.1:8000").rstrip("/")
    return {
        "problem": problem,
        "project": problem.project,
        "level": Level(escalation.level),
        "days_overdue": levels.days_overdue(problem.deadline, local_day(now)),
        "url": base + reverse("problems:detail", args=[problem.pk]),
        "agenda_url": base + reverse("problems:agenda"),
    }
