"""A sheet's rows read through its layout: each project row's values, or its errors by row and
column; group headings, 小计/合计, notes and blank rows set aside and said so. Pure: no database.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import models

from accounts.models import Leader, Unit
from projects.models import Project, TaskForce

from . import fields, values
from .errors import RowError
from .format import (
    CATEGORY_LABELS,
    CODE,
    NODE_KIND,
    NODE_KIND_LABELS,
    NODE_NAME,
    NODE_SHEET,
    PLANNED,
    REACHED,
    STAGE_LABELS,
    TARGET_LABELS,
)
from .grid import Grid
from .layout import UNIT_ROW, Layout, group_category, group_count, money_unit, row_kind

TEXT_FIELDS: tuple[str, ...] = ("code", "name", "task_force", "description", "annual_goal")
TEXT_FIELDS += ("location", "owner")
TEXT_FIELDS += ("remarks",)
DATE_FIELDS = ("start_date", "completion_date", "production_date")


def _max_length(model: type[models.Model], name: str) -> int:
    field = model._meta.get_field(name)
    assert isinstance(field, models.Field) and field.max_length is not None  # a CharField each
    return field.max_length


MAX_LENGTHS = {
    "code": _max_length(Project, "code"),
    "name": _max_length(Project, "name"),
    "unit": _max_length(Unit, "name"),
    "leader": _max_length(Leader, "name"),
    "leader_title": _max_length(Leader, "title"),
    "task_force": _max_length(TaskForce, "name"),
    "location": _max_length(Project, "location"),
    "owner": _max_length(Project, "owner"),
}
CATEGORY_WORDS = {"产业": "industry", "产业项目": "industry", "工业": "industry"}
CATEGORY_WORDS |= {"基础设施": "infrastructure", "城建": "infrastructure"}
CATEGORY_WORDS |= {"城市建设": "infrastructure", "交通": "infrastructure"}
CATEGORY_WORDS |= {"民生": "livelihood", "社会民生": "livelihood", "社会事业": "livelihood"}
CATEGORY_WORDS |= {"民生类": "livelihood", "社会事业类": "livelihood", "公共服务": "livelihood"}
STAGE_WORDS = {"前期准备": "preparation", "谋划": "preparation", "新建": "preparation"}
STAGE_WORDS |= {"新开工": "started", "已开工": "started", "在建": "construction"}
STAGE_WORDS |= {"续建": "construction", "建设中": "construction", "已竣工": "completed"}
STAGE_WORDS |= {"已投产": "production", "投产运营": "production"}
TARGET_WORDS = {"投产": "production", "投产达效类": "production", "达效": "production"}
TARGET_WORDS |= {"加快建设类": "accelerate", "加快推进": "accelerate", "建设": "accelerate"}
REQUIRED = (("name", "项目名称"), ("unit", "责任单位"), ("leader", "包靠领导"), ("total", "总投资"))


@dataclass
class ParsedRow:
    """A project row: ``values`` by field for the cells that are filled and readable."""

    row: int  # the sheet's own row number
    values: dict = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    group: int | None = None
    group_category: str | None = None


@dataclass
class Skipped:
    row: int
    kind: str  # title, header, blank, group, subtotal, total, note
    text: str


@dataclass
class Parsed:
    """Everything the sheet says, before it is compared with the register."""

    layout: Layout
    rows: list[ParsedRow] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    sheet_totals: dict[str, Decimal | None] = field(default_factory=dict)
    total_row: int | None = None
    groups: list[dict] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # the mapping cannot import

    @property
    def mapped(self) -> set[str]:
        return {column.field for column in self.layout.columns if column.field}


def mapping_problems(layout: Layout) -> list[str]:
    mapped = {column.field for column in layout.columns if column.field}
    problems = [f"没有对应「{label}」的列" for key, label in REQUIRED if key not in mapped]
    has_plan = "annual" in mapped or set(fields.MONTH_FIELDS) <= mapped
    if not has_plan and not set(fields.QUARTER_FIELDS) <= mapped:
        problems.append("没有对应「年度计划投资」的列（或1—12月、四个季度的计划）")
    return problems


def parse(grid: Grid, layout: Layout, year: int, progress=None) -> Parsed:
    """Read every row below the header through ``layout``."""
    parsed = Parsed(layout, problems=mapping_problems(layout))
    for r in range(layout.first_data_row):
        texts = [values.text(v) for v in grid.rows[r] if not values.blank(v)]
        if texts:
            kind = "header" if r in layout.header_rows else "title"
            if kind == "title" and UNIT_ROW.search(values.key(" ".join(texts))):
                kind = "unit"
            parsed.skipped.append(Skipped(r + 1, kind, " ".join(texts)[:80]))
    by_field = {column.field: column for column in layout.columns if column.field}
    name_column = by_field["name"].index if "name" in by_field else None
    group, group_cat = 0, None
    group_row: dict[str, Any] | None = None
    for r in range(layout.first_data_row, len(grid.rows)):
        cells = grid.rows[r]
        kind, said = row_kind(cells, name_column)
        if kind != "data":
            parsed.skipped.append(Skipped(r + 1, kind, said[:80]))
            if kind == "group":
                group, group_cat = group + 1, group_category(said)
                group_row = {"row": r + 1, "heading": said, "stated": group_count(said), "found": 0}
                parsed.groups.append(group_row)
            elif kind == "total":
                parsed.total_row = r + 1
                parsed.sheet_totals = _totals(grid, layout, by_field, r)
            if progress and r % 500 == 0:
                progress(r)
            continue
        row = _row(grid, layout, by_field, r, year)
        row.group, row.group_category = (group or None), group_cat
        if group_row is not None:
            group_row["found"] += 1
        parsed.rows.append(row)
        if progress and r % 500 == 0:
            progress(r)
    return parsed


def _totals(grid: Grid, layout: Layout, by_field, r: int) -> dict:
    totals: dict[str, Decimal | str | None] = {}
    for name in ("annual", "total"):
        column = by_field.get(name)
        if column is None:
            continue
        if (r, column.index) in grid.unknown:
            totals[name] = "unknown"
            continue
        amount = values.money(grid.value(r, column.index), money_unit(layout, column))
        totals[name] = None if isinstance(amount, values.Bad) else amount
    return totals


def _row(grid: Grid, layout: Layout, by_field: dict, r: int, year: int) -> ParsedRow:
    row = ParsedRow(r + 1)

    def fail(column, message):
        row.errors.append(RowError(r + 1, column.letter, column.label, message))

    for name, column in by_field.items():
        raw = grid.value(r, column.index)
        if (r, column.index) in grid.unknown:
            fail(column, f"公式无法计算：{grid.unknown[(r, column.index)]}，请改为数值")
            continue
        if values.blank(raw):
            continue
        value = _read(name, raw, layout, column, year, row)
        if isinstance(value, values.Bad):
            fail(column, str(value))
        elif value is not None:
            limit = MAX_LENGTHS.get(name)
            if limit and isinstance(value, str) and len(value) > limit:
                fail(column, f"超过{limit}个字符")
            else:
                row.values[name] = value
    for key, _label in REQUIRED:
        column = by_field.get(key)
        if column is not None and key not in row.values and not _failed(row, column):
            fail(column, "不能为空" if key != "name" else "缺少项目名称")
    leader = row.values.get("leader")
    if leader and len(leader[1]) > MAX_LENGTHS["leader_title"]:
        fail(by_field["leader"], f"职务超过{MAX_LENGTHS['leader_title']}个字符")
    _check_plan(row, by_field)
    return row


def _failed(row: ParsedRow, column) -> bool:
    return any(error.column == column.letter for error in row.errors)


def _read(name: str, raw, layout: Layout, column, year: int, row: ParsedRow):
    if name in fields.MONEY_FIELDS:
        return values.money(raw, money_unit(layout, column))
    if name in TEXT_FIELDS:
        return values.text(raw)
    if name == "seq":
        return values.sequence(raw)
    if name in ("lat", "lon"):
        return values.coordinate(raw, name)
    if name == "unit":
        found = values.organisation(raw)
        if found and found[1]:
            row.warnings.append(f"{column.letter}列写了多个单位，取第一个：{found[0]}")
        return found[0] if found else None
    if name == "leader":
        person = values.person(raw)
        if person and person[2]:
            row.warnings.append(f"{column.letter}列写了多位领导，取第一位：{person[0]}")
        return (person[0], person[1]) if person else None
    if name == "category":
        return values.choice(raw, CATEGORY_LABELS, CATEGORY_WORDS)
    if name == "stage":
        return values.choice(raw, STAGE_LABELS, STAGE_WORDS)
    if name == "target":
        return values.choice(raw, TARGET_LABELS, TARGET_WORDS)
    if name == "period":
        return values.period(raw)
    if name in DATE_FIELDS:
        return values.date(raw, year)
    return None


def _check_plan(row: ParsedRow, by_field: dict) -> None:
    """Months or quarters given with the annual figure must add up to it."""
    got = row.values
    months = {m: got[f"m{m}"] for m in range(1, 13) if f"m{m}" in got}
    quarters = {q: got[f"q{q}"] for q in range(1, 5) if f"q{q}" in got}
    annual = got.get("annual")
    tolerance = Decimal("0.01")
    if annual is None and "annual" in by_field and not _failed(row, by_field["annual"]):
        if len(months) == 12 or len(quarters) == 4:
            return  # the annual figure is their sum
        row.errors.append(_plan_error(row, by_field["annual"], "不能为空"))
        return
    if annual is None:
        return
    if months and any(f"m{m}" in by_field for m in range(1, 13)):
        planned = sum(months.values(), Decimal(0))
        if abs(planned - annual) > tolerance:
            message = f"1—12月计划合计 {planned:,.2f} 与年度计划投资 {annual:,.2f} 不符"
            row.errors.append(_plan_error(row, by_field["annual"], message))
    elif quarters:
        planned = sum(quarters.values(), Decimal(0))
        if len(quarters) == 4 and abs(planned - annual) > tolerance:
            message = f"四个季度计划合计 {planned:,.2f} 与年度计划投资 {annual:,.2f} 不符"
            row.errors.append(_plan_error(row, by_field["annual"], message))
        elif planned - annual > tolerance:
            message = f"季度计划合计 {planned:,.2f} 超过年度计划投资 {annual:,.2f}"
            row.errors.append(_plan_error(row, by_field["annual"], message))


def _plan_error(row: ParsedRow, column, message: str) -> RowError:
    return RowError(row.row, column.letter, column.label, message)


def parse_nodes(grid: Grid, year: int) -> list[dict]:
    """The 「节点计划」 sheet of the app's own layout: one milestone per row, by project code."""
    header = next(
        (r for r, row in enumerate(grid.rows[:10]) if CODE in [values.key(v) for v in row]),
        None,
    )
    if header is None:
        return []
    index = {values.key(v): c for c, v in enumerate(grid.rows[header]) if not values.blank(v)}
    nodes = []
    for r in range(header + 1, len(grid.rows)):
        cells = grid.rows[r]
        if all(values.blank(v) for v in cells):
            continue

        def cell(title, cells=cells):
            return cells[index[title]] if title in index and index[title] < len(cells) else None

        errors = []
        where = f"工作表「{NODE_SHEET}」第{r + 1}行"
        code = values.text(cell(CODE))
        kind = values.choice(cell(NODE_KIND), NODE_KIND_LABELS)
        name = values.text(cell(NODE_NAME))
        planned = values.date(cell(PLANNED), year)
        reached = values.date(cell(REACHED), year)
        for title, value, required in (
            (CODE, code, True),
            (NODE_KIND, kind, True),
            (NODE_NAME, name, True),
            (PLANNED, planned, True),
            (REACHED, reached, False),
        ):
            if isinstance(value, values.Bad):
                errors.append(f"{where}「{title}」：{value}")
            elif required and not value:
                errors.append(f"{where}「{title}」：不能为空")
            elif isinstance(value, dt.date) and value.year != year and title == PLANNED:
                errors.append(f"{where}「{title}」：不在{year}年度内：{value.isoformat()}")
        ok = not errors
        nodes.append(
            {
                "row": r + 1,
                "code": code,
                "kind": kind if ok else "",
                "name": name,
                "planned": planned.isoformat() if ok and isinstance(planned, dt.date) else None,
                "reached": reached.isoformat() if ok and isinstance(reached, dt.date) else None,
                "errors": errors,
            }
        )
    return nodes
