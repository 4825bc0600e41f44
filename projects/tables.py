"""Tables of the register (django-tables2). Badges come from one column class."""

import datetime as dt
from collections.abc import Callable

import django_tables2 as tables
from django.utils.functional import cached_property
from django.utils.safestring import SafeString
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django_tables2.rows import BoundRows

from config.badges import ChoiceBadgeColumn
from config.cells import draw_row
from config.params import BoundedPaginator
from config.tables import LeanTable, pk_url

from . import cells, review_cells
from .choices import Card, Category, ReportStatus, Stage, TargetKind
from .models import Project, WeeklyReport


class CardColumn(ChoiceBadgeColumn):
    """The blue/yellow/red card; a dash when the project has not been scored."""

    choices = Card


class StatusColumn(ChoiceBadgeColumn):
    """A weekly report's status."""

    choices = ReportStatus


def cell(name: str, extra_class: str = "") -> dict:
    """A class per column's cells. On a phone a row is a card (templates/tables/table.html
    labels each cell): ``c-title`` is its headline, ``c-sub`` the line under it."""
    return {"td": {"class": f"c-{name} {extra_class}".strip()}}


class LabelColumn(tables.Column):
    """A stored code shown as its choice's label, for rows that hold the code (the list's
    plain rows); a code no choice names shows as it is. A model field's cell is already
    its label (``get_FOO_display``), which passes through."""

    def __init__(self, choices, **kwargs):
        super().__init__(**kwargs)
        self.labels = dict(choices.choices)

    def render(self, value):
        return self.labels.get(value, value)


def field_name(model, name: str):
    """A model field's verbose name as django-tables2 heads its column (first letter up),
    for a column whose accessor is no field (a row's label)."""
    return capfirst(model._meta.get_field(name).verbose_name)


class MoneyColumn(tables.Column):
    attrs = {"td": {"class": "num"}, "th": {"class": "num"}}

    def render(self, value):
        return f"{value:,.2f}"


def then_code(*fields: str) -> tuple[str, ...]:
    """A column's order, ties by the project's code (and id: codes repeat across campaigns):
    without it the projects of one unit or stage came in whatever order the plan gave, so
    paging could show a project twice and another never."""
    return (*fields, "code", "pk")


class ProjectTable(LeanTable):
    """The project list, drawn from ``projects.rows`` (plain rows, not model instances)."""

    # Its head's attributes and headers are computed from nothing but the order and language
    # (config.table_html keeps them).
    fixed_head = True

    code = tables.Column(
        verbose_name=_("Code"), attrs=cell("sub", "nowrap"), order_by=("code", "pk")
    )
    name = tables.Column(
        linkify=pk_url("projects:detail"), attrs=cell("title", "name"), order_by=then_code("name")
    )
    card = CardColumn(attrs=cell("badge"), order_by=then_code("card"))
    # A city's list: whose each project is (the view drops it for one district's viewer).
    district = tables.Column(
        verbose_name=_("District"), order_by=then_code("campaign__region__code")
    )
    category = LabelColumn(Category, order_by=then_code("category"))
    unit = tables.Column(
        accessor="unit_label",
        verbose_name=field_name(Project, "unit"),
        order_by=then_code("unit__name"),
    )
    leader = tables.Column(
        accessor="leader_label",
        verbose_name=field_name(Project, "leader"),
        order_by=then_code("leader__name"),
    )
    target = LabelColumn(TargetKind, order_by=then_code("target"))
    stage = LabelColumn(Stage, order_by=then_code("stage"))
    annual_plan = MoneyColumn(order_by=then_code("annual_plan"))
    ytd_investment = MoneyColumn(order_by=then_code("ytd_investment"))

    def draw_row(self, row, context) -> SafeString:
        """A row's ``<tr>`` drawn from its plain row (``projects.cells``)."""
        return draw_row(self, row, context, cells.CELLS)

    class Meta:
        model = Project
        fields = (
            "code",
            "name",
            "card",
            "district",
            "category",
            "unit",
            "leader",
            "target",
            "stage",
            "annual_plan",
            "ytd_investment",
        )
        order_by = "code"
        attrs = {"class": "table"}
        empty_text = _("No project matches.")


