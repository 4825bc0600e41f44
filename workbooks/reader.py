"""From an uploaded file to the parsed sheet stored on the import run (plain JSON).

guard (before anything is parsed) → the sheet → its layout → the mapping (proposed, or the
district's saved template, or the supervisor's edits) → every row read. No database writes.
"""

import json
from typing import IO

from django.core.serializers.json import DjangoJSONEncoder

from . import fields, grid, guard, layout, parse
from .errors import WorkbookError, WorkbookRefused
from .format import MONEY_UNITS, NODE_SHEET, PROJECT_SHEET

SNIFF_ROWS = 25


def choose_sheet(stream: IO[bytes], kind: str, wanted: str = "") -> tuple[str, list[str]]:
    """The sheet to read: the one asked for, 「项目清单」, or the one that looks most like a
    register (most known headers in its first rows)."""
    names = grid.sheet_names(stream, kind)
    if not names:
        raise WorkbookRefused("工作簿中没有可见的工作表")
    if wanted in names:
        return wanted, names
    if PROJECT_SHEET in names:
        return PROJECT_SHEET, names
    best, best_score = names[0], 0
    for name in names:
        head = grid.read_sheet(stream, kind, name, limit=SNIFF_ROWS)
        score = max((layout.header_score(row) for row in head.rows), default=0)
        if score > best_score:
            best, best_score = name, score
    return best, names


def read(
    stream: IO[bytes],
    *,
    year: int,
    options: dict | None = None,
    mapping: dict | None = None,
    progress=None,
) -> dict:
    """The parsed sheet as JSON-ready data. Raises WorkbookError when nothing can be read."""
    options = options or {}
    checked = guard.check_workbook(stream)
    sheet, names = choose_sheet(stream, checked.kind, options.get("sheet", ""))
    total = max(checked.total_rows, 1)
    sheet_grid = grid.read_sheet(
        stream, checked.kind, sheet, progress=progress and (lambda n: progress(n, total))
    )
    header_row = options.get("header_row")
    found = layout.detect(sheet_grid, year, header_row=header_row - 1 if header_row else None)
    if found is None:
        raise WorkbookError(
            [
                f"在工作表「{sheet}」的前{layout.HEADER_SEARCH_ROWS}行找不到表头"
                "（如「项目名称」「责任单位」「总投资」），请检查工作表或指定表头所在行"
            ]
        )
    if options.get("money_unit") in MONEY_UNITS:
        found.money_unit, found.unit_found = options["money_unit"], True
    if mapping:
        layout.apply_mapping(found, mapping)
    parsed = parse.parse(sheet_grid, found, year)
    nodes = []
    if NODE_SHEET in names and sheet != NODE_SHEET:
        nodes = parse.parse_nodes(grid.read_sheet(stream, checked.kind, NODE_SHEET), year)
    data = {
        "kind": checked.kind,
        "sheet": sheet,
        "sheets": names,
        "title": found.title,
        "header_rows": [r + 1 for r in found.header_rows],
        "money_unit": found.money_unit,
        "unit_found": found.unit_found,
        "layout_columns": [
            {
                "letter": c.letter,
                "label": c.label,
                "key": c.header_key,
                "field": c.field,
                "unit": c.unit,
                "sample": _sample(sheet_grid, found, c.index),
            }
            for c in found.columns
        ],
        "columns": {c.field: (c.letter, c.label) for c in found.columns if c.field},
        "mapped": sorted(parsed.mapped),
        "problems": parsed.problems,
        "rows": [
            {
                "row": r.row,
                "values": r.values,
                "errors": [str(e) for e in r.errors],
                "warnings": r.warnings,
                "group": r.group,
                "group_category": r.group_category,
            }
            for r in parsed.rows
        ],
        "skipped": [{"row": s.row, "kind": s.kind, "text": s.text} for s in parsed.skipped],
        "sheet_totals": parsed.sheet_totals,
        "total_row": parsed.total_row,
        "groups": parsed.groups,
        "nodes": nodes,
    }
    # Through JSON once: what is stored on the run is exactly what the preview computes from.
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def _sample(sheet_grid, found, column: int) -> str:
    """The first filled value below the header, to help the supervisor map the column."""
    for r in range(found.first_data_row, min(len(sheet_grid.rows), found.first_data_row + 12)):
        value = sheet_grid.value(r, column)
        if value not in (None, ""):
            text = parse.values.text(value)
            return text if len(text) <= 24 else text[:23] + "…"
    return ""


FIELD_CHOICES = [("", "（不导入）")] + [(f.key, f.label) for f in fields.FIELDS]
