"""This week's sheet: a reporter of a unit with many projects downloads one row per project
(last week's figure filled in), fills it in Excel or WPS, and uploads it.

Each row goes through the weekly form and ``projects.services.weekly_report_save`` exactly as
the page would — the rules live there, not here — and each row is saved on its own: a bad row
is reported by row and column and saves nothing, the good rows are saved as drafts or
submitted, as the reporter chose. Photos stay on the form (a sheet cannot carry them well).
"""

import datetime as dt
import re
from dataclasses import dataclass, field
from io import BytesIO

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from config.xlsx import neutralize, text_cell
from projects import selectors, services, weeks
from projects.choices import InvestmentSource, ReportStatus
from projects.forms import WeeklyReportForm
from projects.models import COUNTED, WeeklyReport
from projects.scope import can_report, projects_for

from . import grid, values
from .errors import RowError, WorkbookError
from .export import cell as formatted
from .format import CODE, STAGE_LABELS, Column
from .guard import check_workbook

SHEET = "本周周报"
SOURCE_LABELS = {
    InvestmentSource.UNIT_REPORT: "单位填报",
    InvestmentSource.STATISTICS: "投资统计",
    InvestmentSource.CONTRACTOR: "施工方报量",
    InvestmentSource.ONSITE: "现场核查",
}
STATUS_LABELS = {"draft": "草稿", "submitted": "已提交", "returned": "已退回", "accepted": "已审核"}
# Header -> the weekly form's field ("" for columns shown, not read).
COLUMNS = (
    (Column(CODE, True, 12), "code"),
    (Column("项目名称", False, 32), ""),
    (Column("上周累计完成（万元）", False, 14), ""),
    (Column("本年累计完成投资（万元）", True, 16), "ytd_investment"),
    (Column("数据来源", False, 12), "investment_source"),
    (Column("当前阶段", True, 10), "stage"),
    (Column("本周进展", True, 40), "progress"),
    (Column("下周计划", False, 30), "next_plan"),
    (Column("存在问题", False, 30), "problems"),
    (Column("核减说明（累计数低于上周时必填）", False, 24), "correction_note"),
    (Column("本周状态", False, 14), ""),
)
HEADERS = [column.header for column, _name in COLUMNS]
FIELD_COLUMN = {name: index for index, (_c, name) in enumerate(COLUMNS) if name}
WEEK = re.compile(r"(\d{4})-?W(\d{1,2})")
HEAD_FILL = PatternFill("solid", fgColor="DCE6F2")
LOCKED_FILL = PatternFill("solid", fgColor="F2F2F2")


def _letter(index: int) -> str:
    return chr(ord("A") + index)


def _previous(projects, week: dt.date) -> dict[int, WeeklyReport]:
    """Each project's latest counted report (``COUNTED``) before ``week``: one query."""
    latest: dict[int, WeeklyReport] = {}
    reports = (
        WeeklyReport.objects.filter(COUNTED, project__in=projects, week__lt=week)
        .order_by("project_id", "-week")
        .only("project_id", "week", "ytd_investment")
    )
    for report in reports:
        latest.setdefault(report.project_id, report)
    return latest


