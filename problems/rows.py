"""The problem list's and the inbox's rows: only the columns their table shows, read as plain rows.

A page read with ``select_related`` built three model instances a row (the problem, its project
and its department) from every column of each, about seventy, which the ORM compiled for each
page; a row here is one dict of the cells' values, ``pk`` for the row's link."""

from django.db.models import QuerySet
from django.db.models.query import ValuesIterable

# What each cell reads (problems.tables.ProblemTable), by the key its column's accessor names.
SHOWN = (
    "pk",
    "deadline",
    "title",
    "project_id",
    "category",
    "status",
    "level",
    "created_at",
)
# Read through the problem's foreign keys, and the key each is given in a row.
RELATED = {"project__name": "project_name", "department__short_name": "", "department__name": ""}


class ProblemRow(dict):
    """A problem as the tables' cells read it: by key, and ``pk`` for its link (``pk_url``)."""

    __slots__ = ()

    @property
    def pk(self):
        return self["pk"]


class _RowIterable(ValuesIterable):
    """``values()``'s dicts as rows: the queryset stays one (sorted, counted, sliced by the
    table and its paginator) and yields rows only when a page is read."""

    def __iter__(self):
        for values in super().__iter__():
            row = ProblemRow(values)
            row["project_name"] = row.pop("project__name")
            short, name = row.pop("department__short_name"), row.pop("department__name")
            # str(unit): its short name, else its name; None while awaiting routing.
            row["department_label"] = short or name
            yield row


def problem_rows(problems: QuerySet) -> QuerySet:
    """``problems`` (already scoped and filtered) as the tables' rows."""
    rows = problems.values(*SHOWN, *RELATED)
    rows._iterable_class = _RowIterable
    return rows
