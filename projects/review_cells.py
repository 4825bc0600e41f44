"""The review queue's cells drawn from its plain rows (``projects.rows.review_rows``), each
column's by one function of its row (config.cells): django-tables2's steps for each of a page's
400 cells were half of the queue's time. tests/projects/test_review_rows.py holds them to the
same HTML as django-tables2's own."""

from html import escape

from django.utils.translation import gettext

from config.badges import DASH
from config.cells import (
    Draw,
    Drawers,
    badge_cell,
    link_cell,
    local_time_cell,
    money_cell,
    text_cell,
)
from config.tables import pk_url

from .choices import ReportStatus


def _week() -> Draw:
    return lambda report: escape(report.week_label)


def _late() -> Draw:
    """BooleanColumn(yesno=(late, —)): a span of class true or false."""
    late = f'<span class="true">{escape(gettext("late"))}</span>'
    on_time = f'<span class="false">{escape(DASH)}</span>'
    return lambda report: late if report["is_late"] else on_time


# Each column of ReviewTable by name: what draws its cells, made once per table.
CELLS: Drawers = {
    "week": _week,
    # The project's name, a link to the report's page.
    "project": link_cell("project_name", pk_url("projects:report")),
    "unit": text_cell("unit_label"),
    "ytd_investment": money_cell("ytd_investment"),
    "status": badge_cell("status", ReportStatus),
    "is_late": _late,
    # The person's name, as the unit knows him, not the login.
    "submitted_by": text_cell("submitted_by_label"),
    "submitted_at": local_time_cell("submitted_at"),
}
