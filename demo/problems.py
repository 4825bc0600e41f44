"""Demo problems for the demo district: the routing table and a believable loop in every state.

``seed_problems(campaign, rng)`` runs after ``demo.district.seed_demo`` has built the district: it
writes the region's routes, then about forty problems told as stories (raised, accepted, asked,
answered, confirmed, reopened…) with their dates in the past, one dispatch meeting with its
decisions, and finally escalates what is overdue as of now (recorded, no e-mail sent).
"""

import datetime as dt
import random
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone

from accounts.choices import Role
from accounts.models import Unit, User
from problems import levels, overdue
from problems.choices import EventKind, Origin, Status
from problems.models import CategoryRoute, Meeting, Problem, ProblemEvent
from projects import weeks
from projects.models import Campaign, Project

from .problem_data import ANSWERS, ROUTES, STORIES, TEXTS, C


def seed_problems(
    campaign: Campaign, rng: random.Random, *, now: dt.datetime | None = None
) -> dict:
    """Routes, problems in every state and one meeting for ``campaign``'s region; counts back."""
    now = now or timezone.now()
    region = campaign.region
    with transaction.atomic():
        departments = {
            u.short_name: u for u in Unit.objects.filter(region=region, is_department=True)
        }
        for category, (short, days, step) in ROUTES.items():
            if short in departments:
                CategoryRoute.objects.update_or_create(
                    region=region,
                    category=category,
                    defaults={
                        "department": departments[short],
                        "days_to_solve": days,
                        "escalation_days": step,
                    },
                )
        projects = list(campaign.projects.select_related("unit").order_by("code"))
        people = _people(region)
        count = 0
        for story, times in STORIES:
            for _ in range(times):
                _tell(rng, now, story, rng.choice(projects), people)
                count += 1
        decisions = _meeting(rng, now, region, projects, people)
        escalated = overdue.overdue_climb(
            now=now, notify=False, among=Problem.objects.filter(project__campaign__region=region)
        )
    return {
        "routes": len(ROUTES),
        "problems": count,
        "decisions": decisions,
        "escalations": len(escalated),
    }


def _people(region) -> dict:
    users = User.objects.filter(region=region, is_active=True)
    return {
        "supervisor": users.filter(role=Role.SUPERVISOR).first(),
        "reporters": {u.unit_id: u for u in users.filter(role=Role.REPORTER)},
        "handlers": {u.unit_id: u for u in users.filter(role=Role.HANDLER)},
    }


def _when(now: dt.datetime, days_ago: float) -> dt.datetime:
    return now - dt.timedelta(days=days_ago)


def _tell(rng, now, story: str, project: Project, people: dict) -> Problem:
    """Raise a problem ``days_ago`` and play its story forward to today."""
    routable = [c for c in ROUTES if c in TEXTS]
    category = rng.choice([C.GAS, C.OTHER] if story == "unrouted" else routable)
    title, need = rng.choice(TEXTS[category])
    route = CategoryRoute.objects.filter(region=project.campaign.region, category=category).first()
    days = route.days_to_solve if route else levels.default_days_to_solve()
    step = (route.escalation_days if route else None) or levels.default_step_days()
    # How long ago it was raised: overdue stories are raised so the deadline passed long enough.
    late = {
        "overdue1": rng.randint(1, step),
        "overdue2": rng.randint(step + 1, 2 * step),
        "overdue3": rng.randint(2 * step + 1, 3 * step + 4),
    }.get(story)
    ago = (
        days + late
        if late
        else {
            "closed": rng.randint(25, 80),
            "answered": rng.randint(4, 9),
            "unrouted": 1,
            "reopened": days - 1,
        }.get(story, rng.randint(1, max(2, days - 2)))
    )
    raised = _when(now, ago + rng.random() / 3)
    reporter = people["reporters"].get(project.unit_id) or people["supervisor"]
    department = route.department if route and story != "unrouted" else None
    handler = people["handlers"].get(department.pk) if department else None
    problem = Problem.objects.create(
        project=project,
        origin=Origin.REPORT,
        category=category,
        title=title,
        need=need,
        week=weeks.week_start(weeks.local_today(raised)) - dt.timedelta(days=7),
        needed_by=weeks.local_today(raised) + dt.timedelta(days=days + 10),
        department=department,
        status=Status.ASSIGNED if department else Status.UNROUTED,
        deadline=weeks.local_today(raised) + dt.timedelta(days=days),
        step_days=step,
        raised_by=reporter,
        created_at=raised,
        routed_at=raised if department else None,
    )
    log = _Log(problem, raised, now)
    log.add(
        EventKind.RAISE,
        "",
        reporter,
        "raiser",
        need,
        0,
        department=department,
        deadline=problem.deadline,
    )
    if story in ("assigned", "unrouted"):
        return log.save()
    if story == "withdrawn":
        return log.add(
            EventKind.WITHDRAW,
            Status.WITHDRAWN,
            reporter,
            "raiser",
            "业主单位调整建设方案，该问题已不存在。",
            2,
            closed=True,
        ).save()
    log.add(EventKind.ACCEPT, Status.ACCEPTED, handler, "handler", "", rng.uniform(0.2, 1.5))
    if story == "asked":
        return log.add(
            EventKind.ASK,
            Status.INFO_REQUESTED,
            handler,
            "handler",
            "请补充项目立项批复和用地红线图。",
            rng.uniform(1.5, 2.5),
        ).save()
    if story in ("accepted", "overdue1", "overdue2", "overdue3"):
        if story != "accepted" and rng.random() < 0.5:
            log.add(
                EventKind.COMMENT,
                Status.ACCEPTED,
                handler,
                "handler",
                "正在与上级部门对接，争取尽快办结。",
                days - 1,
            )
        return log.save()
    answered_after = {"closed": rng.uniform(3, days - 1), "answered": ago - rng.uniform(1, 3)}.get(
        story, 3
    )
    log.add(
        EventKind.ANSWER,
        Status.ANSWERED,
        handler,
        "handler",
        rng.choice(ANSWERS),
        answered_after,
        answered=True,
    )
    if story == "closed":
        log.add(
            EventKind.CONFIRM,
            Status.CLOSED,
            reporter,
            "raiser",
            "已解决，同意销号。",
            answered_after + rng.uniform(0.5, 3),
            closed=True,
        )
    elif story == "reopened":
        log.add(
            EventKind.REOPEN,
            Status.REOPENED,
            reporter,
            "raiser",
            "答复未解决实际问题，变压器仍未到位。",
            answered_after + 1,
        )
    return log.save()


