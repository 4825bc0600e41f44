"""Reads of the loop for pages, the scoring run and the meeting. Every queryset starts from
problems.scope, except ``overdue_own_problems`` which the scoring run calls for all projects."""

import datetime as dt
import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import groupby
from typing import Any

from django.db.models import Avg, BooleanField, Count, ExpressionWrapper, F, Q, QuerySet
from django.shortcuts import get_object_or_404

from accounts.choices import Role
from accounts.compiled_reads import (
    READER_STAND_INS,
    THING,
    CompiledModels,
    ReaderShape,
    compile_models,
    reader_shape,
    reader_values,
    run_models,
    stand_in_reader,
)
from accounts.models import Unit, User
from accounts.regions import region_chain
from projects import weeks
from projects.models import Project
from projects.scope import projects_for

from .choices import CLOCK_RUNS, OPEN, Origin, ProblemCategory, Status
from .models import Meeting, Problem, ProblemEvent
from .scope import ANSWERING_ROLES, can_supervise, problems_for

LIST_RELATED = ("project", "department")


def problem_list(*, user: User) -> QuerySet[Problem]:
    """The problem list's queryset: one query for a page whatever the number of problems."""
    return problems_for(user).select_related(*LIST_RELATED)


def problem_get(*, user: User, pk: int) -> Problem:
    return get_object_or_404(
        problems_for(user).select_related(
            "project__campaign__region",
            "project__unit",
            "project__leader",
            "department",
            "raised_by",
            "meeting",
            "parent",
        ),
        pk=pk,
    )


def departments_of(problem: Problem) -> QuerySet[Unit]:
    """The departments a problem may be routed to: of its region and the regions above it."""
    chain = region_chain(problem.project.campaign.region)
    return Unit.objects.filter(region_id__in=chain, is_department=True).order_by("name")


def meeting_projects(*, user: User, meeting: Meeting) -> QuerySet[Project]:
    """The projects a meeting's decision may stand on: the user's, in the meeting's region."""
    return projects_for(user).filter(campaign__region=meeting.region).order_by("code")


def problem_events(problem: Problem) -> QuerySet[ProblemEvent]:
    return problem.events.select_related("actor", "department").prefetch_related("files")


def waiting_q(user: User) -> Q:
    """What waits for this person's move: a department's open problems, the answers and
    questions waiting for a reporter, the problems waiting for a supervisor to route or confirm."""
    if not user.is_active:
        return Q(pk__in=[])
    owed = [s for s in CLOCK_RUNS if s != Status.UNROUTED]
    q = Q(pk__in=[])
    if user.role in ANSWERING_ROLES and user.unit_id:
        q |= Q(department_id=user.unit_id, status__in=owed)
    if user.role == Role.REPORTER and user.unit_id:
        q |= Q(
            project__unit_id=user.unit_id,
            origin=Origin.REPORT,
            status__in=[Status.ANSWERED, Status.INFO_REQUESTED],
        )
    if can_supervise(user):
        q |= Q(status=Status.UNROUTED) | Q(origin=Origin.MEETING, status=Status.ANSWERED)
    return q


def inbox(*, user: User) -> QuerySet[Problem]:
    """The person's inbox, soonest deadline first."""
    return problem_list(user=user).filter(waiting_q(user)).order_by("deadline", "pk")


@dataclass
class AgendaGroup:
    department: Unit | None
    problems: list[Problem] = field(default_factory=list)


def agenda(*, user: User, today: dt.date) -> list[AgendaGroup]:
    """The dispatch meeting's agenda: open problems that are overdue or escalated, grouped by
    the department that owes them (those nobody has routed first), highest level first."""
    rows = (
        problem_list(user=user)
        .filter(status__in=OPEN)
        .filter(Q(status__in=CLOCK_RUNS, deadline__lt=today) | Q(level__gt=0))
        .select_related("project__leader", "project__unit")
        .order_by(
            F("department__name").asc(nulls_first=True), "department_id", "-level", "deadline", "pk"
        )
    )
    return [
        AgendaGroup(department=group[0].department, problems=group)
        for _key, items in groupby(rows, key=lambda p: p.department_id)
        if (group := list(items))
    ]


def decisions_open(*, user: User) -> QuerySet[Problem]:
    """Earlier meetings' decisions still in the loop, soonest deadline first."""
    return (
        problem_list(user=user)
        .filter(origin=Origin.MEETING, status__in=OPEN)
        .select_related("meeting")
        .order_by("deadline", "pk")
    )


