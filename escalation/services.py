"""Writes of the ladder: run it after a week is scored, the workflow of a notice (sign, answer,
return, accept), its climb past a deadline, and the supervisors' records. One error type:
ValidationError (``flow.MoveNotAllowed`` is one).

``ladder_run`` is safe to run again: an open notice is never opened twice (the database has one
open notice per project), an interview is proposed once per notice, a closed notice stays closed.
Every step writes a line to the notice's log and, where it issues a document, numbers and freezes
it in the same transaction.
"""

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from config.history import note_change
from outbox.choices import Kind
from problems import levels
from problems.choices import Level
from projects import weeks
from projects.models import Campaign
from scoring.models import WeeklyScore
from scoring.results import reasons_text
from scoring.versions import rubric_version_for_week

from . import flow, notify, papers
from .flow import Action, Actor
from .models import (
    Accountability,
    EventKind,
    Interview,
    InterviewStatus,
    NoticeEvent,
    NoticeFile,
    NoticeStatus,
    SupervisionNotice,
)
from .rules import (
    LadderRules,
    OpenNotice,
    Step,
    WeekCard,
    next_step,
    notice_deadline,
    sign_deadline,
)
from .scope import actors_of

log = logging.getLogger(__name__)
LOOKBACK_WEEKS = 8


@dataclass
class LadderOutcome:
    opened: list[int] = field(default_factory=list)
    proposed: list[int] = field(default_factory=list)
    closed: list[int] = field(default_factory=list)


def _histories(campaign: Campaign, week: dt.date) -> dict[int, list[WeekCard]]:
    rows = (
        WeeklyScore.objects.filter(
            project__campaign=campaign,
            week__gte=week - dt.timedelta(weeks=LOOKBACK_WEEKS - 1),
            week__lte=week,
        )
        .order_by("project_id", "week")
        .values_list("project_id", "week", "card", "total")
    )
    histories: dict[int, list[WeekCard]] = defaultdict(list)
    for project_id, monday, card, total in rows:
        histories[project_id].append(WeekCard(monday, card, total))
    return histories


def _reasons(week: dt.date, project_ids: list[int], runs: int) -> dict:
    reasons = {}
    for project_id, breakdown in WeeklyScore.objects.filter(
        project_id__in=project_ids, week=week
    ).values_list("project_id", "breakdown"):
        with translation.override(settings.LANGUAGE_CODE):  # the notice's words are Chinese
            why = reasons_text(breakdown)
            reasons[project_id] = _("Red card %(n)d weeks in a row. %(why)s") % {
                "n": runs,
                "why": why,
            }
    return reasons


def spent_until(closed_on: dt.date) -> dt.date:
    """The last week whose red card a notice closed on ``closed_on`` has answered: the week
    before the one it closed in (that one is scored after)."""
    return weeks.week_start(closed_on) - dt.timedelta(days=7)


def _log(
    notice: SupervisionNotice,
    kind: str,
    source: str,
    user: User | None,
    acting_as: str,
    text: str = "",
    now: dt.datetime | None = None,
    **extra,
) -> NoticeEvent:
    return NoticeEvent.objects.create(
        notice=notice,
        kind=kind,
        from_status=source,
        to_status=notice.status,
        actor=user,
        acting_as=acting_as,
        text=text,
        created_at=now or timezone.now(),
        **extra,
    )


def _save(notice: SupervisionNotice, user: User | None, reason: str) -> None:
    note_change(notice, reason=reason, user=user)
    notice.save()


def _when(today: dt.date) -> dt.datetime:
    """Now, or for a replayed past run the morning of the day it stands for."""
    now = timezone.now()
    if today < weeks.local_today(now):
        return dt.datetime.combine(today, dt.time(9), tzinfo=weeks.SHANGHAI)
    return now


