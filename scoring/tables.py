"""Tables of the scoring pages (django-tables2). Cards render through one badge column."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from config.badges import choice_badge
from projects.tables import CardColumn
from projects.weeks import week_label

from .choices import FlagStatus
from .models import RubricVersion


class PointsColumn(tables.Column):
    attrs = {"td": {"class": "num"}, "th": {"class": "num"}}

    def render(self, value):
        return f"{value:.2f}"


class FlagGroupTable(tables.Table):
    """One row per project: its flags (check, weeks, status) and a link to review them all."""

    project = tables.Column(
        verbose_name=_("Project"),
        accessor="name",
        order_by=("code",),
        linkify=lambda record: reverse("scoring:project_flags", args=[record.pk]),
    )
    unit = tables.Column(verbose_name=_("Responsible unit"), order_by=("unit__name",))
    checks = tables.Column(verbose_name=_("Flags"), accessor="pk", orderable=False)
    latest = tables.Column(verbose_name=_("Last found"))
    flag_count = tables.Column(verbose_name=_("Number"), attrs={"td": {"class": "num"}})
    review = tables.LinkColumn(
        "scoring:project_flags",
        args=[tables.A("pk")],
        text=_("Review"),
        orderable=False,
        verbose_name="",
        empty_values=(),
    )

    class Meta:
        attrs = {"class": "table flag-groups"}
        empty_text = _("No flag matches.")

    def render_checks(self, record):
        return format_html_join(
            " ",
            "{}",
            (
                (
                    choice_badge(
                        FlagStatus,
                        flag.status,
                        text=f"{flag.get_key_display()} · {flag.span_label}",
                        title=flag.get_status_display(),
                    ),
                )
                for flag in record.listed_flags
            ),
        )

    def render_latest(self, value):
        return week_label(value)


class RubricVersionTable(tables.Table):
    number = tables.Column(verbose_name=_("Version"), linkify=True)
    note = tables.Column(orderable=False)
    created_by = tables.Column()
    created_at = tables.DateTimeColumn(format="Y-m-d H:i")
    adopted_at = tables.DateTimeColumn(format="Y-m-d H:i")

    class Meta:
        model = RubricVersion
        fields = ("number", "note", "created_by", "created_at", "adopted_at")
        attrs = {"class": "table"}
        order_by = "-number"


class PreviewTable(tables.Table):
    """This week's cards under the current rubric and under the candidate."""

    code = tables.Column(verbose_name=_("Code"), accessor="project__code")
    name = tables.Column(
        verbose_name=_("Project"),
        accessor="project__name",
        linkify=lambda record, table: reverse(
            "scoring:why", args=[record.project.pk, week_label(table.week)]
        ),
    )
    current_card = CardColumn(verbose_name=_("Card now"))
    current_total = PointsColumn(verbose_name=_("Total now"))
    candidate_card = CardColumn(verbose_name=_("Card under this version"))
    candidate_total = PointsColumn(verbose_name=_("Total under this version"))
    changed = tables.BooleanColumn(verbose_name=_("Changed"), yesno=(_("changed"), ""))

    class Meta:
        attrs = {"class": "table compact"}
        row_attrs = {"class": lambda record: "changed" if record.changed else ""}
        orderable = False
        empty_text = _("No project in this campaign.")

    def __init__(self, *args, week, **kwargs):
        self.week = week
        super().__init__(*args, **kwargs)
