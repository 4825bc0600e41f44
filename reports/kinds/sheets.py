"""Excel sheets shared by the kinds: the column sets of projects, units, leaders and rankings.

A ``Sheet`` is data only (Chinese name and headers, the rows as dicts, which columns are summed
into a totals row); ``render.excel`` writes it."""

import dataclasses
from typing import Any

from ..labels import CARDS

# What a column holds decides its cell: every figure is a number with a number format.
# POINTS is signed (points ahead or behind 序时); SCORE is a 0–100 score, never signed.
MONEY, PCT, POINTS, SCORE, INT, NUMBER, TEXT = (
    "money", "pct", "points", "score", "int", "number", "text",
)  # fmt: skip
TOTAL_LABEL = "合计"


@dataclasses.dataclass
class Column:
    header: str
    key: str
    fmt: str = TEXT
    width: int = 12
    total: bool = False  # summed in the totals row


@dataclasses.dataclass
class Sheet:
    name: str
    columns: list[Column]
    rows: list[dict[str, Any]]
    title: str = ""
    totals: dict[str, Any] | None = None  # values for the totals row; None: sum the columns

    def totals_row(self) -> dict[str, Any]:
        """The totals row as written: "合计" in its label column and figures in figure columns.
        A text column never takes a figure (the campaign's target is not a project's 年度目标)."""
        row = {}
        for column in self.columns:
            value = (self.totals or {}).get(column.key)
            if column.fmt != TEXT or value == TOTAL_LABEL:
                row[column.key] = value
        return row


def card_label(row: dict, key: str = "card") -> str:
    return CARDS.get(row.get(key) or "", "")


INVESTMENT = [
    Column("年度计划（万元）", "plan", MONEY, 16, True),
    Column("序时计划（万元）", "due", MONEY, 16, True),
    Column("累计完成（万元）", "done", MONEY, 16, True),
    Column("完成年度计划", "pct_plan", PCT, 12),
    Column("序时进度", "pct_due", PCT, 10),
    Column("超(+)/落后(−)序时（百分点）", "gap_points", POINTS, 14),
]


def projects_sheet(rows: list[dict], name: str = "项目明细") -> Sheet:
    # Copies: rendering never changes the snapshot it renders.
    rows = [
        {**row, "card_label": card_label(row), "prev_card_label": card_label(row, "prev_card")}
        for row in rows
    ]
    return Sheet(
        name,
        [
            Column("项目编号", "code", TEXT, 10),
            Column("项目名称", "name", TEXT, 36),
            Column("责任单位", "unit", TEXT, 16),
            Column("包靠领导", "leader", TEXT, 10),
            Column("类别", "category", TEXT, 10),
            Column("年度目标", "target", TEXT, 10),
            Column("建设阶段", "stage", TEXT, 10),
            *INVESTMENT,
            Column("本期牌色", "card_label", TEXT, 8),
            Column("本期得分", "total", SCORE, 9),
            Column("上期牌色", "prev_card_label", TEXT, 8),
        ],
        rows,
    )


def groups_sheet(rows: list[dict], name: str, who: str) -> Sheet:
    return Sheet(
        name,
        [
            Column(who, "name", TEXT, 20),
            Column("项目数", "projects", INT, 8, True),
            *INVESTMENT,
            Column("蓝牌", "blue", INT, 6, True),
            Column("黄牌", "yellow", INT, 6, True),
            Column("红牌", "red", INT, 6, True),
        ],
        rows,
    )


def ranking_sheet(rows: list[dict], name: str, who: str) -> Sheet:
    rows = [{**row, "change_label": _change(row.get("change"))} for row in rows]
    return Sheet(
        name,
        [
            Column("名次", "rank", INT, 6),
            Column(who, "name", TEXT, 36),
            Column("平均得分", "score", SCORE, 10),
            Column("计分周数", "weeks", INT, 8),
            Column("名次变化", "change_label", TEXT, 8),
        ],
        rows,
        totals={},
    )


def _change(change: int | None) -> str:
    # Arrows, not "+2": a signed figure in a text cell reads as a number written as text.
    if change is None:
        return "新进"
    return f"↑{change}" if change > 0 else (f"↓{-change}" if change else "—")


def list_sheet(name: str, columns: list[tuple], rows: list[dict]) -> Sheet:
    """A plain list (red list, problems, late reporters), no totals. Each column is (header,
    key, width) for text or (header, key, width, format) for a figure."""
    return Sheet(
        name,
        [Column(h, k, rest[0] if rest else TEXT, w) for h, k, w, *rest in columns],
        rows,
        totals={},
    )


def with_reasons(rows: list[dict]) -> list[dict]:
    """A red list's rows with their reasons in one cell (``reasons_text``)."""
    return [{**row, "reasons_text": "；".join(row["reasons"])} for row in rows]


def with_projects(rows: list[dict]) -> list[dict]:
    """Late units' rows with their projects' names in one cell (``projects_text``)."""
    return [{**row, "projects_text": "、".join(p["name"] for p in row["projects"])} for row in rows]
