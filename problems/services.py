"""Writes of the loop: raise a problem, and every move of the state machine. One error type:
ValidationError (flow.MoveNotAllowed is one).

Each write locks the problem row, asks ``flow.move`` whether the move is allowed, changes the row
(django-simple-history keeps the version with who and why) and appends a line to the event log.
"""

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Region, Unit, User
from accounts.regions import region_chain
from config.history import note_change
from projects import weeks, workdays
from projects.fields import require_monday
from projects.models import Project

from . import flow, levels, notify
from .choices import Action, EventKind, Origin, Status
from .models import CategoryRoute, EvidenceFile, Problem, ProblemEvent
from .scope import actors_of, can_raise


def local_day(moment: dt.datetime) -> dt.date:
    return weeks.local_today(moment)


def route_for(region: Region, category: str) -> CategoryRoute | None:
    """The route of ``category`` in the region, or in the nearest region above that has one."""
    chain = region_chain(region)
    routes = {
        r.region_id: r
        for r in CategoryRoute.objects.filter(
            region_id__in=chain, category=category
        ).select_related("department")
    }
    return next((routes[pk] for pk in chain if pk in routes), None)


def _step_days(route: CategoryRoute | None) -> int:
    return (route.escalation_days if route else None) or levels.default_step_days()


def _log(
    problem: Problem,
    kind: str,
    source: str,
    user: User | None,
    acting_as: str,
    text: str = "",
    now: dt.datetime | None = None,
    **extra,
) -> ProblemEvent:
    return ProblemEvent.objects.create(
        problem=problem,
        kind=kind,
        from_status=source,
        to_status=problem.status,
        actor=user,
        acting_as=acting_as,
        text=text,
        created_at=now or timezone.now(),
        **extra,
    )


def _attach(
    problem: Problem,
    event: ProblemEvent,
    files: Sequence[UploadedFile],
    user: User,
    now: dt.datetime,
) -> None:
    for upload in files:
        EvidenceFile.objects.create(
            problem=problem,
            event=event,
            file=upload,
            name=(upload.name or "")[:200],
            size=upload.size or 0,
            uploaded_by=user,
            uploaded_at=now,
        )


def _save(problem: Problem, user: User | None, reason: str) -> None:
    note_change(problem, reason=reason, user=user)
    problem.save()


@transaction.atomic
def problem_raise(
    *,
    project: Project,
    user: User,
    category: str,
    title: str,
    need: str,
    needed_by: dt.date | None = None,
    week: dt.date | None = None,
    files: Sequence[UploadedFile] = (),
    now: dt.datetime | None = None,
) -> Problem:
    """A reporter raises a problem of the unit's project. It goes straight to the department the
    routing table names for the category, with the route's deadline; with no route it waits for
    a supervisor to route it (and its deadline, the site-wide default, runs meanwhile)."""
    now = now or timezone.now()
    today = local_day(now)
    if not can_raise(user, project):
        raise ValidationError(_("Only a reporter of the project's unit can raise its problems."))
    errors: dict[str, str | ValidationError] = {}
    if needed_by and needed_by < today:
        errors["needed_by"] = _("The date is in the past.")
    try:
        require_monday(week)
    except ValidationError as exc:
        errors["week"] = exc
    if errors:
        raise ValidationError(errors)
    route = route_for(project.campaign.region, category)
    problem = Problem(
        project=project,
        week=week,
        origin=Origin.REPORT,
        category=category,
        title=(title or "").strip(),
        need=(need or "").strip(),
        needed_by=needed_by,
        raised_by=user,
        created_at=now,
        step_days=_step_days(route),
    )
    if route:
        problem.department, problem.status, problem.routed_at = (
            route.department,
            Status.ASSIGNED,
            now,
        )
        problem.deadline = workdays.on_or_after(today + dt.timedelta(days=route.days_to_solve))
    else:
        problem.status = Status.UNROUTED
        problem.deadline = workdays.on_or_after(
            today + dt.timedelta(days=levels.default_days_to_solve())
        )
    problem.full_clean(exclude=["project", "raised_by", "department", "meeting", "parent"])
    _save(problem, user, _("Raised"))
    event = _log(
        problem,
        EventKind.RAISE,
        "",
        user,
        flow.Actor.RAISER,
        problem.need,
        now,
        department=problem.department,
        deadline=problem.deadline,
    )
    _attach(problem, event, files, user, now)
    if problem.department_id:
        notify.routed(problem)
    return problem


def _check_department(problem: Problem, department: Unit | None) -> Unit:
    if department is None:
        raise ValidationError({"department": _("Choose the department that must solve it.")})
    if department.region_id not in region_chain(problem.project.campaign.region):
        raise ValidationError({"department": _("The department is not of the project's region.")})
    return department


@transaction.atomic
def problem_act(
    *,
    problem: Problem,
    user: User,
    action: str,
    text: str = "",
    files: Sequence[UploadedFile] = (),
    department: Unit | None = None,
    deadline: dt.date | None = None,
    now: dt.datetime | None = None,
) -> Problem:
    """Make one move of the state machine on ``problem`` as ``user``.

    ``department`` and ``deadline`` are for a route (the deadline defaults to the route's days
    from today). The row is locked first, so of two people acting at once the second is judged
    against the status the first left.
    """
    now = now or timezone.now()
    today = local_day(now)
    problem = (
        Problem.objects.select_for_update()
        .select_related("project__campaign__region", "project__unit")
        .get(pk=problem.pk)
    )
    source, action, text = problem.status, Action(action), (text or "").strip()
    actors = actors_of(user, problem)
    target = flow.move(source, action, actors, text)
    move = flow.MOVES[(Status(source), action)]
    acting_as = next(a for a in flow.Actor if a in actors & move.actors)
    extra = {}
    if action == Action.ROUTE:
        department = _check_department(problem, department)
        route = route_for(problem.project.campaign.region, problem.category)
        if route and route.department_id != department.pk:
            route = None  # the route's days belong to the route's department
        if deadline is None:
            days = route.days_to_solve if route else levels.default_days_to_solve()
            # A deadline that falls on a holiday or weekend moves to the next working day.
            deadline = workdays.on_or_after(today + dt.timedelta(days=days))
        if deadline < today:
            raise ValidationError({"deadline": _("The deadline is in the past.")})
        problem.department, problem.deadline, problem.routed_at = department, deadline, now
        problem.step_days = _step_days(route)
        extra = {"department": department, "deadline": deadline}
    elif action == Action.DECLINE:
        problem.department = None
    elif action == Action.ANSWER:
        problem.answered_at = now
    elif action == Action.CONFIRM:
        problem.closed_at = now
        problem.solved_days = (today - local_day(problem.created_at)).days
    elif action == Action.REOPEN:
        problem.answered_at = problem.closed_at = problem.solved_days = None
    elif action == Action.WITHDRAW:
        problem.closed_at = now
    problem.status = target
    if action != Action.COMMENT:
        _save(problem, user, f"{action.label}: {text}" if text else str(action.label))
    event = _log(problem, action, source, user, acting_as, text, now, **extra)
    _attach(problem, event, files, user, now)
    if action == Action.ROUTE:
        notify.routed(problem)
    elif action == Action.ANSWER:
        notify.answered(problem)
    return problem