def weekly_sheet(*, user, week: dt.date) -> bytes:
    """The sheet of ``week`` for the user's projects (a reporter: the unit's)."""
    rows = selectors.this_week(user=user, week=week)
    previous = _previous([row.project for row in rows], week)
    label = weeks.week_label(week)
    unit = user.unit.name if getattr(user, "unit", None) else ""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET)
    for index, (column, _name) in enumerate(COLUMNS):
        sheet.column_dimensions[_letter(index)].width = column.width
    sheet.freeze_panes = "C4"
    choices = (
        (FIELD_COLUMN["stage"], STAGE_LABELS.values()),
        (FIELD_COLUMN["investment_source"], SOURCE_LABELS.values()),
    )
    for index, labels in choices:
        check = DataValidation(type="list", formula1='"' + ",".join(labels) + '"', allow_blank=True)
        check.add(f"{_letter(index)}4:{_letter(index)}{len(rows) + 3}")
        sheet.data_validations.append(check)
    with translation.override("zh-hans"):
        title = WriteOnlyCell(sheet, value=f"{label} 周报填报表")
        title.font = Font(bold=True, size=13)
        sheet.append([title, None, text_cell(sheet, unit)])
        sheet.append(
            [
                f"填报周：{label}（{week:%m月%d日}—{week + dt.timedelta(days=6):%m月%d日}）",
                None,
                "每行一个项目；本周进展必填；照片请在网页的周报表单中上传；请勿改动项目编号和表头",
            ]
        )
        header = []
        for column, name in COLUMNS:
            cell = WriteOnlyCell(sheet, value=column.header)
            cell.font = Font(bold=True, color="C00000" if column.required and name else "000000")
            cell.fill, cell.alignment = HEAD_FILL, Alignment(wrap_text=True, vertical="center")
            header.append(cell)
        sheet.append(header)
        for row in rows:
            sheet.append(_row(sheet, row, previous.get(row.project.pk)))
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _row(sheet, row, before: WeeklyReport | None) -> list:
    project, report = row.project, row.report
    source = report or None
    ytd = report.ytd_investment if report else (before.ytd_investment if before else None)
    status = STATUS_LABELS.get(row.status, "未填")
    if report and report.status == ReportStatus.RETURNED:
        status = f"已退回：{report.return_reason}"
    values_ = [
        project.code,
        project.name,
        before.ytd_investment if before else None,
        ytd,
        SOURCE_LABELS.get(source.investment_source if source else InvestmentSource.UNIT_REPORT),
        STAGE_LABELS.get(report.stage if report else project.stage),
        report.progress if report else None,
        report.next_plan if report else None,
        report.problems if report else None,
        report.correction_note if report else None,
        status,
    ]
    cells = [formatted(sheet, value) for value in values_]
    for index in (0, 1, 2, len(values_) - 1):  # shown for reference, not read back
        cell = cells[index]
        if not isinstance(cell, Cell):
            cell = neutralize(WriteOnlyCell(sheet, value=cell))
        cell.fill = LOCKED_FILL
        cells[index] = cell
    return cells


@dataclass
class RowResult:
    """What became of one row of the uploaded sheet."""

    row: int
    code: str
    name: str = ""
    outcome: str = "error"  # saved, submitted, skipped, error
    errors: list[RowError] = field(default_factory=list)
    note: str = ""
    project_id: int | None = None
    report_id: int | None = None


def sheet_week(sheet_grid: grid.Grid) -> dt.date:
    """The week written at the top of the sheet ("填报周：2026-W47")."""
    for row in sheet_grid.rows[:3]:
        for value in row:
            match = WEEK.search(values.text(value))
            if match:
                try:
                    return dt.date.fromisocalendar(int(match[1]), int(match[2]), 1)
                except ValueError:
                    break
    raise WorkbookError(
        ["表格顶部找不到填报周（如“填报周：2026-W47”），请使用系统下载的本周填报表"]
    )


def weekly_sheet_save(*, user, upload, submit: bool, now=None) -> tuple[dt.date, list[RowResult]]:
    """Save every valid row of the uploaded sheet; return the week and each row's outcome.
    Raises WorkbookError when the file itself cannot be read."""
    checked = check_workbook(upload)
    names = grid.sheet_names(upload, checked.kind)
    sheet_grid = grid.read_sheet(upload, checked.kind, SHEET if SHEET in names else names[0])
    week = sheet_week(sheet_grid)
    header = next(
        (r for r, row in enumerate(sheet_grid.rows[:10]) if CODE in map(values.key, row)),
        None,
    )
    if header is None:
        raise WorkbookError(["找不到表头（“项目编号”所在的行），请使用系统下载的本周填报表"])
    index = {values.key(v): c for c, v in enumerate(sheet_grid.rows[header]) if not values.blank(v)}
    where = {name: index.get(values.key(HEADERS[i])) for name, i in FIELD_COLUMN.items()}
    if where["code"] is None or where["progress"] is None:
        raise WorkbookError(["表头缺少“项目编号”或“本周进展”列，请使用系统下载的本周填报表"])
    projects = {
        p.code: p
        for p in projects_for(user)
        .filter(campaign__year=weeks.campaign_year(week))
        .select_related("campaign")
    }
    reports = {
        r.project_id: r
        for r in WeeklyReport.objects.filter(project__in=projects.values(), week=week)
    }
    results = []
    # One transaction for the sheet; each row's save is a savepoint of it, so a bad row rolls
    # back alone and the good rows are committed together (one commit, not one per row).
    with transaction.atomic():
        for r in range(header + 1, len(sheet_grid.rows)):
            cells = sheet_grid.rows[r]
            if all(values.blank(cells[c]) for c in where.values() if c is not None):
                continue
            row = _save_row(user, week, r + 1, cells, where, projects, reports, submit, now)
            results.append(row)
    return week, results