@transaction.atomic
def ladder_run(
    *, campaign: Campaign, week: dt.date, today: dt.date | None = None, tell: bool = True
) -> LadderOutcome:
    """Move every project of the campaign one step up or down the ladder after ``week``; with
    ``tell`` (not for a replay of past weeks) the outbox tells the people concerned."""
    today = today or weeks.local_today()
    rules = LadderRules.from_rubric(rubric_version_for_week(campaign, week).rubric)
    # One ladder run of a campaign at a time, so notice numbers never collide.
    Campaign.objects.select_for_update().filter(pk=campaign.pk).first()
    histories = _histories(campaign, week)
    notices = {
        n.project_id: n
        for n in SupervisionNotice.objects.filter(campaign=campaign)
        .exclude(status=NoticeStatus.CLOSED)
        .select_related("interview")
    }
    spent = {
        row["project_id"]: spent_until(row["last"])
        for row in SupervisionNotice.objects.filter(campaign=campaign, status=NoticeStatus.CLOSED)
        .values("project_id")
        .annotate(last=Max("closed_on"))
    }
    steps: dict[Step, list[int]] = defaultdict(list)
    for project_id, history in histories.items():
        if history[-1].week != week:
            continue  # not scored this week: nothing to judge
        notice = notices.get(project_id)
        state = None
        if notice is not None:
            state = OpenNotice(
                notice.opened_week,
                notice.opened_total,
                notice.deadline,
                interview_proposed=hasattr(notice, "interview"),
            )
        steps[next_step(history, state, today, rules, spent.get(project_id))].append(project_id)

    outcome = LadderOutcome()
    now = _when(today)
    to_open = steps[Step.OPEN_NOTICE]
    if to_open:
        reasons = _reasons(week, to_open, rules.notice_red_weeks)
        number = (
            SupervisionNotice.objects.filter(campaign=campaign).aggregate(n=Max("number"))["n"] or 0
        )
        for project_id in sorted(to_open):
            number += 1
            notice = SupervisionNotice(
                campaign=campaign,
                project_id=project_id,
                number=number,
                opened_week=week,
                opened_total=histories[project_id][-1].total,
                reason=reasons.get(project_id, ""),
                opened_at=now,
                sign_deadline=sign_deadline(today, rules),
                deadline=notice_deadline(today, rules),
            )
            reason = _("Opened by the ladder after week %(week)s") % {
                "week": weeks.week_label(week)
            }
            _save(notice, None, reason)
            document = papers.notice_document(
                notice, red_weeks=rules.notice_red_weeks, issued_on=today
            )
            _log(
                notice,
                EventKind.ISSUE,
                "",
                None,
                Actor.SYSTEM,
                reason,
                now,
                deadline=notice.deadline,
                document=document,
            )
            outcome.opened.append(notice.pk)
    for project_id in steps[Step.PROPOSE_INTERVIEW]:
        notice = notices[project_id]
        interview = Interview(notice=notice, proposed_at=now)
        proposed = _("Proposed: the notice passed its deadline without progress")
        note_change(interview, reason=proposed)
        interview.save()
        _log(
            notice,
            EventKind.PROPOSE,
            notice.status,
            None,
            Actor.SYSTEM,
            proposed,
            now,
        )
        outcome.proposed.append(interview.pk)
    for project_id in steps[Step.CLOSE_NOTICE]:
        notice = notices[project_id]
        source = notice.status
        reason = _("The project turned blue in week %(week)s.") % {"week": weeks.week_label(week)}
        flow.move(source, Action.CLOSE, {Actor.SYSTEM}, reason)
        notice.status = NoticeStatus.CLOSED
        notice.closed_on = min(today, week + dt.timedelta(days=6))
        notice.close_reason = reason
        _save(notice, None, reason)
        _log(notice, EventKind.CLOSE, source, None, Actor.SYSTEM, reason, now)
        outcome.closed.append(notice.pk)

    if tell:
        _tell(outcome)
    return outcome


