"""Who is told what in the loop of problems, through the outbox. Called inside the write's
transaction, so the messages are written with the move or not at all."""

from accounts.choices import Role
from accounts.models import User
from accounts.regions import region_chain
from outbox import notify
from outbox.choices import Kind

from . import levels
from .choices import Level
from .models import Problem


def _region(problem: Problem):
    return problem.project.campaign.region


def _region_ids(problem: Problem) -> list[int]:
    return region_chain(_region(problem))


def routed(problem: Problem) -> list[int]:
    """直通车: the department's handlers and its group robots hear of a problem routed to it."""
    if problem.department_id is None:  # not routed: nobody to tell (not the unit-less handlers)
        return []
    handlers = User.objects.filter(is_active=True, role=Role.HANDLER, unit_id=problem.department_id)
    return notify(
        kind=Kind.PROBLEM_ROUTED,
        title=f"{problem.project.name}：{problem.title}（{problem.get_category_display()}，"
        f"{problem.deadline:%m月%d日}前办结）",
        path=problem.get_absolute_url(),
        users=handlers,
        units=[problem.department],
        region=_region(problem),
        ref=f"problem:{problem.pk}",
    )


def answered(problem: Problem) -> list[int]:
    """The person who raised the problem hears the department's answer, to confirm it."""
    return notify(
        kind=Kind.PROBLEM_ANSWERED,
        title=f"{problem.department}已答复“{problem.title}”，请确认销号",
        path=problem.get_absolute_url(),
        users=[problem.raised_by],
        region=_region(problem),
        ref=f"problem:{problem.pk}",
    )


def recipients(problem: Problem, level: int) -> list[User]:
    """Who is told at each level: the department's head (its handlers if it names none; the
    supervisors while nobody has routed it), the project's responsible leader, the supervisors
    who prepare the dispatch meeting."""
    people = User.objects.filter(is_active=True)
    supervisors = people.filter(role=Role.SUPERVISOR, region_id__in=_region_ids(problem))
    if level == Level.HEAD:
        if problem.department_id is None:
            return list(supervisors)
        staff = people.filter(unit_id=problem.department_id)
        heads = list(staff.filter(is_head=True))
        return heads or list(staff.filter(role=Role.HANDLER))
    if level == Level.LEADER:
        return list(people.filter(role=Role.LEADER, leader_id=problem.project.leader_id))
    return list(supervisors)


def escalated(problem: Problem, level: int, today) -> list[int]:
    """An overdue problem climbed to ``level``: the people there (and, at the head's level,
    the department's group) are told."""
    days = levels.days_overdue(problem.deadline, today)
    return notify(
        kind=Kind.PROBLEM_ESCALATED,
        title=f"{problem.project.name}：{problem.title}，已逾期{days}天，升级至{Level(level).label}",
        path=problem.get_absolute_url(),
        users=recipients(problem, level),
        units=[problem.department] if level == Level.HEAD and problem.department else [],
        region=_region(problem),
        ref=f"problem:{problem.pk}",
    )