def _cell(cells, where, name):
    column = where.get(name)
    return cells[column] if column is not None and column < len(cells) else None


def _save_row(user, week, number, cells, where, projects, reports, submit, now) -> RowResult:
    code = values.text(_cell(cells, where, "code"))
    result = RowResult(number, code)

    def fail(name, message):
        column = where.get(name)
        letter = _letter(column) if column is not None else ""
        label = HEADERS[FIELD_COLUMN[name]] if name in FIELD_COLUMN else ""
        result.errors.append(RowError(number, letter, label, str(message)))

    project = projects.get(code)
    if project is None:
        fail("code", f"不是你可以填报的项目：{code}" if code else "项目编号为空")
        return result
    result.name, result.project_id = project.name, project.pk
    if not can_report(user, project):
        fail("code", "你不能填报此项目")
        return result
    report = reports.get(project.pk)
    progress = values.text(_cell(cells, where, "progress"))
    if not progress and report is None:
        result.outcome, result.note = "skipped", "本周进展未填写，跳过"
        return result
    if report is not None and not report.is_editable:
        result.outcome, result.note = "skipped", "本周报告已提交，未改动（退回后才能修改）"
        return result
    data = {
        "version": report.version if report else "",
        "stage": _choice(_cell(cells, where, "stage"), STAGE_LABELS),
        "ytd_investment": values.text(_cell(cells, where, "ytd_investment")),
        "investment_source": _choice(_cell(cells, where, "investment_source"), SOURCE_LABELS)
        or InvestmentSource.UNIT_REPORT,
        "progress": progress,
        "next_plan": values.text(_cell(cells, where, "next_plan")),
        "problems": values.text(_cell(cells, where, "problems")),
        "correction_note": values.text(_cell(cells, where, "correction_note")),
    }
    # The weekly form itself reads the row: the same parsing, choices and messages as the page.
    form = WeeklyReportForm(data=data, instance=report or WeeklyReport(project=project))
    if not form.is_valid():
        for name, errors in form.errors.items():
            for error in errors:
                fail(name if name in FIELD_COLUMN else "code", error)
        return result
    try:
        saved = services.weekly_report_save(
            project=project,
            week=week,
            user=user,
            data=form.report_data(),
            version=form.cleaned_data.get("version"),
            submit=submit,
            now=now,
        )
    except ValidationError as exc:
        found: dict[str | None, list[ValidationError]]
        if hasattr(exc, "error_dict"):
            found = {key: errors for key, errors in exc.error_dict.items()}
        else:
            found = {None: exc.error_list}
        for field_name, field_errors in found.items():
            for error in field_errors:
                fail(field_name if field_name in FIELD_COLUMN else "code", " ".join(error.messages))
        return result
    result.outcome = "submitted" if submit else "saved"
    result.report_id = saved.pk
    reports[project.pk] = saved
    return result


def _choice(value, labels: dict) -> str:
    """A label from the drop-down as the form's value; unknown text goes to the form as it is,
    so the form's own message names it."""
    text = values.text(value)
    by_label = {label: str(key) for key, label in labels.items()}
    return by_label.get(text, text)
