"""Tables of the import pages (django-tables2): the history of imports and the preview rows."""

import django_tables2 as tables
from django.utils.html import format_html, format_html_join
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from config.badges import ChoiceBadgeColumn

from .choices import RowStatus
from .models import ImportRun, ImportStatus


class RunTable(tables.Table):
    """Every import of the campaign: who, when, which file, what it did."""

    uploaded_at = tables.DateTimeColumn(format="Y-m-d H:i", verbose_name=_("Uploaded at"))
    file_name = tables.Column(linkify=("workbooks:run", {"pk": tables.A("pk")}))
    uploaded_by = tables.Column(verbose_name=_("Uploaded by"))
    status = ChoiceBadgeColumn(choices=ImportStatus, attrs={})
    created = tables.Column(verbose_name=_("New projects"), attrs={"td": {"class": "num"}})
    updated = tables.Column(verbose_name=_("Changed projects"), attrs={"td": {"class": "num"}})
    unchanged = tables.Column(verbose_name=_("Unchanged projects"), attrs={"td": {"class": "num"}})
    errors = tables.Column(verbose_name=_("Rows with errors"), attrs={"td": {"class": "num"}})
    annual_total = tables.Column(attrs={"td": {"class": "num"}})

    class Meta:
        model = ImportRun
        fields = ("uploaded_at", "file_name", "uploaded_by", "status", "created", "updated") + (
            "unchanged",
            "errors",
            "annual_total",
            "confirmed_at",
        )
        order_by = "-uploaded_at"
        attrs = {"class": "table compact"}
        empty_text = _("No import yet.")

    def render_uploaded_by(self, value):
        return value.display_name if value else "—"

    def render_annual_total(self, value):
        return f"{value:,.2f}"

    def render_confirmed_at(self, value, record):
        if not value:
            return "—"
        who = record.confirmed_by.display_name if record.confirmed_by else ""
        return format_html("{} · {}", localtime(value).strftime("%Y-%m-%d %H:%M"), who)


class PreviewTable(tables.Table):
    """Each project row of the sheet: new, changed (what), unchanged, or its errors."""

    row = tables.Column(verbose_name=_("Row"), attrs={"td": {"class": "num"}})
    status = ChoiceBadgeColumn(choices=RowStatus, verbose_name=_("Status"), attrs={})
    code = tables.Column(verbose_name=_("Code"), attrs={"td": {"class": "nowrap"}})
    name = tables.Column(verbose_name=_("Project"), attrs={"td": {"class": "name"}})
    annual = tables.Column(verbose_name=_("Annual plan"), attrs={"td": {"class": "num"}})
    detail = tables.Column(verbose_name=_("Details"), empty_values=(), orderable=False)

    class Meta:
        attrs = {"class": "table compact preview"}
        row_attrs = {"class": lambda record: f"row-{record['status']}"}
        empty_text = _("No row in this view.")

    def render_annual(self, value):
        return f"{float(value):,.2f}"

    def render_detail(self, record):
        parts = []
        if record["errors"]:
            parts.append(
                format_html_join("", '<p class="error">{}</p>', ((e,) for e in record["errors"]))
            )
        if record["changes"]:
            parts.append(
                format_html_join(
                    "", '<p class="change">{}：{} → <strong>{}</strong></p>', record["changes"]
                )
            )
        if record["warnings"]:
            parts.append(
                format_html_join("", '<p class="muted">{}</p>', ((w,) for w in record["warnings"]))
            )
        return (
            format_html("{}", format_html_join("", "{}", ((p,) for p in parts))) if parts else "—"
        )


class TargetTable(tables.Table):
    """The campaign's projects with a box to pick each for the bulk target."""

    pk = tables.CheckBoxColumn(accessor="pk", attrs={"th__input": {"aria-label": _("All")}})
    code = tables.Column(verbose_name=_("Code"), attrs={"td": {"class": "nowrap"}})
    name = tables.Column(verbose_name=_("Project"), linkify=True)
    unit = tables.Column(verbose_name=_("Responsible unit"), accessor="unit__name")
    target = tables.Column(verbose_name=_("Annual target"))
    annual_goal = tables.Column(verbose_name=_("Annual construction goal"))

    class Meta:
        attrs = {"class": "table compact"}
        empty_text = _("No project.")
