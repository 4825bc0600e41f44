"""The app's own register layout and the workbook constants every reader and writer shares.

Two sheets: 「项目清单」 (one row per project with its monthly plan) and 「节点计划」 (one row per
milestone node). Sheet names, headers and choice labels are declared here and never taken from
translations, so a workbook written today still imports after the .po files change. This module
imports nothing of the readers or writers, so they can all import it.
"""

from dataclasses import dataclass
from decimal import Decimal

from projects.choices import Category, NodeKind, Stage, TargetKind

PROJECT_SHEET = "项目清单"
NODE_SHEET = "节点计划"
GUIDE_SHEET = "填表说明"
CHANGE_REASON = "Excel导入"

CODE = "项目编号"
NAME = "项目名称"
CATEGORY = "项目类别"
UNIT = "责任单位"
LEADER = "包靠领导"
TASK_FORCE = "专班"
TARGET = "年度目标"
STAGE = "当前阶段"
TOTAL = "总投资（万元）"
ANNUAL = "年度计划投资（万元）"
MONTHS = tuple(f"{month}月" for month in range(1, 13))
LOCATION = "建设地点"
OWNER = "建设单位"
DESCRIPTION = "建设内容"
PERIOD = "建设起止年限"
GOAL = "年度建设目标"
REMARKS = "备注"

NODE_KIND = "节点类型"
NODE_NAME = "节点名称"
PLANNED = "计划日期"
REACHED = "实际完成日期"


@dataclass(frozen=True)
class Column:
    """A column of a sheet: its header, whether the cell must be filled, its width in Excel."""

    header: str
    required: bool
    width: int


PROJECT_COLUMNS = (
    Column(CODE, True, 12),
    Column(NAME, True, 36),
    Column(CATEGORY, True, 12),
    Column(UNIT, True, 20),
    Column(LEADER, True, 12),
    Column(TASK_FORCE, False, 20),
    Column(TARGET, True, 12),
    Column(STAGE, True, 10),
    Column(TOTAL, True, 16),
    Column(ANNUAL, True, 20),
    # A blank month means "no plan for that month", not zero.
    *(Column(month, False, 11) for month in MONTHS),
    Column(LOCATION, False, 24),
    Column(OWNER, False, 28),
    Column(DESCRIPTION, False, 60),
    Column(PERIOD, False, 14),
    Column(GOAL, False, 40),
    Column(REMARKS, False, 24),
)
NODE_COLUMNS = (
    Column(CODE, True, 12),
    Column(NODE_KIND, True, 12),
    Column(NODE_NAME, True, 30),
    Column(PLANNED, True, 14),
    Column(REACHED, False, 14),
)

# Choice value -> the label the district writes. Explicit, so the format ignores translations.
CATEGORY_LABELS: dict[str, str] = {
    Category.INDUSTRY: "产业类",
    Category.INFRASTRUCTURE: "基础设施类",
    Category.LIVELIHOOD: "社会民生类",
}
STAGE_LABELS: dict[str, str] = {
    Stage.PREPARATION: "前期",
    Stage.STARTED: "开工",
    Stage.CONSTRUCTION: "建设",
    Stage.COMPLETED: "竣工",
    Stage.PRODUCTION: "投产",
}
TARGET_LABELS: dict[str, str] = {
    TargetKind.PRODUCTION: "投产达效",
    TargetKind.ACCELERATE: "加快建设",
}
NODE_KIND_LABELS: dict[str, str] = {
    NodeKind.START: "开工",
    NodeKind.TOPPING: "主体封顶",
    NodeKind.EQUIPMENT: "设备安装",
    NodeKind.COMPLETION: "竣工",
    NodeKind.PRODUCTION: "投产",
    NodeKind.OTHER: "其他",
}

MONEY_FORMAT = "#,##0.00"
DATE_FORMAT = "yyyy-mm-dd"
# How many 万元 one unit of the sheet is.
MONEY_UNITS = {"万元": Decimal(1), "亿元": Decimal(10000), "元": Decimal("0.0001")}


def period_label(start: int | None, end: int | None) -> str | None:
    """建设起止年限 as the district writes it: "2025-2027", or one year."""
    if start is None:
        return None
    return str(start) if end in (None, start) else f"{start}-{end}"