class ReviewTable(LeanTable):
    """The review queue, drawn from ``projects.rows.review_rows`` (plain rows, not model
    instances)."""

    # Each order ends with the report's id: rows tied by a column (every status is
    # "submitted") came in whatever order the plan gave, so paging could show one twice.
    week = tables.Column(
        verbose_name=_("Week"), accessor="week_label", order_by=("week", "project__code", "pk")
    )
    project = tables.Column(
        verbose_name=field_name(WeeklyReport, "project"),
        accessor="project_name",
        linkify=pk_url("projects:report"),  # the report's page
        order_by=("project", "pk"),
    )
    unit = tables.Column(
        verbose_name=_("Responsible unit"),
        accessor="unit_label",
        order_by=("project__unit", "project__code", "pk"),
    )
    ytd_investment = MoneyColumn(order_by=("ytd_investment", "pk"))
    status = StatusColumn(order_by=("status", "project__code", "pk"))
    is_late = tables.BooleanColumn(
        yesno=(_("late"), "—"), order_by=("is_late", "project__code", "pk")
    )
    # The person's name, as the unit knows him, not the login.
    submitted_by = tables.Column(
        verbose_name=field_name(WeeklyReport, "submitted_by"),
        accessor="submitted_by_label",
        order_by=("submitted_by_label", "pk"),
    )
    submitted_at = tables.DateTimeColumn(format="Y-m-d H:i", order_by=("submitted_at", "pk"))

    def draw_row(self, row, context) -> SafeString:
        """A row's ``<tr>`` drawn from its report (``projects.review_cells``)."""
        return draw_row(self, row, context, review_cells.CELLS)

    class Meta:
        model = WeeklyReport
        fields = (
            "week",
            "project",
            "unit",
            "ytd_investment",
            "status",
            "is_late",
            "submitted_by",
            "submitted_at",
        )
        attrs = {"class": "table"}
        empty_text = _("Nothing waits for review.")


class WeekPaginator(BoundedPaginator):
    """The review queue's pages, newest week first, from the weeks' numbers of reports
    (``weeks``: (week, n), newest first, as the queue is filtered): no count query, and a page
    in its default order reads only its own weeks' reports, their ids first and then its 50
    rows — not every waiting report of a city joined and sorted for 50 of them."""

    def __init__(
        self,
        object_list,
        per_page,
        *args,
        weeks: list[tuple[dt.date, int]],
        page_ids: Callable[..., list[int] | None] | None = None,
        **kw,
    ):
        super().__init__(object_list, per_page, *args, **kw)
        self.weeks = weeks
        # The page's ids by another road (selectors.review_page_ids), or None: from the queue.
        self.page_ids = page_ids

    @cached_property
    def count(self) -> int:
        return sum(n for _week, n in self.weeks)

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        rows = self.object_list
        if rows.table.order_by:  # sorted by a column: the queue's own order, as stock
            return self._get_page(rows[bottom:top], number, self)
        before, spanned, start = 0, [], 0
        for week, n in self.weeks:
            if start + n <= bottom:
                before += n
            elif start < top:
                spanned.append(week)
            start += n
        queue = rows.data.data.filter(week__in=spanned)
        ids = None
        if self.page_ids is not None:
            ids = self.page_ids(weeks=spanned, offset=bottom - before, limit=top - bottom)
        if ids is None:
            ids = list(queue.values_list("pk", flat=True)[bottom - before : top - before])
        # Read through the queue whatever gave the ids: its scope has the last word.
        found = {report.pk: report for report in queue.filter(pk__in=ids)}
        records = [found[pk] for pk in ids if pk in found]
        return self._get_page(BoundRows(data=records, table=rows.table), number, self)
