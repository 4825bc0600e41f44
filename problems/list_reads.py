"""The problem list's filter bar's units, read by SQL built once per process and shape of reader.

Building the units' read from the scope (a region's three-level filter, or the units of the
reader's problems) took the ORM longer than PostgreSQL's answer. As the project list's campaign
reads (projects.list_campaigns), it is built by the ORM from the same rules (problems.scope,
through filtersets.department_choices) for a stand-in reader of the same shape, its parameters
checked to be the stand-ins (accounts.compiled_reads), then sent with the reader's ids."""

import functools

from accounts.compiled_reads import (
    READER_STAND_INS,
    Compiled,
    ReaderShape,
    compile_read,
    reader_shape,
    reader_values,
    run,
    stand_in_reader,
)
from accounts.models import User

from .filtersets import department_choices
from .selectors import problem_list

Unit = tuple[int, str, str]  # (pk, short_name, name)


@functools.lru_cache(maxsize=256)
def _compiled(shape: ReaderShape) -> Compiled | None:
    """The SQL of the bar's units for ``shape``; None when such a reader sees none."""
    reader = stand_in_reader(shape)
    units = department_choices(reader, problem_list(user=reader))
    return compile_read(
        units.values_list("pk", "short_name", "name"),
        stand_ins=READER_STAND_INS,
        what="The problem list's units read",
    )


def department_rows(*, user: User) -> tuple[Unit, ...]:
    """The units the bar offers ``user`` (filtersets.department_choices), in its order."""
    compiled = _compiled(reader_shape(user))
    if compiled is None:
        return ()
    return tuple((pk, short, name) for pk, short, name in run(compiled, reader_values(user)))
