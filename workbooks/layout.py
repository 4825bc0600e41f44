"""Where the header is, what unit the money is in, what each column means, and what each
row is (a project, a group heading, a 小计/合计, a note, a blank spacer). Pure: a grid in."""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from openpyxl.utils import get_column_letter

from . import fields
from .format import MONEY_UNITS, TARGET_LABELS
from .grid import Grid
from .values import Bad, blank, choice, key, text

HEADER_SEARCH_ROWS = 20
UNIT_ROW = re.compile(r"单位[:：]\s*(万元|亿元|元)")
GROUP = re.compile(
    r"^(?:[一二三四五六七八九十百]+[、.．]|[(（][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+[类部批])"
)
GROUP_COUNT = re.compile(r"[(（]\s*(\d+)\s*个\s*[)）]")
TOTAL = re.compile(r"^(合计|总计|全区合计|总合计|全市合计|全县合计)")
SUBTOTAL = re.compile(r"^(小计|分计|[一二三四五六七八九十]+[、.．]?\S*小计)")
NUMERAL = re.compile(r"^[(（]?[一二三四五六七八九十]+[)）、.．]?$")
NOTE = re.compile(r"^(注|备注|说明|填表说明|填报说明|数据来源|附注)\s*[:：\d]")
CATEGORY_WORDS: tuple[tuple[str, str], ...] = (("产业", "industry"), ("工业", "industry"))
CATEGORY_WORDS += (("基础设施", "infrastructure"),)
CATEGORY_WORDS += (("城建", "infrastructure"), ("交通", "infrastructure"))
CATEGORY_WORDS += (("民生", "livelihood"), ("社会", "livelihood"), ("公共服务", "livelihood"))


@dataclass
class Column:
    """A column of the sheet as the preview shows it: letter, header, proposed field."""

    index: int
    letter: str
    upper: str
    lower: str
    field: str
    unit: str | None  # the money unit its own header names, if any

    @property
    def label(self) -> str:
        return "/".join(part for part in (self.upper, self.lower) if part) or self.letter

    @property
    def header_key(self) -> str:
        return fields.header_key(self.label)


@dataclass
class Layout:
    """The sheet's shape: header rows (0-based), title, money unit and the columns."""

    header_rows: list[int]
    title: str
    money_unit: str
    unit_found: bool
    columns: list[Column] = field(default_factory=list)

    @property
    def first_data_row(self) -> int:
        return self.header_rows[-1] + 1


def header_score(row: list) -> int:
    """How many cells of a row read as known headers."""
    return sum(1 for value in row if fields.SYNONYMS.get(fields.header_key(text(value))))


def find_header(grid: Grid) -> int | None:
    """The row (0-based) with most known headers, if it has at least two."""
    best, best_score = None, 1
    for r, row in enumerate(grid.rows[:HEADER_SEARCH_ROWS]):
        score = header_score(row)
        if score > best_score:
            best, best_score = r, score
    return best


def _merged_value(grid: Grid, row: int, column: int):
    """A cell's value, or the value of the merged range that covers it."""
    for r1, c1, r2, c2 in grid.merges:
        if r1 <= row <= r2 and c1 <= column <= c2:
            return grid.value(r1, c1), (r1, c1) != (row, column), r1 < row
    return grid.value(row, column), False, False


def _is_subheader(grid: Grid, row: int, header: int) -> bool:
    """Is the row under the header a second header row ("全年", "其中：一季度")?"""
    if row >= len(grid.rows):
        return False
    cells = [v for v in grid.rows[row] if not blank(v)]
    if not cells or not all(isinstance(v, str) for v in cells):
        return False
    spans = any(r1 == header and c2 > c1 for r1, c1, r2, c2 in grid.merges)
    known = any(
        fields.header_key(v) in fields.WHOLE_YEAR or fields.SYNONYMS.get(fields.header_key(v))
        for v in cells
    )
    under_blank = any(
        not blank(grid.value(row, c)) and blank(grid.value(header, c)) for c in range(grid.width)
    )
    return (spans or under_blank) and known and not GROUP.match(key(cells[0]))


