"""The archive table (django-tables2). Badges come from the status's colour."""

import django_tables2 as tables
from django.utils import dateformat, timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from config.badges import ChoiceBadgeColumn

from .choices import ReportStatus
from .models import Report


class ReportTable(tables.Table):
    period = tables.Column(
        verbose_name=_("Period"),
        linkify=True,
        order_by=("period_end", "kind", "revision"),
        attrs={"td": {"class": "nowrap"}},
    )
    title = tables.Column(verbose_name=_("Report"), accessor="kind", order_by=("kind",))
    campaign = tables.Column(order_by=("campaign__year", "campaign__region__name"))
    revision = tables.Column(attrs={"td": {"class": "num"}, "th": {"class": "num"}})
    status = ChoiceBadgeColumn(choices=ReportStatus, attrs={})
    # Not a DateTimeColumn: that one compiles a template for every cell.
    built_at = tables.Column(attrs={"td": {"class": "nowrap"}})
    recipients = tables.Column(verbose_name=_("Sent to"), orderable=True)
    files = tables.Column(verbose_name=_("Files"), accessor="pk", orderable=False)

    class Meta:
        model = Report
        fields = ("period", "title", "campaign", "revision", "status", "built_at", "recipients")
        order_by = "-period"
        attrs = {"class": "table"}
        empty_text = _("No report has been published yet.")

    def render_title(self, value, record):
        return record.get_kind_display()

    def render_campaign(self, value, record):
        # The region and year say it all; the campaign's long name wraps in a table cell.
        return f"{record.campaign.region.name} {record.campaign.year}"

    def render_built_at(self, value):
        return dateformat.format(timezone.localtime(value), "Y-m-d H:i")

    def render_recipients(self, value, record):
        if not value:
            return "—"
        return format_html("{}/{}", record.sent_count or 0, value)

    def render_files(self, value, record):
        links = []
        if record.pdf:
            links.append(format_html('<a href="{}">PDF</a>', _url(record.pk, "pdf")))
        if record.xlsx:
            links.append(format_html('<a href="{}">Excel</a>', _url(record.pk, "xlsx")))
        return format_html_join(" · ", "{}", ((link,) for link in links)) or "—"


def _url(pk: int, fmt: str) -> str:
    from django.urls import reverse

    return reverse("reports:download", args=[pk, fmt])
