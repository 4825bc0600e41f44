"""Writing the register of a campaign as an .xlsx workbook in the district's layout.

Rows are streamed (write-only workbook, chunked querysets) so 5,000 projects stay light in memory.
The format is declared in ``workbook``; ``workbook.export_register`` is the public entry.
"""

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from .models import Campaign, Milestone, Project
from .workbook import (
    CATEGORY_LABELS,
    DATE_FORMAT,
    MONEY_FORMAT,
    NODE_COLUMNS,
    NODE_KIND_LABELS,
    NODE_SHEET,
    PROJECT_COLUMNS,
    PROJECT_SHEET,
    STAGE_LABELS,
    TARGET_LABELS,
    Column,
    ExportResult,
    Target,
)


def write_register(campaign: Campaign, stream_or_path: Target) -> ExportResult:
    """Write both sheets of ``campaign``'s register to ``stream_or_path``."""
    workbook = Workbook(write_only=True)
    project_sheet = _sheet(workbook, PROJECT_SHEET, PROJECT_COLUMNS)
    project_count = _append_rows(project_sheet, _project_rows(campaign))
    node_sheet = _sheet(workbook, NODE_SHEET, NODE_COLUMNS)
    node_count = _append_rows(node_sheet, _node_rows(campaign))
    workbook.save(stream_or_path)
    return ExportResult(projects=project_count, nodes=node_count)


def _sheet(workbook: Workbook, title: str, columns: tuple[Column, ...]):
    sheet = workbook.create_sheet(title)
    # Write-only sheets take widths and panes only before the first row.
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    centred = Alignment(horizontal="center", vertical="center", wrap_text=True)
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=column.header)
        cell.font = bold
        cell.alignment = centred
        header.append(cell)
    sheet.append(header)
    return sheet


def _append_rows(sheet, rows: Iterator[list]) -> int:
    count = 0
    for row in rows:
        sheet.append([_cell(sheet, value) for value in row])
        count += 1
    return count


def _cell(sheet, value):
    if isinstance(value, Decimal):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = MONEY_FORMAT
        return cell
    if isinstance(value, dt.date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = DATE_FORMAT
        return cell
    return value


def _project_rows(campaign: Campaign) -> Iterator[list]:
    projects = (
        Project.objects.filter(campaign=campaign)
        .select_related("unit", "leader", "task_force")
        .prefetch_related("monthly_plans")
        .order_by("code")
    )
    for project in projects.iterator(chunk_size=500):
        months = {plan.month: plan.amount for plan in project.monthly_plans.all()}
        yield [
            project.code,
            project.name,
            CATEGORY_LABELS.get(project.category, project.category),
            project.unit.name,
            project.leader.name,
            project.task_force.name if project.task_force else None,
            TARGET_LABELS.get(project.target, project.target),
            STAGE_LABELS.get(project.stage, project.stage),
            project.total_investment,
            project.annual_plan,
            *(months.get(month) for month in range(1, 13)),
            project.location or None,
            project.owner or None,
            project.description or None,
        ]


def _node_rows(campaign: Campaign) -> Iterator[list]:
    nodes = (
        Milestone.objects.filter(project__campaign=campaign)
        .order_by("project__code", "planned_date", "pk")
        .values_list("project__code", "kind", "name", "planned_date", "reached_on")
    )
    for code, kind, name, planned, reached in nodes.iterator(chunk_size=2000):
        yield [code, NODE_KIND_LABELS.get(kind, kind), name, planned, reached]
