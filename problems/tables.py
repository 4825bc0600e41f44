"""Tables of the loop (django-tables2). Status and level badges come from one column class each."""

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from config.badges import ChoiceBadgeColumn
from config.cells import draw_row
from config.tables import LeanTable, key_url, pk_url
from projects import weeks
from projects.tables import LabelColumn, field_name

from . import cells as problem_cells
from .choices import CLOCK_RUNS, Level, ProblemCategory, Status
from .models import Problem


class LevelColumn(ChoiceBadgeColumn):
    """The escalation level as a badge; nothing while the problem is with its department."""

    choices = Level
    extra = "level"

    def text(self, member):
        return format_html("↑ {}", member.label)

    def render(self, record, bound_column):
        if record["level"] == Level.DEPARTMENT:
            return mark_safe('<span class="none">—</span>')  # noqa: S308 a constant
        return super().render(record, bound_column)


class DeadlineColumn(tables.Column):
    """The deadline, red with the days overdue once passed while the clock runs."""

    def render(self, value, record, table):
        text = value.isoformat()
        late = (table.today - value).days
        if record["status"] in CLOCK_RUNS and late > 0:
            return format_html(
                '<span class="overdue">{}</span> <small class="overdue">+{}</small>', text, late
            )
        return text


def cell(name: str, labelled: bool = False) -> dict:
    """A class per column (and its header as a label where a phone shows one), so a phone can
    show each row as a card. Labels are callables, evaluated per cell: only where needed."""
    attrs: dict[str, object] = {"class": f"c-{name}"}
    if labelled:
        attrs["data-label"] = lambda bound_column: bound_column.header
    return {"td": attrs}


class RaisedColumn(tables.Column):
    """The day raised, in Asia/Shanghai (plain Python: a DateColumn renders a template per cell)."""

    def render(self, value):
        return weeks.local_today(value).isoformat()


def then_pk(field: str) -> tuple[str, str]:
    """A column's order, ties by id: problems of one deadline (or project, status…) came in
    whatever order the plan gave, so paging could show a problem twice and another never."""
    return (field, "pk")


class ProblemTable(LeanTable):
    """The problem list and the inbox, drawn from ``problems.rows`` (plain rows, not model
    instances)."""

    # Its head's attributes and headers are computed from nothing but the order and language
    # (config.table_html keeps them).
    fixed_head = True

    deadline = DeadlineColumn(attrs=cell("deadline", labelled=True), order_by=then_pk("deadline"))
    title = tables.Column(
        linkify=pk_url("problems:detail"), attrs=cell("title"), order_by=then_pk("title")
    )
    project = tables.Column(
        accessor="project_name",
        verbose_name=field_name(Problem, "project"),
        linkify=key_url("projects:detail", "project_id"),
        order_by=then_pk("project__name"),
        attrs=cell("project"),
    )
    category = LabelColumn(ProblemCategory, attrs=cell("category"), order_by=then_pk("category"))
    department = tables.Column(
        accessor="department_label",
        verbose_name=field_name(Problem, "department"),
        order_by=then_pk("department__name"),
        default=_("awaiting routing"),
        attrs=cell("department"),
    )
    status = ChoiceBadgeColumn(choices=Status, attrs=cell("status"), order_by=then_pk("status"))
    level = LevelColumn(attrs=cell("level"), order_by=then_pk("level"))
    created_at = RaisedColumn(
        verbose_name=_("Raised"), attrs=cell("raised"), order_by=then_pk("created_at")
    )

    class Meta:
        model = Problem
        fields = (
            "deadline",
            "title",
            "project",
            "category",
            "department",
            "status",
            "level",
            "created_at",
        )
        order_by = ("deadline",)
        attrs = {"class": "table problems"}
        row_attrs = {"class": lambda record: f"level-{record['level']}"}
        empty_text = _("No problem matches.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Once per page, for the stock cells (DeadlineColumn); the drawn ones count at each
        # cell (problems.cells: their drawers are kept from day to day).
        self.today = weeks.local_today()

    def draw_row(self, row, context) -> SafeString:
        """A row's ``<tr>`` drawn from its plain row (``problems.cells``)."""
        return draw_row(self, row, context, problem_cells.CELLS)


class InboxTable(ProblemTable):
    """The inbox: soonest deadline first; the department column says where it sits."""

    class Meta(ProblemTable.Meta):
        empty_text = _("Nothing waits for you.")
