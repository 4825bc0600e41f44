"""The project list's and the review queue's rows: only the columns their table shows, read as
plain rows.

A page of 50 projects read with ``select_related`` built six model instances a row (the
project, its campaign, region, unit, leader and task force), and read every column of each,
a region's outline (a GeoJSON of up to 450 KB) fifty times among them. A row here is one dict
of the cells' values, the unit's and the leader's names worked out by the database as their
``__str__`` would (``projects.labels``), and ``pk`` for the row's link."""

import functools

from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from accounts.models import Leader, Unit, User
from config.plain_rows import KeyRow, compiled_names, one_of, plain_rows

from . import weeks
from .labels import leader_label, person_label, unit_label
from .models import Campaign, Project, WeeklyReport

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


class ProjectRow(KeyRow):
    """A project as the list's cells read it."""

    __slots__ = ()


@functools.cache
def _names(district: bool, vendor: str) -> dict[str, RawSQL]:
    """The rows' unit, leader and (a city's list) district names, compiled once per database."""
    names = {
        "unit_label": one_of(Unit, "unit_id", unit_label()),
        "leader_label": one_of(Leader, "leader_id", leader_label()),
    }
    if district:
        names["district"] = one_of(Campaign, "campaign_id", "region__name")
    return compiled_names(Project, names)


def project_rows(projects: QuerySet, *, district: bool = False) -> QuerySet:
    """``projects`` (already scoped and filtered) as the list's rows; ``district``: with the
    name of the district each is of (a city's list shows it)."""
    return plain_rows(projects, SHOWN, _names(district, connection.vendor), ProjectRow)


# What each cell of the review queue reads (projects.tables.ReviewTable).
REVIEW_SHOWN = ("pk", "week", "ytd_investment", "status", "is_late", "submitted_at")


class ReviewRow(KeyRow):
    """A submitted report as the review queue's cells read it."""

    __slots__ = ()

    @property
    def week_label(self) -> str:
        return weeks.week_label(self["week"])


@functools.cache
def _review_names(vendor: str) -> dict[str, RawSQL]:
    """The rows' project, unit and submitter names, compiled once per database."""
    names = {
        "project_name": one_of(Project, "project_id", "name"),
        "unit_label": one_of(Project, "project_id", unit_label("unit__")),
        "submitted_by_label": one_of(User, "submitted_by_id", person_label()),
    }
    return compiled_names(WeeklyReport, names)


def review_rows(reports: QuerySet) -> QuerySet:
    """``reports`` (the queue, scoped and filtered) as the review queue's rows: a report a
    row, built from its own columns and three names, not a model instance for it and for each
    of its project, unit and submitter."""
    return plain_rows(reports, REVIEW_SHOWN, _review_names(connection.vendor), ReviewRow)
