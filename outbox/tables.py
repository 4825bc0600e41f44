"""The operations page's table (django-tables2). The state badge comes from the state's colour."""

import django_tables2 as tables
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from config.badges import ChoiceBadgeColumn, marker

from .choices import Status
from .models import Message


class StateColumn(ChoiceBadgeColumn):
    """The message's state; then when it is tried again, and whether it may have gone twice."""

    choices = Status

    def after(self, record):
        extra = ""
        if record.will_retry:
            when = timezone.localtime(record.due_at).strftime("%m-%d %H:%M")
            extra = format_html(' <span class="muted small">{} {}</span>', _("retry at"), when)
        if record.uncertain:
            extra = format_html("{} {}", extra, marker("orange", _("twice?")))
        return extra


class MessageTable(tables.Table):
    created_at = tables.DateTimeColumn(
        verbose_name=_("Created"), format="m-d H:i", attrs={"td": {"class": "nowrap"}}
    )
    kind = tables.Column(attrs={"td": {"class": "nowrap"}})
    channel = tables.Column(attrs={"td": {"class": "nowrap"}})
    address = tables.Column(verbose_name=_("Recipient"))
    subject = tables.Column(verbose_name=_("Message"), orderable=False)
    status = StateColumn(attrs={})
    attempts = tables.Column(attrs={"td": {"class": "num"}, "th": {"class": "num"}})
    last_error = tables.Column(orderable=False)
    sent_at = tables.DateTimeColumn(format="m-d H:i", attrs={"td": {"class": "nowrap"}})
    retry = tables.TemplateColumn(
        template_name="outbox/retry_cell.html",
        verbose_name="",
        orderable=False,
        attrs={"td": {"class": "nowrap"}},
    )

    class Meta:
        model = Message
        fields = (
            "created_at",
            "kind",
            "channel",
            "address",
            "subject",
            "status",
            "attempts",
            "last_error",
            "sent_at",
        )
        order_by = ("-created_at",)
        attrs = {"class": "table outbox-table"}

    def render_address(self, value, record):
        if record.robot_id:
            return str(record.robot.name)
        if record.user_id:
            return format_html(
                "{} <span class='muted small'>{}</span>", record.user.display_name, value
            )
        return value

    def render_subject(self, value, record):
        count = len(record.events or [])
        if count > 1:
            return format_html("{} {}", value, marker("", f"×{count}"))
        return value

    def render_last_error(self, value):
        return format_html('<span class="small">{}</span>', value[:160])
