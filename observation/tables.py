"""The rounds' table (django-tables2). The status badge comes from the status's colour."""

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .choices import STATUS_COLOURS
from .models import ObservationRound


class StatusColumn(tables.Column):
    def render(self, value, record):
        colour = STATUS_COLOURS.get(record.status, "grey")
        return format_html('<span class="badge badge-{}">{}</span>', colour, value)


class RoundTable(tables.Table):
    name = tables.Column(verbose_name=_("Round"), linkify=True)
    campaign = tables.Column(order_by=("campaign__year", "campaign__region__name"))
    held_on = tables.DateColumn(format="Y-m-d", attrs={"td": {"class": "nowrap"}})
    status = StatusColumn()

    class Meta:
        model = ObservationRound
        fields = ("name", "campaign", "held_on", "status")
        attrs = {"class": "table"}
        empty_text = _("No observation round yet.")
