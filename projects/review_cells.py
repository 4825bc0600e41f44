"""The review queue's cells drawn from its plain rows (``projects.rows.review_rows``), each
column's by one function of its row (config.cells): django-tables2's steps for each of a page's
400 cells were half of the queue's time. tests/projects/test_review_rows.py holds them to the
same HTML as django-tables2's own."""

from html import escape

from django.utils import timezone
from django.utils.translation import gettext

from config.badges import DASH, badge
from config.cells import Draw, Drawers, link_cell, text_cell
from config.tables import pk_url

from .choices import ReportStatus


def _week() -> Draw:
    return lambda report: escape(report.week_label)


def _money() -> Draw:
    def draw(report) -> str:
        value = report["ytd_investment"]
        return DASH if value is None else f"{value:,.2f}"

    return draw


def _status() -> Draw:
    """StatusColumn's badge, each status's drawn once for the page's rows."""
    badges = {member.value: str(badge(member)) for member in ReportStatus}
    return lambda report: badges.get(report["status"], DASH)


def _late() -> Draw:
    """BooleanColumn(yesno=(late, —)): a span of class true or false."""
    late = f'<span class="true">{escape(gettext("late"))}</span>'
    on_time = f'<span class="false">{escape(DASH)}</span>'
    return lambda report: late if report["is_late"] else on_time


def _submitted_at() -> Draw:
    """DateTimeColumn(format="Y-m-d H:i"): in the site's time zone, as the template's date."""

    def draw(report) -> str:
        at = report["submitted_at"]
        if at is None:
            return DASH
        return f"{timezone.localtime(at):%Y-%m-%d %H:%M}"  # the format's digits, in any language

    return draw


# Each column of ReviewTable by name: what draws its cells, made once per table.
CELLS: Drawers = {
    "week": _week,
    # The project's name, a link to the report's page.
    "project": link_cell("project_name", pk_url("projects:report")),
    "unit": text_cell("unit_label"),
    "ytd_investment": _money,
    "status": _status,
    "is_late": _late,
    # The person's name, as the unit knows him, not the login.
    "submitted_by": text_cell("submitted_by_label"),
    "submitted_at": _submitted_at,
}