def detect(grid: Grid, year: int, *, header_row: int | None = None) -> Layout | None:
    """The layout of ``grid``; None if no header row can be found. ``header_row`` (0-based)
    overrides the detected one."""
    header = header_row if header_row is not None else find_header(grid)
    if header is None or header >= len(grid.rows):
        return None
    rows = [header]
    if _is_subheader(grid, header + 1, header):
        rows.append(header + 1)
    above = [text(v) for r in range(header) for v in grid.rows[r] if not blank(v)]
    title = next((t for t in above if not UNIT_ROW.search(key(t))), "")
    unit_text = " ".join([*above, *(text(v) for v in grid.rows[header] if not blank(v))])
    found = UNIT_ROW.search(key(unit_text))
    layout = Layout(rows, title, found[1] if found else "万元", bool(found))
    for c in range(grid.width):
        upper, covered, _ = _merged_value(grid, header, c)
        lower = ""
        if len(rows) == 2:
            value, _, from_above = _merged_value(grid, header + 1, c)
            lower = "" if from_above else text(value)
            if blank(upper) and lower and not covered and c > 0:
                upper = layout.columns[-1].upper  # no merge recorded: the group on the left
        upper = text(upper)
        proposed = fields.propose(upper, lower, year)
        unit = fields.header_unit(upper + lower)
        layout.columns.append(Column(c, get_column_letter(c + 1), upper, lower, proposed, unit))
    _settle(layout, grid)
    return layout


def _settle(layout: Layout, grid: Grid) -> None:
    """One column per field (the first wins); a "年度目标" column of free text is the goal."""
    seen = set()
    for column in layout.columns:
        if column.field and column.field in seen:
            column.field = fields.IGNORE
        seen.add(column.field)
    for column in layout.columns:
        if column.field != "target":
            continue
        values = [grid.value(r, column.index) for r in range(layout.first_data_row, len(grid.rows))]
        values = [v for v in values if not blank(v)]
        bad = sum(isinstance(choice(v, TARGET_LABELS), Bad) for v in values)
        if values and bad * 2 > len(values) and "annual_goal" not in seen:
            column.field = "annual_goal"


def apply_mapping(layout: Layout, mapping: dict[str, str]) -> None:
    """Columns named in ``mapping`` (by letter, or by header as a saved template keys them)
    take the field it says; an unknown field name is ignored."""
    for column in layout.columns:
        for name in (column.letter, column.header_key):
            if name in mapping and (mapping[name] in fields.BY_KEY or mapping[name] == ""):
                column.field = mapping[name]
                break
    seen = set()
    for column in layout.columns:
        if column.field and column.field in seen:
            column.field = fields.IGNORE
        seen.add(column.field)


def money_unit(layout: Layout, column: Column):
    return MONEY_UNITS[column.unit or layout.money_unit]


def row_kind(values: list, name_column: int | None) -> tuple[str, str]:
    """What a row is: ("blank"|"total"|"subtotal"|"note"|"group"|"data", the text that says so)."""
    texts = [text(v) for v in values if not blank(v)]
    if not texts:
        return "blank", ""
    first = key(texts[0])
    for candidate in texts[:3]:
        plain = key(candidate)
        if TOTAL.match(plain):
            return "total", candidate
        if SUBTOTAL.match(plain):
            return "subtotal", candidate
    if NOTE.match(first) or (first.startswith(("注", "说明")) and len(texts) == 1):
        return "note", texts[0]
    numbers = [v for v in values if isinstance(v, int | float | Decimal) and v is not True]
    name = text(values[name_column]) if name_column is not None else ""
    heading = next((t for t in texts[:2] if GROUP.match(key(t))), "")
    # A heading row often carries its group's subtotals, so numbers do not make it a project.
    if heading and (not name or name == heading):
        return "group", heading
    if len(texts) <= 2 and NUMERAL.match(first) and not numbers:
        return "group", "".join(texts)
    if len(texts) == 1 and not numbers and not name and ("项目" in first or "类" in first):
        return "group", texts[0]
    return "data", ""


def group_category(heading: str) -> str | None:
    for word, category in CATEGORY_WORDS:
        if word in heading:
            return category
    return None


def group_count(heading: str) -> int | None:
    """The count a heading states: "一、产业类项目（32个）" → 32."""
    match = GROUP_COUNT.search(key(heading))
    return int(match[1]) if match else None
