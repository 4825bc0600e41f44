import django_tables2 as tables
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import Instruction


class InstructionTable(tables.Table):
    created_at = tables.DateTimeColumn(verbose_name=_("Written at"), format="Y-m-d H:i")
    text = tables.Column(verbose_name=_("Instruction"), linkify=True)
    author = tables.Column(
        verbose_name=_("Written by"), accessor="author__first_name", order_by="author__first_name"
    )
    on = tables.Column(verbose_name=_("On"), empty_values=(), orderable=False)
    # Called for an open one too (no answer yet): its status is "open", not an empty cell.
    answered_at = tables.Column(verbose_name=_("Status"), empty_values=())

    class Meta:
        model = Instruction
        fields = ("created_at", "text", "author", "on", "answered_at")
        attrs = {"class": "table"}
        empty_text = _("No 批示.")

    def render_author(self, record):
        return record.author.display_name

    def render_on(self, record):
        return str(record.on)

    def render_answered_at(self, value, record):
        # Translated now, not lazily: a lazy string was escaped through its proxy in each row.
        return gettext("Answered") if value else gettext("Open")

    def value_text(self, value, record):
        return value
