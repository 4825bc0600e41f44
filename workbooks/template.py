"""The blank register template a district can download: the app's own layout, drop-down lists
for the choices, and a sheet of instructions. Its own register in its own layout imports too;
the template is for a district that has none yet."""

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from config.xlsx import set_value

from .format import (
    ANNUAL,
    CATEGORY,
    CATEGORY_LABELS,
    CODE,
    GOAL,
    GUIDE_SHEET,
    LEADER,
    NAME,
    NODE_COLUMNS,
    NODE_KIND,
    NODE_KIND_LABELS,
    NODE_SHEET,
    PERIOD,
    PROJECT_COLUMNS,
    PROJECT_SHEET,
    STAGE,
    STAGE_LABELS,
    TARGET,
    TARGET_LABELS,
    TASK_FORCE,
    TOTAL,
    UNIT,
)

HINTS = {
    CODE: "可不填：不填时按年度和序号生成（如2026-001）；填了则按编号匹配已有项目",
    NAME: "必填，最多200字",
    CATEGORY: "从下拉列表选：" + "、".join(CATEGORY_LABELS.values()),
    UNIT: "必填，写全称或系统中的简称",
    LEADER: "必填，可带职务，如“张三（副区长）”，系统记为领导张三、职务副区长",
    TASK_FORCE: "可不填",
    TARGET: "从下拉列表选：" + "、".join(TARGET_LABELS.values()),
    STAGE: "从下拉列表选：" + "、".join(STAGE_LABELS.values()) + "；不填时按开工年份推定",
    TOTAL: "必填，万元，可写“1,200.50”“1.2亿”",
    ANNUAL: "必填，万元；1—12月都不填时按规则分摊到各月",
    PERIOD: "如 2025-2027",
    GOAL: "文字，如“年底一期投产”",
}
RULES = (
    "金额一律以万元为单位；单元格里写了“亿元”“万元”“元”的按所写单位换算。",
    "1—12月计划可全部不填，系统按年度计划平均分摊（导入时可改为“前低后高”）；填了则合计须等于年度计划投资。",
    "日期可写 2026-03-31、2026/3/31、2026年3月（按月末）、3月底。",
    "也可以直接上传本区原有格式的台账（标题行、单位行、两行表头、分组标题、小计合计行都可以），导入前会先预览。",
    "导入前会显示每一行是新增、变更、未变还是有错误；有错误时全部不导入，改正后重新上传即可。",
)


def blank_template(year: int) -> bytes:
    """The template's bytes for the campaign ``year``."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = PROJECT_SHEET
    width = len(PROJECT_COLUMNS)
    set_value(sheet.cell(1, 1), f"{year}年重点项目清单").font = Font(bold=True, size=14)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    sheet.cell(2, 1, "单位：万元")
    _header(sheet, 3, PROJECT_COLUMNS)
    sheet.freeze_panes = "C4"
    headers = [column.header for column in PROJECT_COLUMNS]
    for header, labels in ((CATEGORY, CATEGORY_LABELS), (TARGET, TARGET_LABELS)):
        _choices(sheet, headers.index(header) + 1, labels.values(), 4)
    _choices(sheet, headers.index(STAGE) + 1, STAGE_LABELS.values(), 4)
    nodes = workbook.create_sheet(NODE_SHEET)
    _header(nodes, 1, NODE_COLUMNS)
    nodes.freeze_panes = "A2"
    _choices(
        nodes, [c.header for c in NODE_COLUMNS].index(NODE_KIND) + 1, NODE_KIND_LABELS.values(), 2
    )
    _guide(workbook.create_sheet(GUIDE_SHEET))
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _header(sheet, row: int, columns) -> None:
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row, index, column.header)
        required = column.required and column.header != CODE
        cell.font = Font(bold=True, color="C00000" if required else "000000")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.column_dimensions[get_column_letter(index)].width = column.width


def _choices(sheet, column: int, labels, first_row: int) -> None:
    letter = get_column_letter(column)
    check = DataValidation(type="list", formula1='"' + ",".join(labels) + '"', allow_blank=True)
    check.error, check.errorTitle = "请从下拉列表中选择", "填写有误"
    sheet.add_data_validation(check)
    check.add(f"{letter}{first_row}:{letter}2000")


def _guide(sheet) -> None:
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 10
    sheet.column_dimensions["C"].width = 80
    sheet.append([GUIDE_SHEET])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(["列", "是否必填", "怎么填"])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for column in PROJECT_COLUMNS:
        hint = HINTS.get(column.header, "可不填" if not column.required else "必填")
        if column.header.endswith("月"):
            hint = "该月计划投资，万元；可不填"
        sheet.append([column.header, "必填" if column.required else "", hint])
    sheet.append([])
    for rule in RULES:
        sheet.append([rule])
        sheet.merge_cells(
            start_row=sheet.max_row, start_column=1, end_row=sheet.max_row, end_column=3
        )
        sheet.cell(sheet.max_row, 1).alignment = Alignment(wrap_text=True, vertical="top")
        sheet.row_dimensions[sheet.max_row].height = 32
