"""The 批示 list's count, read by SQL built once per process, shape of reader and choice of the
bar's filters (accounts.compiled_reads.compile_bar_count): the ORM's building of the count
took longer than PostgreSQL's answer."""

import functools
from typing import Literal

from accounts.compiled_reads import CompiledFiltered, ReaderShape, bar_count, compile_bar_count
from accounts.models import User

from .filtersets import InstructionFilterSet
from .scope import visible_instructions

COUNTED = tuple(InstructionFilterSet.base_filters)  # every filter of the bar


@functools.lru_cache(maxsize=256)
def _counted(
    shape: ReaderShape, chosen: tuple[tuple[str, str], ...]
) -> CompiledFiltered | None | Literal[False]:
    return compile_bar_count(
        shape,
        chosen,
        scope=visible_instructions,
        bar=lambda data, instructions, _reader: InstructionFilterSet(data, queryset=instructions),
        what="The 批示 list's count",
    )


def instruction_count(*, user: User, data) -> int | None:
    """The number of 批示 the list shows ``user`` for the bar's ``data`` (the request's GET);
    None when the bar refuses them (the ORM's to count)."""
    return bar_count(user, data, COUNTED, _counted)