@functools.lru_cache(maxsize=256)
def _project_problems_read(shape: ReaderShape, limit: int) -> CompiledModels | None:
    """The SQL of a project's problems for ``shape``, built once: the ORM's building of it
    cost more than PostgreSQL's answer, on every project page."""
    problems = (
        problems_for(stand_in_reader(shape))
        .filter(project_id=THING)
        .select_related("department")
        .annotate(
            closed=ExpressionWrapper(
                Q(status__in=[Status.CLOSED, Status.WITHDRAWN]), output_field=BooleanField()
            )
        )
        .order_by("closed", "deadline", "-pk")[:limit]
    )
    return compile_models(
        problems,
        stand_ins=READER_STAND_INS | {THING},
        what="A project's problems",
        constants={Status.CLOSED, Status.WITHDRAWN},
        needed={THING},
    )


def project_problems(*, user: User, project: Project, limit: int = 10) -> list[Problem]:
    """The problems of a project the user may see: open first (soonest deadline), then the rest."""
    compiled = _project_problems_read(reader_shape(user), limit) if user.is_authenticated else None
    if compiled is None:
        return []
    problems = run_models(compiled, {**reader_values(user), THING: project.pk})
    for problem in problems:
        problem.project = project
    return problems


def month_start(today: dt.date) -> dt.datetime:
    """The first moment of the month of ``today`` in Asia/Shanghai."""
    return dt.datetime.combine(today.replace(day=1), dt.time(0), tzinfo=weeks.SHANGHAI)


def count_aggregates(today: dt.date) -> dict:
    solved = Q(status=Status.CLOSED)
    return {
        "open": Count("pk", filter=Q(status__in=OPEN)),
        "overdue": Count("pk", filter=Q(status__in=CLOCK_RUNS, deadline__lt=today)),
        "solved_month": Count("pk", filter=solved & Q(closed_at__gte=month_start(today))),
        "solved": Count("pk", filter=solved),
        "avg_days": Avg("solved_days", filter=solved),
    }


def _grouped(base: QuerySet, agg: dict, *fields: str) -> QuerySet[Any, dict[str, Any]]:
    # Typed as plain rows: the names the aggregates add are not the model's fields.
    return base.values(*fields).annotate(**agg)


@dataclass
class Counts:
    total: dict
    by_department: list[dict]
    by_category: list[dict]


def problem_counts(*, user: User, today: dt.date) -> Counts:
    """Open, overdue, solved this month, solved and average days to solve: in all, by
    department and by category. Two queries whatever the data; the totals add up the
    departments (every problem has one department or none, so each is counted once)."""
    base = problems_for(user).order_by()  # no default ordering in the GROUP BY
    agg = count_aggregates(today)
    by_department = list(
        _grouped(base, agg, "department_id", "department__name", "department__short_name").order_by(
            "-overdue", "-open", "department__name"
        )
    )
    by_category = list(_grouped(base, agg, "category").order_by("-open", "category"))
    for row in by_category:
        row["label"] = ProblemCategory(row["category"]).label
    return Counts(total=totals(by_department), by_department=by_department, by_category=by_category)


def totals(rows: list[dict]) -> dict:
    """The sum of grouped counts; the average days weighted by the problems solved in each."""
    total = {
        key: sum(row[key] for row in rows) for key in ("open", "overdue", "solved_month", "solved")
    }
    days = sum(row["avg_days"] * row["solved"] for row in rows if row["avg_days"] is not None)
    total["avg_days"] = days / total["solved"] if total["solved"] else None
    return total


def overdue_own_problems(project_ids: Iterable[int], week_end: dt.date) -> dict[int, int]:
    """For the weekly score: per project, the problems of its own doing still overdue at the end
    of ``week_end`` (the Sunday of the scored week, Asia/Shanghai).

    Own doing: the problem is routed to, or a meeting's action is owned by, the project's own
    responsible unit (``department == project.unit``). Overdue at the end of the week: raised by
    then, its deadline was before ``week_end``, and it had been neither answered nor closed or
    withdrawn by then. A reopened problem forgets its earlier answer, so for weeks it spent
    answered before the reopening it counts as unanswered. Every id asked for is in the result.
    """
    ids = list(project_ids)
    end = dt.datetime.combine(week_end + dt.timedelta(days=1), dt.time(0), tzinfo=weeks.SHANGHAI)
    rows = (
        Problem.objects.filter(
            project_id__in=ids,
            department_id=F("project__unit_id"),
            created_at__lt=end,
            deadline__lt=week_end,
        )
        .filter(Q(answered_at__isnull=True) | Q(answered_at__gte=end))
        .filter(Q(closed_at__isnull=True) | Q(closed_at__gte=end))
        .order_by()
        .values("project_id")
        .annotate(n=Count("pk"))
    )
    counts = dict.fromkeys(ids, 0)
    counts.update({row["project_id"]: row["n"] for row in rows})
    return counts
