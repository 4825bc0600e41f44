"""A worksheet read into plain values: rows of cells, the merged ranges, formulas computed.

.xlsx through openpyxl in read-only mode (it streams the XML: 5,000 rows stay light), .xls
through xlrd. Merged ranges matter for two-row headers, which openpyxl's streaming mode does not
report, so they are read from the sheet's XML separately. Formulas (小计/合计 rows, a 全年 column
that adds the quarters) are computed by ``formulas`` from the sheet itself, so a workbook saved
by a program that stores no results reads the same as one saved by Excel or WPS; a formula we
cannot compute falls back to the result the file stored.
"""

import contextlib
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO

from django.conf import settings
from openpyxl import load_workbook

from . import formulas
from .errors import WorkbookRefused
from .guard import NOT_A_WORKBOOK

MERGE = re.compile(rb"<(?:\w+:)?mergeCell\s+ref=\"([A-Z]+)(\d+):([A-Z]+)(\d+)\"")
Progress = Callable[[int], None]


@dataclass
class Grid:
    """One sheet: ``rows`` of values (str, int, float, datetime, None), all ``width`` long;
    ``merges`` as 0-based (first row, first column, last row, last column)."""

    name: str
    rows: list[list]
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    unknown: dict[tuple[int, int], str] = field(default_factory=dict)  # formulas not computed

    @property
    def width(self) -> int:
        return len(self.rows[0]) if self.rows else 0

    def value(self, row: int, column: int):
        if row < len(self.rows) and column < len(self.rows[row]):
            return self.rows[row][column]
        return None


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters.decode():
        number = number * 26 + ord(letter) - 64
    return number


def sheet_names(stream: IO[bytes], kind: str) -> list[str]:
    """The visible sheets, in the workbook's order."""
    stream.seek(0)
    try:
        if kind == "xls":
            book = _xls_book(stream)
            return [s.name for s in book.sheets() if getattr(s, "visibility", 0) == 0]
        workbook = load_workbook(stream, read_only=True)
        try:
            return [ws.title for ws in workbook.worksheets if ws.sheet_state == "visible"]
        finally:
            workbook.close()
    except WorkbookRefused:
        raise
    except Exception as exc:  # any unreadable file means the same to the user
        raise WorkbookRefused(NOT_A_WORKBOOK) from exc


def read_sheet(
    stream: IO[bytes], kind: str, name: str, *, limit: int | None = None, progress=None
) -> Grid:
    """Sheet ``name`` as a ``Grid``; ``limit`` reads only the first rows (to find the header).
    ``progress(rows_read)`` is called every few hundred rows."""
    stream.seek(0)
    try:
        if kind == "xls":
            return _read_xls(stream, name, limit)
        return _read_xlsx(stream, name, limit, progress)
    except WorkbookRefused:
        raise
    except Exception as exc:
        raise WorkbookRefused(NOT_A_WORKBOOK) from exc


def _read_xlsx(stream, name: str, limit: int | None, progress) -> Grid:
    width = settings.WORKBOOK_MAX_COLUMNS
    with contextlib.ExitStack() as stack:
        # Formulas as text: we compute them, so files saved without results read the same.
        workbook = load_workbook(stream, read_only=True, data_only=False)
        stack.callback(workbook.close)
        sheet = workbook[name]
        rows = []
        for values in sheet.iter_rows(max_row=limit, max_col=width, values_only=True):
            rows.append(list(values))
            if progress and len(rows) % 500 == 0:
                progress(len(rows))
        # The sheet's own XML part; read-only sheets do not report their merged cells.
        merges = _xlsx_merges(workbook._archive, sheet._worksheet_path)
    grid = Grid(name, _trim(rows, width), merges)
    if _compute(grid) and limit is None:
        _cached_results(stream, grid)
    return grid


