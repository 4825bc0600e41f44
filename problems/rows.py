"""The problem list's and the inbox's rows: only the columns their table shows, read as plain rows.

A page read with ``select_related`` built three model instances a row (the problem, its project
and its department) from every column of each, about seventy, which the ORM compiled for each
page. A row here is one dict of the cells' values, the project's and the department's names
worked out by the database (the department's as its ``__str__``, ``projects.labels``), and
``pk`` for the row's link."""

import functools

from django.db import connection
from django.db.models import OuterRef, QuerySet, Subquery
from django.db.models.expressions import RawSQL
from django.db.models.query import ValuesIterable

from accounts.models import Unit
from projects.labels import unit_label
from projects.models import Project

from .models import Problem

# What each cell reads (problems.tables.ProblemTable), by the key its column's accessor names.
SHOWN = ("pk", "deadline", "title", "project_id", "category", "status", "level", "created_at")


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
        # An empty page (no problem matches) reads nothing: the ORM compiled the whole read
        # before it found its slice empty, a tenth of an empty list's time.
        if self.queryset.query.is_empty():
            return
        for values in super().__iter__():
            yield ProblemRow(values)


def _one(model, key: str, value) -> Subquery:
    """A value of the row's ``model`` read by its id: a subquery, not a join, so that the
    paginator's count stays the problems' count alone."""
    # Unordered: the models' default ordering joins the region for each row.
    return Subquery(model.objects.filter(pk=OuterRef(key)).order_by().values_list(value)[:1])


@functools.cache
def _names(vendor: str) -> dict[str, RawSQL]:
    """The rows' names as subqueries, built and compiled once per database (as projects.rows'
    are); a query resolves a copy of each, never the kept one. Each refers to the problem by
    its table's name, which a query of problems keeps as its own."""
    names = {
        "project_name": _one(Project, "project_id", "name"),
        "department_label": _one(Unit, "department_id", unit_label()),  # None: awaiting routing
    }
    query = Problem.objects.annotate(**names).query
    compiler = query.get_compiler(connection=connection)
    compiled = {name: compiler.compile(query.annotations[name]) for name in names}
    return {
        name: RawSQL(sql, tuple(params), output_field=names[name].output_field)
        for name, (sql, params) in compiled.items()
    }


def problem_rows(problems: QuerySet) -> QuerySet:
    """``problems`` (already scoped and filtered) as the tables' rows."""
    rows = problems.values(*SHOWN, **_names(connection.vendor))
    rows._iterable_class = _RowIterable
    return rows
