"""Reads of the 批示 for pages and the dispatch agenda; every queryset starts from .scope."""

from accounts.choices import Role
from accounts.models import User

from .models import Addressee, Instruction
from .scope import instructions_for


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