def _tell(outcome: LadderOutcome) -> None:
    """The outbox's messages of the run, written in its transaction."""
    related = ("project__unit", "project__leader", "campaign__region")
    for notice in SupervisionNotice.objects.filter(pk__in=outcome.opened).select_related(*related):
        notify.ladder(Kind.NOTICE_OPENED, notice)
    for interview in Interview.objects.filter(pk__in=outcome.proposed).select_related(
        *(f"notice__{r}" for r in related)
    ):
        notify.ladder(Kind.INTERVIEW_PROPOSED, interview.notice, interview)
    for notice in SupervisionNotice.objects.filter(pk__in=outcome.closed).select_related(*related):
        notify.ladder(Kind.NOTICE_CLOSED, notice)


EVENT_OF = {
    Action.SIGN: EventKind.SIGN,
    Action.ANSWER: EventKind.ANSWER,
    Action.RETURN: EventKind.RETURN,
    Action.ACCEPT: EventKind.ACCEPT,
    Action.CLOSE: EventKind.CLOSE,
}


@transaction.atomic
def notice_act(
    *,
    notice: SupervisionNotice,
    user: User,
    action: str,
    text: str = "",
    files: Sequence[UploadedFile] = (),
    deadline: dt.date | None = None,
    now: dt.datetime | None = None,
) -> SupervisionNotice:
    """One step of the workflow on ``notice`` as ``user``: sign for it, answer it (with
    evidence files), return the answer with a reason (optionally with a new deadline), or
    accept it, which closes the notice. The row is locked first, so of two people acting at
    once the second is judged against the status the first left."""
    now = now or timezone.now()
    today = weeks.local_today(now)
    notice = (
        SupervisionNotice.objects.select_for_update()
        .select_related("project__unit", "project__leader", "campaign__region")
        .get(pk=notice.pk)
    )
    source, action, text = notice.status, Action(action), (text or "").strip()
    if action == Action.CLOSE:
        raise flow.MoveNotAllowed(
            _("Only the ladder closes a notice without review."), code="wrong_actor"
        )
    actors = actors_of(user, notice)
    target = flow.move(source, action, actors, text)
    move = flow.MOVES[(NoticeStatus(source), action)]
    acting_as = next(a for a in Actor if a in actors & move.actors)
    if files and action != Action.ANSWER:
        raise ValidationError({"files": _("Evidence files go with the answer.")})
    if len(text) > 5000:
        raise ValidationError({"text": _("At most 5,000 characters.")})
    extra = {}
    if action == Action.SIGN:
        notice.signed_at, notice.signed_by, notice.level = now, user, Level.DEPARTMENT
    elif action == Action.ANSWER:
        notice.answered_at, notice.level = now, Level.DEPARTMENT
    elif action == Action.RETURN and deadline is not None:
        if deadline < today:
            raise ValidationError({"deadline": _("The deadline is in the past.")})
        notice.deadline = extra["deadline"] = deadline
    elif action == Action.ACCEPT:
        notice.closed_on = today
        notice.close_reason = text or _("The answer was accepted.")
    notice.status = target
    _save(notice, user, f"{action.label}: {text}" if text else str(action.label))
    event = _log(notice, EVENT_OF[action], source, user, acting_as, text, now, **extra)
    for upload in files:
        NoticeFile.objects.create(
            notice=notice,
            event=event,
            file=upload,
            name=(upload.name or "")[:200],
            size=upload.size or 0,
            uploaded_by=user,
            uploaded_at=now,
        )
    notify.step(notice, event)
    return notice


def _overdue(today: dt.date) -> Q:
    return Q(status=NoticeStatus.ISSUED, sign_deadline__lt=today) | Q(
        status__in=[NoticeStatus.SIGNED, NoticeStatus.RETURNED], deadline__lt=today
    )


