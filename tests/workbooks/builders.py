"""Registers as districts really keep them, built with openpyxl (and xlwt for the old .xls):
title row, unit row, two-row merged headers, 序号, group headings, 小计/合计 with formulas,
a note row, blank spacers, numbers and dates written by hand."""

import io

import openpyxl

HEADERS = [
    "序号",
    "项目名称",
    "建设起止年限",
    "建设内容及规模",
    "总投资",
    "2026年计划投资",
    None,
    "年度建设目标",
    "责任单位",
    "包靠领导",
    "备注",
]
SUBHEADERS = [None, None, None, None, None, "全年", "其中：一季度", None, None, None, None]

INDUSTRY = [
    [
        1,
        "OLED盖板玻璃项目",
        "2025-2027",
        "建设OLED盖板生产线8条",
        "52,000.50",
        12000,
        2400,
        "年底一期投产",
        "区工信局",
        "张三（副区长）",
        None,
    ],
    [
        2,
        "5G新材料及大数据产业园",
        "2026-2028",
        "新建厂房12万平方米",
        "３００００",
        "8000",
        None,
        "主体完工",
        "区发改局",
        "张三(副区长)",
        "续建",
    ],
]
INFRA = [
    [
        1,
        "中央商务区基础设施",
        "2026",
        "道路6公里、管网12公里",
        "1.2亿",
        "3000万元",
        600,
        "完成道路主体",
        "区住建局",
        "李四（区委常委、副区长）",
        None,
    ],
]


def save(workbook) -> io.BytesIO:
    stream = io.BytesIO()
    workbook.save(stream)
    stream.seek(0)
    return stream


def district_register(
    groups=(("一、产业类项目（2个）", INDUSTRY), ("二、基础设施类项目（1个）", INFRA)),
    *,
    unit="单位：万元",
    title="2026年全区重点项目清单",
    headers=HEADERS,
    subheaders=SUBHEADERS,
    total_formulas=True,
    grand_total=None,
    note="注：1.总投资、年度计划投资单位为万元；2.包靠领导为区级领导。",
    sheet_title="重点项目",
):
    """A register in the shape districts keep. ``grand_total`` writes the 合计 row's annual
    figure by hand instead of a formula."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = sheet_title
    width = len(headers)
    sheet.append([title])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    if unit:
        sheet.append([None] * (width - 2) + [unit])
    header_row = sheet.max_row + 1
    sheet.append(headers)
    if subheaders:
        sheet.append(subheaders)
        for c, (top, bottom) in enumerate(zip(headers, subheaders, strict=True), start=1):
            if top and not bottom:
                sheet.merge_cells(
                    start_row=header_row, start_column=c, end_row=header_row + 1, end_column=c
                )
        sheet.merge_cells(start_row=header_row, start_column=6, end_row=header_row, end_column=7)
    subtotal_rows = []
    for heading, rows in groups:
        sheet.append([heading])
        sheet.merge_cells(
            start_row=sheet.max_row, start_column=1, end_row=sheet.max_row, end_column=4
        )
        first = sheet.max_row + 1
        for row in rows:
            sheet.append(row)
        last = sheet.max_row
        if total_formulas:
            sheet.append(
                [None, "小计", None, None, f"=SUM(E{first}:E{last})", f"=SUM(F{first}:F{last})"]
            )
            subtotal_rows.append(sheet.max_row)
        sheet.append([])  # a blank spacer row
    if grand_total is not None:
        sheet.append(["合计", None, None, None, None, grand_total])
    elif total_formulas:
        sheet.append(
            [
                "合计",
                None,
                None,
                None,
                "=" + "+".join(f"E{r}" for r in subtotal_rows),
                "=" + "+".join(f"F{r}" for r in subtotal_rows),
            ]
        )
    if note:
        sheet.append([note])
        sheet.merge_cells(
            start_row=sheet.max_row, start_column=1, end_row=sheet.max_row, end_column=width
        )
    return workbook


def as_xls(workbook) -> io.BytesIO:
    """The same sheet written in the old binary format with xlwt, merges included."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    source = workbook.active
    target = book.add_sheet(source.title)
    merged = {}
    for rng in source.merged_cells.ranges:
        merged[(rng.min_row, rng.min_col)] = rng
    covered = {
        (r, c)
        for rng in source.merged_cells.ranges
        for r in range(rng.min_row, rng.max_row + 1)
        for c in range(rng.min_col, rng.max_col + 1)
        if (r, c) != (rng.min_row, rng.min_col)
    }
    for row in source.iter_rows():
        for cell in row:
            if (cell.row, cell.column) in covered:
                continue
            value = cell.value
            if isinstance(value, str) and value.startswith("="):
                value = xlwt.Formula(value[1:])
            rng = merged.get((cell.row, cell.column))
            if rng is not None:
                target.write_merge(
                    rng.min_row - 1, rng.max_row - 1, rng.min_col - 1, rng.max_col - 1, value
                )
            elif value is not None:
                target.write(cell.row - 1, cell.column - 1, value)
    stream = io.BytesIO()
    book.save(stream)
    stream.seek(0)
    return stream