class _Log:
    """Writes a problem's events in order and keeps the row's status and times in step."""

    def __init__(self, problem: Problem, raised: dt.datetime, now: dt.datetime):
        self.problem, self.raised, self.now, self.status = problem, raised, now, problem.status

    def add(
        self,
        kind,
        to_status,
        actor,
        acting_as,
        text,
        after_days,
        *,
        answered=False,
        closed=False,
        **extra,
    ) -> "_Log":
        when = min(_when(self.raised, -after_days), self.now)
        to_status = to_status or self.status
        ProblemEvent.objects.create(
            problem=self.problem,
            kind=kind,
            from_status=self.status if kind != "raise" else "",
            to_status=to_status,
            actor=actor,
            acting_as=acting_as,
            text=text,
            created_at=when,
            **extra,
        )
        p = self.problem
        if answered:
            p.answered_at = when
        if kind == EventKind.REOPEN:
            p.answered_at = None
        if closed:
            p.closed_at = when
            if to_status == Status.CLOSED:
                p.solved_days = (weeks.local_today(when) - weeks.local_today(self.raised)).days
        self.status = p.status = to_status
        return self

    def save(self) -> Problem:
        self.problem.save()
        return self.problem


def _meeting(rng, now, region, projects: Sequence[Project], people: dict) -> int:
    """A meeting held ten days ago with three decisions, one of them the project unit's own."""
    supervisor = people["supervisor"]
    held = _when(now, 10)
    meeting = Meeting.objects.create(
        region=region,
        held_on=weeks.local_today(held),
        recorded_by=supervisor,
        created_at=held,
        attendees="常务副区长、区发改局、区自然资源局、区财政局、国网寒亭供电中心、各项目责任单位",
        notes="会议听取了逾期问题办理情况汇报，逐项研究了解决措施，明确了责任单位和完成时限。",
    )
    discussed = list(Problem.objects.filter(project__in=projects, status=Status.ACCEPTED)[:4])
    meeting.agenda.set(discussed)
    finance = Unit.objects.filter(region=region, short_name="区财政局").first()
    own = rng.choice(projects)
    plans = [
        (discussed[0] if discussed else None, finance, "资金缺口专题协调", 12, Status.ACCEPTED),
        (None, own.unit, "责任单位倒排工期、加派施工力量", -4, Status.ACCEPTED),
        (None, finance, "拨付前期工作经费", -2, Status.ANSWERED),
    ]
    for parent, unit, title, due_in, status in plans:
        if unit is None:
            continue
        project = parent.project if parent else own
        decision = Problem.objects.create(
            project=project,
            origin=Origin.MEETING,
            meeting=meeting,
            parent=parent,
            category=parent.category if parent else C.OTHER,
            title=title,
            need=f"{title}，按会议纪要要求落实并反馈。",
            department=unit,
            status=Status.ASSIGNED,
            deadline=weeks.local_today(now) + dt.timedelta(days=due_in),
            step_days=levels.default_step_days(),
            raised_by=supervisor,
            created_at=held,
            routed_at=held,
        )
        owner = people["handlers"].get(unit.pk) or people["reporters"].get(unit.pk)
        log = _Log(decision, held, now)
        log.add(
            EventKind.RAISE,
            "",
            supervisor,
            "raiser",
            decision.need,
            0,
            department=unit,
            deadline=decision.deadline,
        )
        log.add(EventKind.ACCEPT, Status.ACCEPTED, owner, "handler", "", 1)
        if status == Status.ANSWERED:
            log.add(
                EventKind.ANSWER, Status.ANSWERED, owner, "handler", ANSWERS[0], 9, answered=True
            )
        log.save()
        if parent is not None:
            ProblemEvent.objects.create(
                problem=parent,
                kind=EventKind.COMMENT,
                from_status=parent.status,
                to_status=parent.status,
                actor=supervisor,
                acting_as="supervisor",
                text=f"半月调度会商决定：{title}，由{unit}负责，{decision.deadline}前完成。",
                created_at=held,
            )
    return len(plans)
