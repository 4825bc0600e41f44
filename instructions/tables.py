import django_tables2 as tables
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from config.cells import draw_row
from config.tables import LeanTable, pk_url

from . import cells
from .models import Instruction


class WrittenColumn(tables.Column):
    """The time written, local (plain Python: a DateTimeColumn renders a template per cell)."""

    def render(self, value):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


class InstructionTable(LeanTable):
    """The 批示 list, drawn from ``instructions.rows`` (plain rows, not model instances)."""

    # Its head's attributes and headers are computed from nothing but the order and language
    # (config.table_html keeps them).
    fixed_head = True

    created_at = WrittenColumn(verbose_name=_("Written at"), order_by=("created_at", "pk"))
    text = tables.Column(
        verbose_name=_("Instruction"),
        linkify=pk_url("instructions:detail"),
        order_by=("text", "pk"),
    )
    author = tables.Column(
        verbose_name=_("Written by"),
        accessor="author_label",
        order_by=("author_label", "pk"),  # as the cell shows the name
    )
    on = tables.Column(verbose_name=_("On"), empty_values=(), orderable=False)
    # Called for an open one too (no answer yet): its status is "open", not an empty cell.
    answered_at = tables.Column(
        verbose_name=_("Status"), empty_values=(), order_by=("answered_at", "pk")
    )

    class Meta:
        model = Instruction
        fields = ("created_at", "text", "author", "on", "answered_at")
        attrs = {"class": "table"}
        empty_text = _("No 批示.")

    def draw_row(self, row, context) -> SafeString:
        """A row's ``<tr>`` drawn from its plain row (``instructions.cells``)."""
        return draw_row(self, row, context, cells.CELLS)

    def render_on(self, record):
        return record.on

    def render_answered_at(self, value, record):
        # Translated now, not lazily: a lazy string was escaped through its proxy in each row.
        return gettext("Answered") if value else gettext("Open")

    def value_text(self, value, record):
        return value
