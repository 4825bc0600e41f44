"""The audit log as CSV for Excel and WPS: UTF-8 with a BOM (else Excel reads it as GBK), and
no cell that a spreadsheet would run as a formula."""

import csv

from django.utils import timezone
from django.utils.translation import gettext as _

from config.xlsx import FORMULA_STARTS

BOM = "\ufeff"


def safe(value) -> str:
    """Text that came from a person (a typed account name) never starts a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class _Echo:
    def write(self, value):
        return value


def csv_lines(entries, *, limit: int):
    """The header, then one line an entry (at most `limit`, then a line that says so)."""
    writer = csv.writer(_Echo())
    yield BOM + writer.writerow(
        [
            _("Time"),
            _("Account"),
            _("Role"),
            _("Address"),
            _("Event"),
            _("Object"),
            _("Result"),
            _("Detail"),
        ]
    )
    count = 0
    for entry in entries.iterator(chunk_size=2000):
        if count == limit:
            yield writer.writerow(
                [_("Only the first %(n)d entries: narrow the search.") % {"n": limit}]
            )
            return
        count += 1
        yield writer.writerow(
            [
                timezone.localtime(entry.at).strftime("%Y-%m-%d %H:%M:%S"),
                safe(entry.username),
                safe(entry.role_label),
                safe(entry.address),
                safe(entry.get_kind_display()),
                safe(entry.target),
                safe(entry.get_result_display()),
                safe(entry.detail_label),
            ]
        )
