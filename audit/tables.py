"""The audit log's table: newest first, only the time sorts (the indexes are by time). Its rows
are drawn by audit/table.html straight from the entries: at 50 rows a page the generic cell
machinery cost more than the search at 10 million entries (scripts/bench_audit.py)."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from .models import Entry


class EntryTable(tables.Table):
    at = tables.DateTimeColumn(verbose_name=_("Time"), attrs={"th": {"class": "nowrap"}})
    username = tables.Column(verbose_name=_("Account"), orderable=False)
    role = tables.Column(verbose_name=_("Role"), orderable=False)
    address = tables.Column(verbose_name=_("Address"), orderable=False)
    kind = tables.Column(verbose_name=_("Event"), orderable=False)
    target = tables.Column(verbose_name=_("Object"), orderable=False)
    result = tables.Column(verbose_name=_("Result"), orderable=False)
    detail = tables.Column(verbose_name=_("Detail"), orderable=False)

    class Meta:
        model = Entry
        fields = ("at", "username", "role", "address", "kind", "target", "result", "detail")
        order_by = ("-at",)
        attrs = {"class": "table audit-table"}
        template_name = "audit/table.html"
