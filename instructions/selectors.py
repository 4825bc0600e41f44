"""Who sees which 批示: the region's supervisors, managers and administrators, its author, the
leader of the project it concerns, and the units it names."""

from django.db.models import Prefetch, Q, QuerySet

from accounts.choices import Role
from accounts.models import User
from projects.scope import REGION_WIDE, region_q

from .models import Addressee, Instruction


def instructions_for(user: User) -> QuerySet[Instruction]:
    if not user.is_authenticated or not user.is_active:
        return Instruction.objects.none()
    if user.is_superuser:
        found = Instruction.objects.all()
    elif user.role in REGION_WIDE:
        found = Instruction.objects.filter(region_q(user, "region"))
    else:
        who = Q(author=user)
        if user.role == Role.LEADER and user.leader_id:
            who |= Q(project__leader_id=user.leader_id)
            who |= Q(notice__project__leader_id=user.leader_id)
        if user.unit_id:
            who |= Q(addressees__unit_id=user.unit_id)
        found = Instruction.objects.filter(who).distinct()
    # A report's frozen snapshot is megabytes; a list of 批示 only names the report.
    return (
        found.select_related("author", "report", "notice", "project")
        .defer("report__snapshot")
        .prefetch_related(
            Prefetch("addressees", queryset=Addressee.objects.select_related("unit", "answered_by"))
        )
    )


def instructions_on(user: User, on) -> list[Instruction]:
    """The 批示 on one bulletin, notice or project, newest first, that ``user`` may see."""
    field = {"Report": "report", "SupervisionNotice": "notice", "Project": "project"}[
        type(on).__name__
    ]
    return list(instructions_for(user).filter(**{field: on}))


def open_for_agenda(user: User) -> list[Instruction]:
    """Open 批示 of the user's region for the dispatch meeting, oldest first."""
    return list(instructions_for(user).filter(answered_at__isnull=True).order_by("created_at"))


def to_answer(user: User, instruction: Instruction) -> Addressee | None:
    """The line ``user`` answers for on ``instruction``, if the user's unit is named and has
    not answered yet."""
    if user.role not in (Role.REPORTER, Role.HANDLER) or not user.unit_id:
        return None
    return next(
        (
            a
            for a in instruction.addressees.all()
            if a.unit_id == user.unit_id and a.answered_at is None
        ),
        None,
    )
