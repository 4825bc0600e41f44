"""One rule for every .xlsx the app writes: text that came from a person is never a formula.

A name such as ``=HYPERLINK("http://…")`` or ``+1+cmd|' /C calc'!A0`` typed into the register would
otherwise come out of an export as a live formula (OWASP "CSV/formula injection"). openpyxl
itself turns a string beginning with "=" into a formula and "#N/A" into an error; Excel and WPS
re-read "+", "-", "@" (and a leading tab or carriage return) as a formula as soon as the cell is
edited. So such text is written as a string cell with Excel's own "quote prefix" flag — the
apostrophe a person types to force text — which keeps the value exactly as typed and keeps it
text when edited. The full-width forms are flagged too: some input methods convert them.
"""

from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def is_risky(value: object) -> bool:
    """Would Excel or WPS read this text as a formula, now or once the cell is edited?"""
    return isinstance(value, str) and (value.startswith(FORMULA_STARTS) or value in ERROR_CODES)


def neutralize(cell: Cell) -> Cell:
    """Make ``cell`` (already holding its value) a literal text cell if its text is risky."""
    if is_risky(cell.value):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def text_cell(sheet, value):
    """For write-only sheets: ``value`` itself when it is harmless (a plain value is far cheaper
    than a cell), else a quote-prefixed string cell."""
    if not is_risky(value):
        return value
    return neutralize(WriteOnlyCell(sheet, value=value))


def set_value(cell: Cell, value) -> Cell:
    """For ordinary sheets: put ``value`` in ``cell``, as literal text when it is risky."""
    cell.value = value
    return neutralize(cell)
