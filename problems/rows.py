"""The problem list's and the inbox's rows: only the columns their table shows, read as plain rows.

A page read with ``select_related`` built three model instances a row (the problem, its project
and its department) from every column of each, about seventy, which the ORM compiled for each
page. A row here is one dict of the cells' values, the project's and the department's names
worked out by the database (the department's as its ``__str__``, ``projects.labels``), and
``pk`` for the row's link."""

import functools

from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from accounts.models import Unit
from config.plain_rows import compiled_names, one_of, plain_rows
from projects.labels import unit_label
from projects.models import Project

from .models import Problem

# What each cell reads (problems.tables.ProblemTable), by the key its column's accessor names.
SHOWN = ("pk", "deadline", "title", "project_id", "category", "status", "level", "created_at")


@functools.cache
def _names(vendor: str) -> dict[str, RawSQL]:
    """The rows' project and department names, compiled once per database."""
    names = {
        "project_name": one_of(Project, "project_id", "name"),
        "department_label": one_of(Unit, "department_id", unit_label()),  # None: awaiting routing
    }
    return compiled_names(Problem, names)


def problem_rows(problems: QuerySet) -> QuerySet:
    """``problems`` (already scoped and filtered) as the tables' rows."""
    return plain_rows(problems, SHOWN, _names(connection.vendor))
