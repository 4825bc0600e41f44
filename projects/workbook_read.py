"""Reading the register workbook: every cell of both sheets is checked before anything is saved.

A file with any problem is rejected whole, with every problem listed by sheet, row and column
in Chinese, so the supervisor can fix the sheet in one pass. Nothing here writes to the
database; ``workbook.import_register`` saves the rows this module returns.
"""

import contextlib
import datetime as dt
import os
import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from openpyxl import load_workbook

from accounts.models import Leader, Unit

from .models import Campaign, Milestone, Project, TaskForce
from .workbook import (
    ANNUAL,
    CATEGORY,
    CATEGORY_LABELS,
    CODE,
    DESCRIPTION,
    LEADER,
    LOCATION,
    MONTHS,
    NAME,
    NODE_COLUMNS,
    NODE_KIND,
    NODE_KIND_LABELS,
    NODE_NAME,
    NODE_SHEET,
    OWNER,
    PLANNED,
    PROJECT_COLUMNS,
    PROJECT_SHEET,
    REACHED,
    STAGE,
    STAGE_LABELS,
    TARGET,
    TARGET_LABELS,
    TASK_FORCE,
    TOTAL,
    UNIT,
    Column,
    RowError,
    Target,
    WorkbookError,
)

NOT_A_WORKBOOK = "文件不是有效的Excel工作簿（.xlsx）"
CENT = Decimal("0.01")
TOLERANCE = Decimal("0.01")
# MONEY fields hold 14 digits with 2 decimals.
MONEY_LIMIT = Decimal("1e12")
# A title line above the headers is common in the district's sheets; look a few rows down.
HEADER_SEARCH_ROWS = 10
DATE_PATTERN = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")

MAX_LENGTHS = {
    CODE: Project._meta.get_field("code").max_length,
    NAME: Project._meta.get_field("name").max_length,
    UNIT: Unit._meta.get_field("name").max_length,
    LEADER: Leader._meta.get_field("name").max_length,
    TASK_FORCE: TaskForce._meta.get_field("name").max_length,
    LOCATION: Project._meta.get_field("location").max_length,
    OWNER: Project._meta.get_field("owner").max_length,
    NODE_NAME: Milestone._meta.get_field("name").max_length,
}


@dataclass
class ProjectRow:
    """A valid row of 「项目清单」."""

    row_number: int
    code: str
    name: str
    category: str
    unit: str
    leader: str
    task_force: str
    target: str
    stage: str
    total: Decimal
    annual: Decimal
    months: dict[int, Decimal]
    location: str
    owner: str
    description: str


@dataclass
class NodeRow:
    """A valid row of 「节点计划」."""

    row_number: int
    code: str
    kind: str
    name: str
    planned: dt.date
    reached: dt.date | None


@dataclass
class _Sheet:
    """The non-blank data rows of one sheet: (Excel row number, values by header)."""

    name: str
    rows: list[tuple[int, dict[str, object]]] = field(default_factory=list)


def parse_register(
    campaign: Campaign, stream_or_path: Target
) -> tuple[list[ProjectRow], list[NodeRow]]:
    """The valid rows of both sheets, checked against ``campaign``; raises ``WorkbookError``
    listing every problem if there is any."""
    project_sheet, node_sheet = _load(stream_or_path)
    errors: list[RowError] = []
    projects, codes = _project_rows(project_sheet, errors)
    nodes = _node_rows(node_sheet, campaign.year, codes, errors) if node_sheet else []
    errors.extend(_unit_errors(campaign, projects))
    if errors:
        raise WorkbookError(errors)
    return projects, nodes


def _load(stream_or_path: Target) -> tuple[_Sheet, _Sheet | None]:
    """Both sheets as header-keyed rows; header problems end the reading here."""
    with contextlib.ExitStack() as stack:
        try:
            stream = stream_or_path
            # Open paths ourselves: openpyxl refuses a real workbook whose name lacks ".xlsx".
            if isinstance(stream_or_path, str | os.PathLike):
                stream = stack.enter_context(open(stream_or_path, "rb"))
            workbook = load_workbook(stream, read_only=True, data_only=True)
            stack.callback(workbook.close)
            raw = {
                name: list(workbook[name].iter_rows(values_only=True))
                for name in (PROJECT_SHEET, NODE_SHEET)
                if name in workbook.sheetnames
            }
            names = workbook.sheetnames
        except FileNotFoundError:
            raise
        except Exception as exc:  # any unreadable file means the same to the user
            raise WorkbookError([RowError("", 0, "", NOT_A_WORKBOOK)]) from exc
    if PROJECT_SHEET not in raw:
        found = "、".join(names)
        message = f"缺少工作表「{PROJECT_SHEET}」（文件中的工作表：{found}）"
        raise WorkbookError([RowError("", 0, "", message)])
    errors: list[RowError] = []
    projects = _sheet(PROJECT_SHEET, raw[PROJECT_SHEET], PROJECT_COLUMNS, errors)
    nodes = _sheet(NODE_SHEET, raw[NODE_SHEET], NODE_COLUMNS, errors) if NODE_SHEET in raw else None
    if errors:
        raise WorkbookError(errors)
    return projects, nodes


