"""Tables of the register (django-tables2). Badges come from one column class."""

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .choices import STATUS_COLOURS
from .models import Project, WeeklyReport


class CardColumn(tables.Column):
    """The blue/yellow/red card as a badge; empty when the project has not been scored."""

    def render(self, value, record, bound_column):
        # For a choices field the value is the label; the colour comes from the stored code.
        code = bound_column.accessor.resolve(record)
        return format_html('<span class="card card-{}">{}</span>', code, value)


class StatusColumn(tables.Column):
    """A report status as a coloured badge."""

    def render(self, value, record):
        colour = STATUS_COLOURS.get(record.status, "grey")
        return format_html('<span class="badge badge-{}">{}</span>', colour, value)


class MoneyColumn(tables.Column):
    attrs = {"td": {"class": "num"}, "th": {"class": "num"}}

    def render(self, value):
        return f"{value:,.2f}"


class ProjectTable(tables.Table):
    code = tables.Column(verbose_name=_("Code"), attrs={"td": {"class": "nowrap"}})
    name = tables.Column(linkify=True, attrs={"td": {"class": "name"}})
    card = CardColumn()
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
    project = tables.Column(linkify=lambda record: record.get_absolute_url())
    unit = tables.Column(verbose_name=_("Responsible unit"), accessor="project__unit")
    ytd_investment = MoneyColumn()
    status = StatusColumn()
    is_late = tables.BooleanColumn(yesno=(_("late"), "—"))
    submitted_by = tables.Column()
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
