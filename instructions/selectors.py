"""Reads of the 批示 for pages and the dispatch agenda; every queryset starts from .scope."""

import functools

from accounts.choices import Role
from accounts.compiled_reads import (
    READER_STAND_INS,
    CompiledModels,
    ReaderShape,
    compile_models,
    reader_shape,
    reader_values,
    run_models,
    stand_in_reader,
)
from accounts.models import User

from .models import Addressee, Instruction
from .scope import instructions_for

# A stand-in of the thing's id beside the reader's (accounts.compiled_reads).
_ON = -1006


@functools.lru_cache(maxsize=256)
def _on_read(shape: ReaderShape, field: str) -> CompiledModels | None:
    """The SQL of the 批示 on one thing for ``shape``, built once: with its joins and the
    reader's rule the ORM's building of it cost twice PostgreSQL's answer, on every project
    page."""
    on = instructions_for(stand_in_reader(shape)).filter(**{f"{field}_id": _ON})
    return compile_models(
        on, stand_ins=READER_STAND_INS | {_ON}, what="The 批示 on a page", needed={_ON}
    )


def instructions_on(user: User, on) -> list[Instruction]:
    """The 批示 on one bulletin, notice or project, newest first, that ``user`` may see."""
    field = {"Report": "report", "SupervisionNotice": "notice", "Project": "project"}[
        type(on).__name__
    ]
    if not user.is_authenticated:
        return []
    compiled = _on_read(reader_shape(user), field)
    return [] if compiled is None else run_models(compiled, {**reader_values(user), _ON: on.pk})


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
