"""The project list's rows: only the columns its table shows, read as plain rows.

A page of 50 projects read with ``select_related`` built six model instances a row (the
project, its campaign, region, unit, leader and task force), and read every column of each,
a region's outline (a GeoJSON of up to 450 KB) fifty times among them. A row here is one dict
of the cells' values, the unit's and the leader's names worked out by the database as their
``__str__`` would (``projects.labels``), and ``pk`` for the row's link."""

import functools

from django.db import connection
from django.db.models import OuterRef, QuerySet, Subquery
from django.db.models.expressions import RawSQL
from django.db.models.query import ValuesIterable

from accounts.models import Leader, Unit

from .labels import leader_label, unit_label
from .models import Campaign, Project

# What each cell reads, by the key its column's accessor names (projects.tables.ProjectTable).
SHOWN = (
    "pk",
    "code",
    "name",
    "card",
    "category",
    "target",
    "stage",
    "annual_plan",
    "ytd_investment",
)


class ProjectRow(dict):
    """A project as the list's cells read it: by key, and ``pk`` for its link (``pk_url``)."""

    __slots__ = ()

    @property
    def pk(self):
        return self["pk"]


class _RowIterable(ValuesIterable):
    """``values()``'s dicts as rows: the queryset stays one (sorted, counted, sliced by the
    table and its paginator) and yields rows only when a page is read."""

    def __iter__(self):
        for values in super().__iter__():
            yield ProjectRow(values)


def _one(model, key: str, value) -> Subquery:
    """A value of the row's ``model`` read by its id: a subquery, not a join, so that the
    paginator's count of the rows stays the projects' count alone."""
    # Unordered: the models' default ordering joins the region for each row.
    return Subquery(model.objects.filter(pk=OuterRef(key)).order_by().values_list(value)[:1])


@functools.cache
def _names(district: bool, vendor: str) -> dict[str, RawSQL]:
    """The rows' names as subqueries, built and compiled once per database: building them was
    a tenth of a list page's CPU and compiling them half of its page query's; a query resolves
    a copy of each (``resolve_expression``), never the kept one. Each refers to the project by
    its table's name, which a list's query (always of projects) keeps as its own."""
    names = {
        "unit_label": _one(Unit, "unit_id", unit_label()),
        "leader_label": _one(Leader, "leader_id", leader_label()),
    }
    if district:
        names["district"] = _one(Campaign, "campaign_id", "region__name")
    query = Project.objects.annotate(**names).query
    compiler = query.get_compiler(connection=connection)
    compiled = {name: compiler.compile(query.annotations[name]) for name in names}
    return {
        name: RawSQL(sql, tuple(params), output_field=names[name].output_field)
        for name, (sql, params) in compiled.items()
    }


def project_rows(projects: QuerySet, *, district: bool = False) -> QuerySet:
    """``projects`` (already scoped and filtered) as the list's rows; ``district``: with the
    name of the district each is of (a city's list shows it)."""
    rows = projects.values(*SHOWN, **_names(district, connection.vendor))
    rows._iterable_class = _RowIterable
    return rows
