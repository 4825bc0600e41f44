"""The Excel workbook of a snapshot, with openpyxl in write-only mode (a province's 5,000
projects stream row by row): Chinese sheet names and headers, a title line, frozen headers,
number formats, and a totals row in bold. Text from a person (project, unit, leader names) goes
through ``config.xlsx`` so it is never written as a formula."""

from decimal import Decimal, InvalidOperation
from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from config.xlsx import neutralize, text_cell

from ..kinds.sheets import INT, MONEY, NUMBER, PCT, POINTS, SCORE, Sheet

FORMATS = {
    MONEY: "#,##0.00",
    PCT: "0.0%",
    POINTS: "+0.0;-0.0;0.0",
    SCORE: "0.00",
    INT: "0",
    NUMBER: "0.0",
}
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=13)
HEAD_FILL = PatternFill("solid", fgColor="DCE6F2")
TOTAL_FILL = PatternFill("solid", fgColor="F2F2F2")
WRAP = Alignment(wrap_text=True, vertical="top")


def _value(raw, fmt: str):
    """A snapshot value (string or number) as the cell's value: numbers stay numbers."""
    if raw in (None, ""):
        return None
    if fmt == "text":
        return raw if isinstance(raw, int | float) else str(raw)
    try:
        number = Decimal(str(raw))
    except InvalidOperation:
        return str(raw)
    if fmt == PCT:
        return number / 100
    if fmt == INT:
        return int(number)
    return number


def _row(ws, sheet: Sheet, values: dict, font=None, fill=None) -> list:
    cells = []
    for column in sheet.columns:
        value = _value(values.get(column.key), column.fmt)
        if font is None and column.fmt == "text" and column.width < 40:
            cells.append(text_cell(ws, value))  # a plain value is far cheaper than a styled cell
            continue
        cell = neutralize(WriteOnlyCell(ws, value=value))
        if column.fmt in FORMATS:
            cell.number_format = FORMATS[column.fmt]
        if column.width >= 40:
            cell.alignment = WRAP
        if font is not None:
            cell.font, cell.fill = font, fill
        cells.append(cell)
    return cells


def render_xlsx(sheets: list[Sheet], title: str) -> bytes:
    """The workbook's bytes; each sheet starts with ``title`` and its own name."""
    workbook = Workbook(write_only=True)
    for sheet in sheets:
        ws = workbook.create_sheet(sheet.name[:31])
        for index, column in enumerate(sheet.columns, start=1):
            ws.column_dimensions[get_column_letter(index)].width = column.width
        ws.freeze_panes = "A3"
        heading = neutralize(WriteOnlyCell(ws, value=f"{title} · {sheet.title or sheet.name}"))
        heading.font = TITLE
        ws.append([heading])
        header = []
        for column in sheet.columns:
            # A header may be typed by a person too (an observation criterion's name).
            cell = neutralize(WriteOnlyCell(ws, value=column.header))
            cell.font, cell.fill, cell.alignment = BOLD, HEAD_FILL, WRAP
            header.append(cell)
        ws.append(header)
        for row in sheet.rows:
            ws.append(_row(ws, sheet, row))
        if sheet.totals:
            ws.append(_row(ws, sheet, sheet.totals_row(), BOLD, TOTAL_FILL))
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
