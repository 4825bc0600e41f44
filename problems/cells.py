"""The problem list's and the inbox's cells drawn from their plain rows (``problems.rows``),
each column's by one function of its row (config.cells). tests/problems/test_problem_rows.py
holds them to the same HTML as django-tables2's own."""

from html import escape

from django.utils.translation import gettext

from config.badges import DASH, badge
from config.cells import Draw, Drawers, badge_cell, is_empty, link_cell, text_cell
from config.tables import key_url, pk_url
from projects import weeks

from .choices import CLOCK_RUNS, Level, ProblemCategory, Status


def _deadline() -> Draw:
    """DeadlineColumn: red, with the days overdue, once passed while the clock runs."""

    def draw(record) -> str:
        value = record["deadline"]
        if is_empty(value):
            return DASH
        # Today at each cell: a drawer is kept from page to page (config.cells).
        late = (weeks.local_today() - value).days
        if record["status"] in CLOCK_RUNS and late > 0:
            return f'<span class="overdue">{value}</span> <small class="overdue">+{late}</small>'
        return value.isoformat()

    return draw


def _department() -> Draw:
    """The department's name; a problem not yet routed says so."""
    waiting = escape(gettext("awaiting routing"))

    def draw(record) -> str:
        label = record["department_label"]
        return waiting if is_empty(label) else escape(str(label))

    return draw


def _level() -> Draw:
    """LevelColumn: "↑ 部门负责人" as a badge; nothing while the problem is with its department."""
    badges = {
        member.value: str(badge(member, text=f"↑ {member.label}", extra="level"))
        for member in Level
    }
    badges[Level.DEPARTMENT.value] = f'<span class="none">{DASH}</span>'
    return lambda record: badges.get(record["level"], DASH)


def _raised() -> Draw:
    """RaisedColumn: the day raised, in Asia/Shanghai."""
    return lambda record: weeks.local_today(record["created_at"]).isoformat()


# Each column of ProblemTable (and InboxTable) by name: what draws its cells, made once a table.
CELLS: Drawers = {
    "deadline": _deadline,
    "title": link_cell("title", pk_url("problems:detail")),
    "project": link_cell("project_name", key_url("projects:detail", "project_id")),
    "category": text_cell("category", ProblemCategory),
    "department": _department,
    "status": badge_cell("status", Status),
    "level": _level,
    "created_at": _raised,
}