def _normalise(header: object) -> str:
    text = "" if header is None else str(header)
    text = text.replace("(", "（").replace(")", "）")
    return re.sub(r"\s+", "", text)


def _sheet(name: str, rows: list[tuple], columns: tuple[Column, ...], errors) -> _Sheet:
    sheet = _Sheet(name)
    header_at = next(
        (i for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]) if CODE in map(_normalise, row)), 0
    )
    header = [_normalise(cell) for cell in rows[header_at]] if rows else []
    index, problems = _check_header(header, columns)
    errors.extend(RowError(name, header_at + 1, "", problem) for problem in problems)
    if problems:
        return sheet
    for number, row in enumerate(rows[header_at + 1 :], start=header_at + 2):
        values = {title: row[i] if i < len(row) else None for title, i in index.items()}
        if any(not _blank(value) for value in values.values()):
            sheet.rows.append((number, values))
    return sheet


def _check_header(header: list[str], columns: tuple[Column, ...]) -> tuple[dict, list[str]]:
    """Column positions by header, and what is wrong with the header row."""
    order = {column.header: i for i, column in enumerate(columns)}
    index: dict[str, int] = {}
    unknown, repeated = [], []
    for position, title in enumerate(header):
        if not title:
            continue
        if title not in order:
            unknown.append(title)
        elif title in index:
            repeated.append(title)
        else:
            index[title] = position
    problems = []
    missing = [column.header for column in columns if column.header not in index]
    if missing:
        problems.append("缺少列：" + "、".join(missing))
    if unknown:
        problems.append("未知列：" + "、".join(unknown))
    if repeated:
        problems.append("重复列：" + "、".join(repeated))
    found = sorted(index, key=index.__getitem__)
    if found != sorted(found, key=order.__getitem__):
        expected = "、".join(column.header for column in columns)
        problems.append(f"列顺序不正确，应为：{expected}")
    return index, problems


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


class _Cells:
    """One data row, parsed a column at a time; each problem is added to ``errors``."""

    def __init__(self, sheet: str, number: int, values, required: set[str], errors: list):
        self.sheet, self.number, self.values = sheet, number, values
        self.required, self.errors = required, errors
        self.failed: set[str] = set()

    def fail(self, column: str, message: str) -> None:
        self.failed.add(column)
        self.errors.append(RowError(self.sheet, self.number, column, message))

    def _present(self, column: str) -> bool:
        if not _blank(self.values[column]):
            return True
        if column in self.required:
            self.fail(column, "不能为空")
        return False

    def text(self, column: str) -> str:
        if not self._present(column):
            return ""
        value = self.values[column]
        if isinstance(value, float) and value.is_integer():
            value = int(value)  # a code typed as a number reads back as 1001.0
        elif isinstance(value, dt.datetime):
            value = value.date()
        text = str(value).strip()
        limit = MAX_LENGTHS.get(column)
        if limit and len(text) > limit:
            self.fail(column, f"超过{limit}个字符")
        return text

    def money(self, column: str) -> Decimal | None:
        if not self._present(column):
            return None
        value = self.values[column]
        shown = str(value).strip()
        try:
            if isinstance(value, bool | dt.date):
                raise InvalidOperation
            if isinstance(value, str):
                value = value.strip().replace(",", "").replace("，", "")
            amount = Decimal(str(value))
        except (InvalidOperation, ValueError):
            return self.fail(column, f"不是数字：{shown}")
        if not amount.is_finite():
            return self.fail(column, f"不是数字：{shown}")
        if amount < 0:
            return self.fail(column, f"不能为负数：{shown}")
        if amount >= MONEY_LIMIT:
            return self.fail(column, f"数额过大：{shown}")
        return amount.quantize(CENT, rounding=ROUND_HALF_UP)

    def choice(self, column: str, labels: Mapping[str, str]) -> str:
        text = self.text(column)
        if not text:
            return ""
        by_label = {label: value for value, label in labels.items()}
        by_label.update({str(value).lower(): value for value in labels})
        value = by_label.get(text) or by_label.get(text.lower())
        if value is None:
            allowed = "、".join(labels.values())
            self.fail(column, f"无法识别：{text}（可填：{allowed}）")
            return ""
        return str(value)

    def date(self, column: str, year: int) -> dt.date | None:
        if not self._present(column):
            return None
        value = self.values[column]
        day = _as_date(value)
        if day is None:
            return self.fail(column, f"不是日期：{str(value).strip()}")
        if day.year != year:
            return self.fail(column, f"不在{year}年度内：{day.isoformat()}")
        return day


