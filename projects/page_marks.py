"""Which history rows of a project change what the managers' kept pages draw.

A submitted report writes the project's figure (``ytd_investment``) and stage, and so a history
row, hundreds an hour on a Monday morning. The kept pages (dashboard.cache) never draw the
project's figure: they draw the reports counted up to a scored week, and the project's stage.
So a row that records only the figure of a week no page has drawn yet is marked as leaving the
pages as they are; every other row (a register edit, an import, scoring's cards, a stage moved,
a late report) keeps the column's default and moves the pages' stamp.

The mark is the historical model's field ``changes_pages`` (``models.PageMark``), whose default
is the database's too: every writer of history rows that does not know of it, simple-history's
and scoring's bulk copies alike, leaves it to a change.
"""

import datetime as dt

from django.apps import apps
from django.db.models import Subquery

from .models import Project


def drawn_week(week: dt.date) -> bool:
    """Whether a kept page may already draw the reports of ``week``: some campaign has scored
    that week or a later one (a league reads its districts' latest scored week, each district's
    own pages their own). Scoring's runs are named, not imported: scoring sits above the
    register (tests/test_layers.py), and only whether a run exists is asked of it."""
    runs = apps.get_model("scoring", "ScoringRun")
    return runs.objects.filter(week__gte=week).exists()


def leave_pages(project_id: int) -> None:
    """The project's newest history row records nothing the kept pages draw. Its writer holds
    the project's row locked, so that row is its own."""
    rows = Project.history.model.objects
    newest = rows.filter(id=project_id).order_by("-history_id").values("history_id")[:1]
    rows.filter(history_id=Subquery(newest)).update(changes_pages=False)


def changes_pages(history_id: int) -> bool:
    """Whether a history row moves the pages' stamp (for tests and for a reader of the log)."""
    rows = Project.history.model.objects
    return rows.values_list("changes_pages", flat=True).get(history_id=history_id)
