"""The 批示 list's cells drawn from its plain rows (``instructions.rows``), each column's by one
function of its row (config.cells). tests/instructions/test_instruction_rows.py holds them to
the same HTML as django-tables2's own."""

from html import escape

from django.utils.translation import gettext

from config.cells import Draw, Drawers, link_cell, local_time_cell, text_cell
from config.tables import pk_url


def _on() -> Draw:
    return lambda record: escape(str(record.on))


def _status() -> Draw:
    answered, open_ = escape(gettext("Answered")), escape(gettext("Open"))
    return lambda record: answered if record["answered_at"] else open_


# Each column of InstructionTable by name: what draws its cells, made once per table.
CELLS: Drawers = {
    "created_at": local_time_cell("created_at"),  # WrittenColumn
    "text": link_cell("text", pk_url("instructions:detail")),
    "author": text_cell("author_label"),
    "on": _on,
    "answered_at": _status,
}
