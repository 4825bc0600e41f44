"""The overdue climb across levels with the clock frozen at the boundaries (Asia/Shanghai), the
people at each level told once through the outbox, and a mail failure that loses nothing."""

import datetime as dt

import pytest
import time_machine
from django.core import mail

from outbox.choices import Kind
from outbox.choices import Status as MessageStatus
from outbox.models import Message
from problems import notify, overdue
from problems.choices import Action, Level, Status
from problems.services import problem_act
from problems.tasks import overdue_climb
from projects.weeks import SHANGHAI
from tests.outbox.helpers import send_due, send_due_after
from tests.reports.smtp_server import FlakySMTPServer

DEADLINE = dt.date(2026, 11, 30)  # the problem fixture's deadline; 5 days per level


def at(day: dt.date, h=0, m=0, s=0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, h, m, s, tzinfo=SHANGHAI)


def run_beat(capture):
    """The beat job, as the worker runs it: escalate; then the outbox sends after the window."""
    with capture(execute=True):
        overdue_climb()
    send_due_after()


# (the moment, the level then): one second each side of every boundary.
BOUNDARIES = [
    (at(DEADLINE, 23, 59, 59), Level.DEPARTMENT),
    (at(dt.date(2026, 12, 1)), Level.HEAD),
    (at(dt.date(2026, 12, 5), 23, 59, 59), Level.HEAD),
    (at(dt.date(2026, 12, 6)), Level.LEADER),
    (at(dt.date(2026, 12, 10), 23, 59, 59), Level.LEADER),
    (at(dt.date(2026, 12, 11)), Level.MEETING),
]


@pytest.mark.parametrize(("moment", "level"), BOUNDARIES)
def test_level_at_each_boundary(problem, moment, level):
    with time_machine.travel(moment, tick=False):
        overdue.overdue_climb(notify=False)
    problem.refresh_from_db()
    assert problem.level == level


def test_the_climb_tells_each_level_once(
    problem,
    head,
    handler,
    leader_user,
    supervisor,
    eager_celery,
    django_capture_on_commit_callbacks,
):
    sent = []
    for moment, level in BOUNDARIES:
        with time_machine.travel(moment, tick=False):
            run_beat(django_capture_on_commit_callbacks)
            run_beat(django_capture_on_commit_callbacks)  # twice: nothing more happens
        problem.refresh_from_db()
        assert problem.level == level
        sent.append([(m.to, m.subject) for m in mail.outbox])
    assert [len(s) for s in sent] == [0, 1, 1, 2, 2, 3]
    head_mail, leader_mail, meeting_mail = mail.outbox
    assert head_mail.to == [head.email]  # the head, not every handler of the department
    assert leader_mail.to == [leader_user.email]
    assert meeting_mail.to == [supervisor.email]
    assert "问题逾期升级" in head_mail.subject and problem.title in head_mail.subject
    assert "Department head" in head_mail.body and "1天" in head_mail.body
    assert "Dispatch meeting" in meeting_mail.body
    assert f"http://127.0.0.1:8000/problems/{problem.pk}/" in head_mail.body
    html, kind = head_mail.alternatives[0]
    assert kind == "text/html" and problem.title in html
    messages = Message.objects.filter(kind=Kind.PROBLEM_ESCALATED).order_by("pk")
    assert [m.status for m in messages] == [MessageStatus.SENT] * 3
    assert problem.events.filter(kind="escalate").count() == 3


def test_a_problem_found_late_climbs_every_level_at_once(
    problem, head, leader_user, supervisor, eager_celery, django_capture_on_commit_callbacks
):
    with time_machine.travel(at(dt.date(2026, 12, 20), 8), tick=False):
        run_beat(django_capture_on_commit_callbacks)
    problem.refresh_from_db()
    assert problem.level == Level.MEETING
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [head.email, leader_user.email, supervisor.email]
    )
    assert problem.events.filter(kind="escalate").count() == 1


def test_without_a_head_the_departments_handlers_are_told(problem, handler):
    assert notify.recipients(problem, Level.HEAD) == [handler]


def test_an_unrouted_problem_tells_the_supervisors(problem, handler, supervisor):
    problem_act(problem=problem, user=handler, action=Action.DECLINE, text="不归我们")
    problem.refresh_from_db()
    assert notify.recipients(problem, Level.HEAD) == [supervisor]


@pytest.mark.parametrize("status", [Status.ANSWERED, Status.CLOSED, Status.WITHDRAWN])
def test_the_clock_stops_once_answered_or_ended(problem, status):
    problem.status = status
    problem.closed_at = at(DEADLINE)
    problem.save()
    with time_machine.travel(at(dt.date(2026, 12, 20)), tick=False):
        assert overdue.overdue_climb(notify=False) == []
    problem.refresh_from_db()
    assert problem.level == Level.DEPARTMENT


def test_a_new_deadline_does_not_lower_the_level(problem, supervisor):
    with time_machine.travel(at(dt.date(2026, 12, 7)), tick=False):
        overdue.overdue_climb(notify=False)
        problem_act(
            problem=problem,
            user=supervisor,
            action=Action.ROUTE,
            department=problem.department,
            deadline=dt.date(2026, 12, 31),
        )
        overdue.overdue_climb(notify=False)
    problem.refresh_from_db()
    assert (problem.level, problem.deadline) == (Level.LEADER, dt.date(2026, 12, 31))


def test_a_mail_failure_loses_no_escalation(
    problem, head, settings, django_capture_on_commit_callbacks
):
    with time_machine.travel(at(dt.date(2026, 12, 1), 9), tick=False):
        with django_capture_on_commit_callbacks(execute=False):  # the broker is down, say
            [row] = overdue.overdue_climb()
    [message] = Message.objects.filter(kind=Kind.PROBLEM_ESCALATED)
    smtp = FlakySMTPServer(refuse=1).__enter__()  # a mail server that is down, then up
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", smtp.port
    with time_machine.travel(at(dt.date(2026, 12, 1), 10, 1), tick=False):
        assert send_due() == []
    problem.refresh_from_db()
    message.refresh_from_db()
    assert problem.level == Level.HEAD  # committed before any mail
    assert (message.status, message.attempts) == (MessageStatus.FAILED, 1)
    assert "421" in message.last_error and message.will_retry
    assert smtp.messages == []
    # The sweep's next run after the backoff finds it due and sends it, once.
    with time_machine.travel(at(dt.date(2026, 12, 1), 10, 3), tick=False):
        assert send_due() == [message.pk]
        assert send_due() == []
    smtp.__exit__(None, None, None)
    message.refresh_from_db()
    assert (message.status, message.attempts, message.address) == (
        MessageStatus.SENT,
        2,
        head.email,
    )
    assert smtp.recipients() == [head.email]


def test_nobody_to_tell_writes_no_message(problem):
    with time_machine.travel(at(dt.date(2026, 12, 1), 9), tick=False):
        [row] = overdue.overdue_climb()
    assert row.level == Level.HEAD
    assert not Message.objects.exists()


def test_a_task_queued_under_the_old_name_still_climbs(problem):
    """Messages queued as ``problems.escalate`` before the rename run the same climb."""
    from config.celery_app import app

    with time_machine.travel(at(dt.date(2026, 12, 6)), tick=False):
        assert app.tasks["problems.escalate"].apply().get() == 2
    problem.refresh_from_db()
    assert problem.level == Level.LEADER
