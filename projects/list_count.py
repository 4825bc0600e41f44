"""The project list's count, read by SQL built once per process, shape of reader and choice of
the bar's filters: the ORM's building of the count cost more than PostgreSQL's answer, on the
page supervisors open most.

The bar has checked the request's values for the reader (its campaigns, units and leaders are
his). The count is built from the same filters (the bar's own, projects.filtersets) applied to
the list's scope for a stand-in reader (accounts.compiled_reads), with stand-ins in place of the
chosen campaign, unit, leader and search text; a chosen category, stage, target or card is a
constant of the SQL, the same for every reader. Then it is sent with the reader's ids and his
values."""

import functools
from typing import Any

from django.db import connection

from accounts.compiled_reads import (
    READER_STAND_INS,
    Compiled,
    ReaderShape,
    compile_read,
    counting,
    reader_shape,
    reader_values,
    run,
    stand_in_reader,
)
from accounts.models import Leader, Unit, User

from .filtersets import ProjectFilterSet
from .models import Campaign
from .selectors import projects_for_list

# The chosen objects' stand-ins: ids no row has.
_OBJECTS = {"campaign": (Campaign, -1011), "unit": (Unit, -1012), "leader": (Leader, -1013)}
# The search text's: no LIKE wildcard in it, so that its pattern is the text between two %.
_TEXT = "qstandinq"
_PATTERN = f"%{_TEXT}%"
_CHOICES = ("category", "stage", "target", "card")


def _stand_in(name: str, value):
    if name in _OBJECTS:
        model, pk = _OBJECTS[name]
        return model(pk=pk)
    return _TEXT if name == "q" else value


@functools.lru_cache(maxsize=256)
def _compiled(shape: ReaderShape, chosen: tuple[tuple[str, str | None], ...]) -> Compiled | None:
    """The SQL of the count for ``shape`` with the ``chosen`` filters (a choice's value, or
    None for a stand-in's), made through the bar's own filters; None when it matches nothing."""
    reader = stand_in_reader(shape)
    projects = projects_for_list(user=reader)
    # Unbound, given no campaigns: it reads nothing (its options are read when drawn).
    bar = ProjectFilterSet(None, queryset=projects, user=reader, campaigns=[])
    for name, value in chosen:
        projects = bar.filters[name].filter(projects, _stand_in(name, value))
    stand_ins = READER_STAND_INS | {pk for _m, pk in _OBJECTS.values()} | {_PATTERN}
    compiled = compile_read(
        projects.order_by().values("pk"),
        stand_ins=stand_ins,
        constants={value for _name, value in chosen if value is not None},
        what="The project list's count",
        needed={_stand_in_param(name) for name, value in chosen if value is None},
    )
    return None if compiled is None else counting(compiled)


def _stand_in_param(name: str):
    return _OBJECTS[name][1] if name in _OBJECTS else _PATTERN


def project_count(*, user: User, bar: ProjectFilterSet) -> int | None:
    """The number of projects the list shows ``user`` through ``bar`` (the view's, bound to
    the request); None when the bar refused the request's values (the ORM's to count)."""
    if bar.is_bound and not bar.is_valid():
        return None
    chosen: list[tuple[str, str | None]] = []
    values: dict[Any, Any] = {**reader_values(user)}
    given = bar.form.cleaned_data.items() if bar.is_bound else ()  # unbound: no filter
    for name, value in given:
        if name == "q":
            value = (value or "").strip()
        if value in ("", None):
            continue  # the filter is not applied
        if name in _CHOICES:
            chosen.append((name, value))
        else:
            chosen.append((name, None))
            if name == "q":
                values[_PATTERN] = f"%{connection.ops.prep_for_like_query(value)}%"
            else:
                values[_OBJECTS[name][1]] = value.pk
    compiled = _compiled(reader_shape(user), tuple(chosen))
    return 0 if compiled is None else run(compiled, values)[0][0]
