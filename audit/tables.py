"""The audit log's table: newest first, only the time sorts (the indexes are by time)."""

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from accounts.choices import Role

from .kinds import EndReason, Kind, Result
from .models import Entry

RESULT_COLOURS = {Result.OK: "blue", Result.REFUSED: "orange", Result.FAILED: "red"}
ROLES = dict(Role.choices)
REASONS = dict(EndReason.choices)


def detail_text(entry: Entry) -> str:
    """The detail as a person reads it: a session's end reason in words."""
    if entry.kind == Kind.SESSION_ENDED and entry.detail in REASONS:
        return str(REASONS[entry.detail])
    return entry.detail


class EntryTable(tables.Table):
    at = tables.DateTimeColumn(
        verbose_name=_("Time"), format="Y-m-d H:i:s", attrs={"td": {"class": "nowrap"}}
    )
    username = tables.Column(verbose_name=_("Account"), orderable=False)
    role = tables.Column(verbose_name=_("Role"), orderable=False)
    address = tables.Column(verbose_name=_("Address"), orderable=False)
    kind = tables.Column(
        verbose_name=_("Event"), orderable=False, attrs={"td": {"class": "nowrap"}}
    )
    target = tables.Column(verbose_name=_("Object"), orderable=False)
    result = tables.Column(verbose_name=_("Result"), orderable=False)
    detail = tables.Column(verbose_name=_("Detail"), orderable=False, empty_values=())

    class Meta:
        model = Entry
        fields = ("at", "username", "role", "address", "kind", "target", "result", "detail")
        order_by = ("-at",)
        attrs = {"class": "table audit-table"}

    def render_role(self, value):
        return ROLES.get(value, value)

    def render_result(self, value, record):
        colour = RESULT_COLOURS.get(record.result, "grey")
        return format_html('<span class="badge badge-{}">{}</span>', colour, value)

    def render_detail(self, record):
        return format_html('<span class="small">{}</span>', detail_text(record))
