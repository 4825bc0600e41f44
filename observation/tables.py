"""The rounds' table (django-tables2). The status is the one choice badge."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from config.badges import ChoiceBadgeColumn

from .choices import RoundStatus
from .models import ObservationRound


class RoundTable(tables.Table):
    name = tables.Column(verbose_name=_("Round"), linkify=True)
    campaign = tables.Column(order_by=("campaign__year", "campaign__region__name"))
    held_on = tables.DateColumn(format="Y-m-d", attrs={"td": {"class": "nowrap"}})
    status = ChoiceBadgeColumn(choices=RoundStatus)

    class Meta:
        model = ObservationRound
        fields = ("name", "campaign", "held_on", "status")
        attrs = {"class": "table"}
        empty_text = _("No observation round yet.")
