"""Tables of the register (django-tables2). Badges come from one column class."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from config.badges import ChoiceBadgeColumn
from config.tables import pk_url

from .choices import Card, ReportStatus
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


class MoneyColumn(tables.Column):
    attrs = {"td": {"class": "num"}, "th": {"class": "num"}}

    def render(self, value):
        return f"{value:,.2f}"


class ProjectTable(tables.Table):
    code = tables.Column(verbose_name=_("Code"), attrs=cell("sub", "nowrap"))
    name = tables.Column(linkify=pk_url("projects:detail"), attrs=cell("title", "name"))
    card = CardColumn(attrs=cell("badge"))
    unit = tables.Column(order_by=("unit__name",))
    leader = tables.Column(order_by=("leader__name",))
    annual_plan = MoneyColumn()
    ytd_investment = MoneyColumn()

    class Meta:
        model = Project
        fields = (
            "code",
            "name",
            "card",
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


class ReviewTable(tables.Table):
    week = tables.Column(verbose_name=_("Week"), accessor="week_label", order_by=("week",))
    project = tables.Column(linkify=pk_url("projects:report"))  # the report's page
    unit = tables.Column(verbose_name=_("Responsible unit"), accessor="project__unit")
    ytd_investment = MoneyColumn()
    status = StatusColumn()
    is_late = tables.BooleanColumn(yesno=(_("late"), "—"))
    # The person's name, as the unit knows him, not the login.
    submitted_by = tables.Column(
        accessor="submitted_by__display_name",
        order_by=("submitted_by__first_name", "submitted_by__last_name"),
    )
    submitted_at = tables.DateTimeColumn(format="Y-m-d H:i")

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