def _as_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(int(value)) if isinstance(value, int | float) and value == int(value) else ""
    text = text or str(value).strip()
    match = DATE_PATTERN.match(text) or re.match(r"^(\d{4})(\d{2})(\d{2})$", text)
    if not match:
        return None
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def _required(columns: tuple[Column, ...]) -> set[str]:
    return {column.header for column in columns if column.required}


def _project_rows(sheet: _Sheet, errors: list[RowError]) -> tuple[list[ProjectRow], set[str]]:
    """The valid rows, and every code in the sheet, so nodes of a bad row are not misreported."""
    required = _required(PROJECT_COLUMNS)
    rows, first_seen = [], {}
    for number, values in sheet.rows:
        cells = _Cells(sheet.name, number, values, required, errors)
        row = ProjectRow(
            number,
            cells.text(CODE),
            cells.text(NAME),
            cells.choice(CATEGORY, CATEGORY_LABELS),
            cells.text(UNIT),
            cells.text(LEADER),
            cells.text(TASK_FORCE),
            cells.choice(TARGET, TARGET_LABELS),
            cells.choice(STAGE, STAGE_LABELS),
            cells.money(TOTAL),
            cells.money(ANNUAL),
            {m: cells.money(title) for m, title in enumerate(MONTHS, start=1)},
            cells.text(LOCATION),
            cells.text(OWNER),
            cells.text(DESCRIPTION),
        )
        row.months = {month: amount for month, amount in row.months.items() if amount is not None}
        if row.code and CODE not in cells.failed:
            if row.code in first_seen:
                cells.fail(CODE, f"项目编号重复：{row.code}（已在第{first_seen[row.code]}行出现）")
            else:
                first_seen[row.code] = number
        if row.annual is not None and not cells.failed.intersection(MONTHS):
            planned = sum(row.months.values(), Decimal("0.00"))
            if abs(planned - row.annual) > TOLERANCE:
                cells.fail(
                    ANNUAL, f"1—12月计划合计 {planned:,.2f} 与年度计划投资 {row.annual:,.2f} 不符"
                )
        if not cells.failed:
            rows.append(row)
    return rows, set(first_seen)


def _node_rows(sheet: _Sheet, year: int, codes: set[str], errors) -> list[NodeRow]:
    required = _required(NODE_COLUMNS)
    rows, first_seen = [], {}
    for number, values in sheet.rows:
        cells = _Cells(sheet.name, number, values, required, errors)
        row = NodeRow(
            number,
            cells.text(CODE),
            cells.choice(NODE_KIND, NODE_KIND_LABELS),
            cells.text(NODE_NAME),
            cells.date(PLANNED, year),
            cells.date(REACHED, year),
        )
        if row.code and CODE not in cells.failed and row.code not in codes:
            cells.fail(CODE, f"项目编号不在「{PROJECT_SHEET}」中：{row.code}")
        key = (row.code, row.kind, row.name)
        if all(key) and key in first_seen:
            cells.fail(
                NODE_NAME, f"同一项目的同类节点重名：{row.name}（已在第{first_seen[key]}行出现）"
            )
        first_seen.setdefault(key, number)
        if not cells.failed:
            rows.append(row)
    return rows


def _unit_errors(campaign: Campaign, projects: list[ProjectRow]) -> list[RowError]:
    """A short name shared by several units cannot say which unit is meant."""
    names, shared = set(), defaultdict(list)
    for name, short in Unit.objects.filter(region_id=campaign.region_id).values_list(
        "name", "short_name"
    ):
        names.add(name)
        shared[short].append(name)
    return [
        RowError(
            PROJECT_SHEET,
            row.row_number,
            UNIT,
            f"简称「{row.unit}」对应多个单位：{'、'.join(sorted(shared[row.unit]))}，请填写全称",
        )
        for row in projects
        if row.unit not in names and len(shared.get(row.unit, ())) > 1
    ]