def notices_climb(*, now: dt.datetime | None = None) -> list[NoticeEvent]:
    """Raise every notice unsigned or unanswered past its deadline to its level for today, as
    ``problems.levels`` climbs an overdue problem: the unit's head, the responsible leader, the
    dispatch meeting. Safe to run twice: the level only rises to what today says. Returns the
    log lines written; each tells the people of its level after the commit."""
    now = now or timezone.now()
    today = weeks.local_today(now)
    step_days = levels.default_step_days()
    written = []
    with transaction.atomic():
        candidates = (
            SupervisionNotice.objects.filter(_overdue(today), level__lt=levels.TOP)
            .select_for_update(skip_locked=True)
            .order_by("pk")
        )
        for notice in candidates:
            due = notice.due
            level = levels.level_for(due, today, step_days)
            if level <= notice.level:
                continue
            notice.level, notice.escalated_at = level, now
            what = (
                _("%(days)d days past the sign-for deadline of %(deadline)s.")
                if notice.status == NoticeStatus.ISSUED
                else _("%(days)d days past the answer deadline of %(deadline)s.")
            ) % {"days": levels.days_overdue(due, today), "deadline": due.isoformat()}
            _save(notice, None, _("Escalated to: %(level)s") % {"level": Level(level).label})
            event = _log(
                notice,
                EventKind.ESCALATE,
                notice.status,
                None,
                Actor.SYSTEM,
                what,
                now,
                level=level,
                deadline=due,
            )
            notify.climbed(notice, event)
            written.append(event)
    return written


@transaction.atomic
def interview_schedule(
    *, interview: Interview, person: str, when: dt.datetime, place: str, user: User
) -> Interview:
    """Schedule (or move) the interview and issue its 约谈通知书, numbered and frozen."""
    if interview.status == InterviewStatus.HELD:
        raise ValidationError(_("This interview has already been held."))
    interview.person, interview.scheduled_for, interview.place = person, when, place
    interview.status = InterviewStatus.SCHEDULED
    interview.handled_by = user
    note_change(interview, reason=_("Scheduled"))
    interview.full_clean()
    interview.save()
    now = timezone.now()
    document = papers.interview_document(interview, issued_on=weeks.local_today(now), user=user)
    notice = interview.notice
    _log(
        notice,
        EventKind.SCHEDULE,
        notice.status,
        user,
        Actor.SUPERVISOR,
        f"{person} · {when.astimezone(weeks.SHANGHAI):%Y-%m-%d %H:%M} · {place}",
        now,
        document=document,
    )
    notify.ladder(Kind.INTERVIEW_SCHEDULED, interview.notice, interview)
    return interview


@transaction.atomic
def interview_record(*, interview: Interview, record: str, user: User) -> Interview:
    """Record what was said at a scheduled interview; the notice's log keeps it."""
    if interview.status != InterviewStatus.SCHEDULED:
        raise ValidationError(_("Schedule the interview before recording it."))
    if not record.strip():
        raise ValidationError({"record": _("Write down what was said and agreed.")})
    interview.record, interview.status, interview.handled_by = record, InterviewStatus.HELD, user
    note_change(interview, reason=_("Held and recorded"))
    interview.save()
    notice = interview.notice
    _log(notice, EventKind.HOLD, notice.status, user, Actor.SUPERVISOR, record)
    return interview


@transaction.atomic
def accountability_record(
    *,
    project,
    notice: SupervisionNotice | None,
    decided_on: dt.date,
    person: str,
    measure: str,
    reason: str,
    user: User,
) -> Accountability:
    """Record accountability and issue its 问责建议, numbered and frozen as of its date."""
    record = Accountability(
        project=project,
        notice=notice,
        decided_on=decided_on,
        person=person,
        measure=measure,
        reason=reason,
        recorded_by=user,
    )
    record.full_clean()
    note_change(record, reason=_("Recorded"))
    record.save()
    document = papers.accountability_document(record, user=user)
    if notice is not None:
        _log(
            notice,
            EventKind.ACCOUNT,
            notice.status,
            user,
            Actor.SUPERVISOR,
            f"{person} · {measure} — {reason}",
            document=document,
        )
    return record
