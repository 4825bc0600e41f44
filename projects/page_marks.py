"""Which history rows of a project change what the managers' kept pages draw.

A submitted report writes the project's figure (``ytd_investment``) and stage, and so a history
row, hundreds an hour on a Monday morning. The kept pages (dashboard.cache) never draw the
project's figure: they draw the reports counted up to a scored week, and the project's stage.
So a row that records only the figure of a week no page has drawn yet is marked as leaving the
pages as they are; every other row (a register edit, an import, scoring's cards, a stage moved,
a late report) keeps the column's default and moves the pages' stamp.

The column is the database's alone (projects' migration history_page_mark), not a field of the
historical model: every writer of history rows, simple-history's and scoring's bulk copies
alike, leaves it to its default without knowing of it.
"""

import datetime as dt

from django.apps import apps
from django.db import connection

TABLE = "projects_historicalproject"
COLUMN = "changes_pages"


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
    with connection.cursor() as cursor:
        cursor.execute(
            f'UPDATE "{TABLE}" SET "{COLUMN}" = false WHERE "history_id" = '
            f'(SELECT MAX("history_id") FROM "{TABLE}" WHERE "id" = %s)',
            [project_id],
        )


def changes_pages(history_id: int) -> bool:
    """Whether a history row moves the pages' stamp (for tests and for a reader of the log)."""
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT "{COLUMN}" FROM "{TABLE}" WHERE "history_id" = %s', [history_id])
        return cursor.fetchone()[0]
