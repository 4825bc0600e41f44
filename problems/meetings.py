"""Writes of the biweekly dispatch meeting (会商): record the meeting, record its decisions.

A decision is a Problem with ``origin = meeting``: it is owned by a unit (a department, or the
project's own responsible unit), has a deadline, and follows the same loop and escalation as any
problem; the supervisors stand for the meeting and confirm its answer.
"""

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Region, Unit, User
from accounts.regions import region_chain
from config.history import note_change
from projects.models import Project

from . import flow, levels
from .choices import EventKind, Origin, Status
from .models import Meeting, Problem, ProblemEvent
from .scope import can_supervise
from .services import local_day, route_for


def _require_supervisor(user: User) -> None:
    if not can_supervise(user):
        raise ValidationError(_("Only a supervisor records the dispatch meeting."))


@transaction.atomic
def meeting_record(
    *,
    user: User,
    region: Region,
    held_on: dt.date,
    attendees: str,
    notes: str = "",
    problems: Iterable[Problem] = (),
    now: dt.datetime | None = None,
) -> Meeting:
    """Record a meeting as held, with the problems it discussed (the agenda of that day)."""
    _require_supervisor(user)
    now = now or timezone.now()
    if held_on > local_day(now):
        raise ValidationError({"held_on": _("A meeting is recorded once it has been held.")})
    meeting = Meeting(
        region=region,
        held_on=held_on,
        attendees=(attendees or "").strip(),
        notes=(notes or "").strip(),
        recorded_by=user,
        created_at=now,
    )
    meeting.full_clean(exclude=["region", "recorded_by"])
    note_change(meeting, user=user)
    meeting.save()
    meeting.agenda.set(list(problems))
    return meeting


@transaction.atomic
def meeting_decide(
    *,
    meeting: Meeting,
    user: User,
    project: Project,
    department: Unit,
    category: str,
    title: str,
    need: str,
    deadline: dt.date,
    parent: Problem | None = None,
    now: dt.datetime | None = None,
) -> Problem:
    """A decision of ``meeting``: an action owned by ``department`` with a deadline. When it
    follows up a problem on the agenda, that problem's log says what the meeting decided."""
    _require_supervisor(user)
    now = now or timezone.now()
    errors = {}
    if deadline < local_day(now):
        errors["deadline"] = _("The deadline is in the past.")
    if department.region_id not in region_chain(project.campaign.region):
        errors["department"] = _("The unit is not of the project's region.")
    if parent is not None and parent.project_id != project.pk:
        errors["parent"] = _("The problem followed up is of another project.")
    if errors:
        raise ValidationError(errors)
    route = route_for(project.campaign.region, category)
    decision = Problem(
        project=project,
        origin=Origin.MEETING,
        meeting=meeting,
        parent=parent,
        category=category,
        title=(title or "").strip(),
        need=(need or "").strip(),
        department=department,
        status=Status.ASSIGNED,
        deadline=deadline,
        raised_by=user,
        created_at=now,
        routed_at=now,
        step_days=(route.escalation_days if route else None) or levels.default_step_days(),
    )
    decision.full_clean(exclude=["project", "raised_by", "department", "meeting", "parent"])
    note_change(decision, reason=_("Decided by the dispatch meeting"), user=user)
    decision.save()
    ProblemEvent.objects.create(
        problem=decision,
        kind=EventKind.RAISE,
        to_status=decision.status,
        actor=user,
        acting_as=flow.Actor.RAISER,
        text=decision.need,
        department=department,
        deadline=deadline,
        created_at=now,
    )
    if parent is not None:
        ProblemEvent.objects.create(
            problem=parent,
            kind=EventKind.COMMENT,
            from_status=parent.status,
            to_status=parent.status,
            actor=user,
            acting_as=flow.Actor.SUPERVISOR,
            text=_(
                "The dispatch meeting of %(date)s decided: %(title)s — %(unit)s, by %(deadline)s."
            )
            % {
                "date": meeting.held_on.isoformat(),
                "title": decision.title,
                "unit": department,
                "deadline": deadline.isoformat(),
            },
            created_at=now,
        )
    return decision
