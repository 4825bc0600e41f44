"""The review queue's cells drawn from its reports, in the markup of ``config.tables.row_html``
(django-tables2's cells): its steps for each of a page's 400 cells (resolve, render, link,
localize, escape through Django's lazy-aware helpers) were half of the queue's time.
tests/projects/test_review_rows.py holds them to the same HTML as django-tables2's own."""

from collections.abc import Callable
from html import escape

from django.utils import timezone
from django.utils.translation import gettext

from config.badges import DASH, badge
from config.tables import pk_url

from .choices import ReportStatus
from .models import WeeklyReport

Draw = Callable[[WeeklyReport], str]
_report = pk_url("projects:report")


def _week() -> Draw:
    return lambda report: escape(report.week_label)


def _project() -> Draw:
    """The project's name, a link to the report's page."""
    return lambda report: f'<a href="{escape(_report(report))}">{escape(str(report.project))}</a>'


def _unit() -> Draw:
    return lambda report: escape(str(report.project.unit))


def _money() -> Draw:
    def draw(report) -> str:
        value = report.ytd_investment
        return DASH if value is None else f"{value:,.2f}"

    return draw


def _status() -> Draw:
    """StatusColumn's badge, each status's drawn once for the page's rows."""
    badges = {member.value: str(badge(member)) for member in ReportStatus}
    return lambda report: badges.get(report.status, DASH)


def _late() -> Draw:
    """BooleanColumn(yesno=(late, —)): a span of class true or false."""
    late = f'<span class="true">{escape(gettext("late"))}</span>'
    on_time = f'<span class="false">{escape(DASH)}</span>'
    return lambda report: late if report.is_late else on_time


def _submitted_by() -> Draw:
    def draw(report) -> str:
        person = report.submitted_by
        name = person.display_name if person is not None else None
        return DASH if name is None or name == "" else escape(str(name))

    return draw


def _submitted_at() -> Draw:
    """DateTimeColumn(format="Y-m-d H:i"): in the site's time zone, as the template's date."""

    def draw(report) -> str:
        at = report.submitted_at
        if at is None:
            return DASH
        return f"{timezone.localtime(at):%Y-%m-%d %H:%M}"  # the format's digits, in any language

    return draw


# Each column of ReviewTable by name: what draws its cells, made once per table.
CELLS: dict[str, Callable[[], Draw]] = {
    "week": _week,
    "project": _project,
    "unit": _unit,
    "ytd_investment": _money,
    "status": _status,
    "is_late": _late,
    "submitted_by": _submitted_by,
    "submitted_at": _submitted_at,
}