def _xlsx_merges(archive, path: str) -> list[tuple[int, int, int, int]]:
    merges, tail = [], b""
    with archive.open(path) as xml:
        while chunk := xml.read(1 << 20):
            buffer = tail + chunk
            merges += [
                (int(m[2]) - 1, _column_number(m[1]) - 1, int(m[4]) - 1, _column_number(m[3]) - 1)
                for m in MERGE.finditer(buffer)
            ]
            # A merge tag cut by the chunk edge is found whole in the next buffer.
            tail = buffer[-64:]
            merges = list(dict.fromkeys(merges))
    return merges


def _cached_results(stream, grid: Grid) -> None:
    """Formulas we could not compute: take the result the file stored, if it stored one."""
    stream.seek(0)
    workbook = load_workbook(stream, read_only=True, data_only=True)
    try:
        wanted = dict(grid.unknown)
        for r, values in enumerate(
            workbook[grid.name].iter_rows(max_col=grid.width or 1, values_only=True)
        ):
            for (row, column), _text in list(wanted.items()):
                if row == r and column < len(values) and values[column] is not None:
                    grid.rows[row][column] = values[column]
                    grid.unknown.pop((row, column))
                    wanted.pop((row, column))
            if not wanted:
                break
    finally:
        workbook.close()


def _xls_book(stream):
    import xlrd  # the kept reader of the old binary format

    # formatting_info gives the merged ranges of the headers.
    return xlrd.open_workbook(file_contents=stream.read(), formatting_info=True)


def _read_xls(stream, name: str, limit: int | None) -> Grid:
    import xlrd

    book = _xls_book(stream)
    sheet = book.sheet_by_name(name)
    width = min(sheet.ncols, settings.WORKBOOK_MAX_COLUMNS)
    count = sheet.nrows if limit is None else min(limit, sheet.nrows)
    rows = []
    for r in range(count):
        row = []
        for c in range(width):
            cell = sheet.cell(r, c)
            if cell.ctype == xlrd.XL_CELL_DATE:
                row.append(xlrd.xldate.xldate_as_datetime(cell.value, book.datemode))
            elif cell.ctype in (xlrd.XL_CELL_NUMBER, xlrd.XL_CELL_TEXT):
                row.append(cell.value if cell.value != "" else None)
            elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
                row.append(bool(cell.value))
            else:
                row.append(None)
        rows.append(row)
    merges = [(r1, c1, r2 - 1, c2 - 1) for r1, r2, c1, c2 in sheet.merged_cells]
    # An .xls keeps every formula's result, which is what xlrd reads.
    return Grid(name, _trim(rows, width), merges)


def _trim(rows: list[list], width: int) -> list[list]:
    """Drop columns that are empty in every row; pad every row to the same width."""
    used = 0
    for row in rows:
        for c in range(len(row) - 1, used - 1, -1):
            value = row[c]
            if value is not None and not (isinstance(value, str) and not value.strip()):
                used = c + 1
                break
    used = min(used, width)
    return [(row[:used] + [None] * (used - len(row))) for row in rows]


def _compute(grid: Grid) -> bool:
    """Replace each formula by its value; True if some could not be computed."""
    cells = {
        (r, c): value
        for r, row in enumerate(grid.rows)
        for c, value in enumerate(row)
        if isinstance(value, str) and value.startswith("=")
    }
    if not cells:
        return False
    results = formulas.evaluate_all(grid.rows, cells)
    for (r, c), result in results.items():
        if result is formulas.UNKNOWN:
            grid.unknown[(r, c)] = cells[(r, c)]
            grid.rows[r][c] = None
        else:
            grid.rows[r][c] = result
    return bool(grid.unknown)


def excel_date(serial: float) -> dt.date | None:
    """An Excel serial day number (1900 system) as a date, when it is a plausible one."""
    if not 32874 <= serial <= 73415:  # 1990-01-01 … 2100-12-31
        return None
    return dt.date(1899, 12, 30) + dt.timedelta(days=int(serial))
