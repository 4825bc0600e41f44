"""Writes of the ladder: run it after a week is scored, and the supervisors' records.

``ladder_run`` is safe to run again: an open notice is never opened twice (the database has one
open notice per project), an interview is proposed once per notice, a closed notice stays closed.
"""

import datetime as dt
import logging
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from outbox.choices import Kind
from projects import weeks
from projects.models import Campaign
from scoring.models import WeeklyScore
from scoring.results import reason_lines
from scoring.versions import rubric_version_for_week

from . import notify
from .models import Accountability, Interview, InterviewStatus, NoticeStatus, SupervisionNotice
from .rules import LadderRules, OpenNotice, Step, WeekCard, next_step, notice_deadline

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
        why = "；".join(reason_lines(breakdown))
        reasons[project_id] = _("Red card %(n)d weeks in a row. %(why)s") % {"n": runs, "why": why}
    return reasons


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
        for n in SupervisionNotice.objects.filter(
            campaign=campaign, status=NoticeStatus.OPEN
        ).select_related("interview")
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
        steps[next_step(history, state, today, rules)].append(project_id)

    outcome = LadderOutcome()
    now = timezone.now()
    if today < weeks.local_today(now):
        # A replayed past run is dated the day it stands for, not the day it was computed.
        now = dt.datetime.combine(today, dt.time(9), tzinfo=weeks.SHANGHAI)
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
                deadline=notice_deadline(today, rules),
            )
            notice._change_reason = _("Opened by the ladder after week %(week)s") % {
                "week": weeks.week_label(week)
            }
            notice.save()
            outcome.opened.append(notice.pk)
    for project_id in steps[Step.PROPOSE_INTERVIEW]:
        interview = Interview(notice=notices[project_id], proposed_at=now)
        interview._change_reason = _("Proposed: the notice passed its deadline without progress")
        interview.save()
        outcome.proposed.append(interview.pk)
    for project_id in steps[Step.CLOSE_NOTICE]:
        notice = notices[project_id]
        notice.status = NoticeStatus.CLOSED
        notice.closed_on = min(today, week + dt.timedelta(days=6))
        notice.close_reason = _("The project turned blue in week %(week)s.") % {
            "week": weeks.week_label(week)
        }
        notice._change_reason = notice.close_reason
        notice.save()
        outcome.closed.append(notice.pk)

    if tell:
        _tell(outcome)
    return outcome


def _tell(outcome: LadderOutcome) -> None:
    """The outbox's messages of the run, written in its transaction."""
    related = ("project__unit", "project__leader", "campaign__region")
    for notice in SupervisionNotice.objects.filter(pk__in=outcome.opened).select_related(*related):
        notify.step(Kind.NOTICE_OPENED, notice)
    for interview in Interview.objects.filter(pk__in=outcome.proposed).select_related(
        *(f"notice__{r}" for r in related)
    ):
        notify.step(Kind.INTERVIEW_PROPOSED, interview.notice, interview)
    for notice in SupervisionNotice.objects.filter(pk__in=outcome.closed).select_related(*related):
        notify.step(Kind.NOTICE_CLOSED, notice)


@transaction.atomic
def interview_schedule(
    *, interview: Interview, person: str, when: dt.datetime, place: str, user: User
) -> Interview:
    if interview.status == InterviewStatus.HELD:
        raise ValidationError(_("This interview has already been held."))
    interview.person, interview.scheduled_for, interview.place = person, when, place
    interview.status = InterviewStatus.SCHEDULED
    interview.handled_by = user
    interview._change_reason = _("Scheduled")
    interview.full_clean()
    interview.save()
    notify.step(Kind.INTERVIEW_SCHEDULED, interview.notice, interview)
    return interview


@transaction.atomic
def interview_record(*, interview: Interview, record: str, user: User) -> Interview:
    if interview.status != InterviewStatus.SCHEDULED:
        raise ValidationError(_("Schedule the interview before recording it."))
    if not record.strip():
        raise ValidationError({"record": _("Write down what was said and agreed.")})
    interview.record, interview.status, interview.handled_by = record, InterviewStatus.HELD, user
    interview._change_reason = _("Held and recorded")
    interview.save()
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
    record._change_reason = _("Recorded")
    record.save()
    return record
