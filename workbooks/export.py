"""The register of a campaign as an .xlsx workbook in the app's own layout (see ``format``).

Rows are streamed (write-only workbook, chunked querysets) so 5,000 projects stay light in memory;
every text cell goes through ``config.xlsx`` so a name typed as "=…" stays text.
"""

import datetime as dt
import os
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import IO

from django.utils import translation
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from config.xlsx import text_cell
from projects.models import Campaign, Milestone, Project

from .format import (
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
    period_label,
)

Target = str | os.PathLike | IO[bytes]


@dataclass(frozen=True)
class ExportResult:
    """How many project rows and node rows were written."""

    projects: int
    nodes: int


def export_register(campaign: Campaign, stream_or_path: Target) -> ExportResult:
    """Write the register of ``campaign`` to ``stream_or_path`` (a path or a binary stream) as an
    .xlsx workbook with the sheets 「项目清单」 and 「节点计划」."""
    with translation.override("zh-hans"):
        workbook = Workbook(write_only=True)
        project_sheet = header_sheet(workbook, PROJECT_SHEET, PROJECT_COLUMNS)
        project_count = _append_rows(project_sheet, _project_rows(campaign))
        node_sheet = header_sheet(workbook, NODE_SHEET, NODE_COLUMNS)
        node_count = _append_rows(node_sheet, _node_rows(campaign))
        workbook.save(stream_or_path)
    return ExportResult(projects=project_count, nodes=node_count)


def header_sheet(workbook: Workbook, title: str, columns: tuple[Column, ...], above=()):
    """A write-only sheet with its widths, the rows ``above`` the header, and the header."""
    sheet = workbook.create_sheet(title)
    # Write-only sheets take widths and panes only before the first row.
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = f"A{len(above) + 2}"
    for row in above:
        sheet.append(row(sheet) if callable(row) else row)
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
        sheet.append([cell(sheet, value) for value in row])
        count += 1
    return count


def cell(sheet, value):
    """A value as a write-only cell: amounts and dates formatted, text never a formula."""
    if isinstance(value, Decimal):
        written = WriteOnlyCell(sheet, value=value)
        written.number_format = MONEY_FORMAT
        return written
    if isinstance(value, dt.date):
        written = WriteOnlyCell(sheet, value=value)
        written.number_format = DATE_FORMAT
        return written
    return text_cell(sheet, value)


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
            period_label(project.start_year, project.end_year),
            project.annual_goal or None,
            project.remarks or None,
        ]


def _node_rows(campaign: Campaign) -> Iterator[list]:
    nodes = (
        Milestone.objects.filter(project__campaign=campaign)
        .order_by("project__code", "planned_date", "pk")
        .values_list("project__code", "kind", "name", "planned_date", "reached_on")
    )
    for code, kind, name, planned, reached in nodes.iterator(chunk_size=2000):
        yield [code, NODE_KIND_LABELS.get(kind, kind), name, planned, reached]
