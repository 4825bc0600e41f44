"""A row drawn by config.tables (each column's steps worked out once per table) holds the cells
django-tables2 draws itself: the choice labels (in the request's language), the badges, the
links, the dates of a DateTimeColumn's template and the defaults of empty cells."""

import datetime as dt

import pytest
from django.test import RequestFactory
from django.utils import timezone, translation

from config.tables import _items
from projects.choices import ReportStatus, Stage
from projects.models import Project, WeeklyReport
from projects.rows import project_rows
from projects.tables import ProjectTable, ReviewTable
from tests.factories import ProjectFactory, WeeklyReportFactory

pytestmark = pytest.mark.django_db


def _cells(table) -> list[tuple[list, list]]:
    """Per row: (ours, django-tables2's own) cell values."""
    rows = []
    for row in table.rows:
        ours = [str(value) for _column, value in _items(row)]
        theirs = [str(value) for _column, value in row.items()]
        rows.append((ours, theirs))
    return rows


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_project_row_holds_the_cells_django_tables2_draws(language):
    first = ProjectFactory.create(stage=Stage.CONSTRUCTION)
    ProjectFactory.create(campaign=first.campaign, stage="no-such-stage", card="")
    with translation.override(language):
        table = ProjectTable(project_rows(Project.objects.order_by("code"), district=True))
        table.request = RequestFactory().get("/projects/")
        rows = _cells(table)
        label = str(Stage.CONSTRUCTION.label)
    assert len(rows) == 2
    for ours, theirs in rows:
        assert ours == theirs
    assert label in rows[0][0]
    assert "no-such-stage" in rows[1][0]  # a stored code no choice names stays as it is


def test_a_review_row_holds_the_cells_django_tables2_draws():
    submitted = WeeklyReportFactory.create(
        submitted_at=timezone.make_aware(dt.datetime(2026, 11, 20, 9, 30))
    )
    WeeklyReportFactory.create(
        project=submitted.project, week=dt.date(2026, 11, 23), status=ReportStatus.DRAFT
    )
    with translation.override("zh-hans"):
        table = ReviewTable(WeeklyReport.objects.order_by("week"))
        table.request = RequestFactory().get("/review/")
        rows = _cells(table)
    for ours, theirs in rows:
        assert ours == theirs
    assert "2026-11-20 09:30" in rows[0][0]
    assert rows[1][0][-1] == "—"  # not submitted: the column's default
