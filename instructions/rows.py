"""The 批示 list's rows: only the columns its table shows, read as plain rows (config.plain_rows).

A page read with ``select_related`` built an instruction, its author, and the report, notice or
project it is on, from every column of each, for each row. A row here is one dict: the
author's name and what names the thing it is on worked out by the database, its label put
together by the report's and the notice's own naming functions."""

import functools

from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from accounts.models import User
from config.plain_rows import KeyRow, compiled_names, one_of, plain_rows
from escalation.models import SupervisionNotice, notice_title
from projects.labels import person_label
from projects.models import Project
from reports.choices import report_name
from reports.models import Report

from .models import Instruction

# What each cell reads (instructions.tables.InstructionTable), by the key its accessor names.
SHOWN = ("pk", "created_at", "text", "answered_at", "report_id", "notice_id", "project_id")


class InstructionRow(KeyRow):
    __slots__ = ()

    @property
    def on(self) -> str:
        """``str(instruction.on)``: the bulletin, the notice or the project it is on."""
        if self["report_id"] is not None:
            return report_name(self["report_kind"], self["report_period"], self["report_revision"])
        if self["notice_id"] is not None:
            return notice_title(self["notice_doc"], self["notice_year"], self["notice_number"])
        return self["project_name"]


@functools.cache
def _names(vendor: str) -> dict[str, RawSQL]:
    """The rows' names, compiled once per database."""
    names = {
        "author_label": one_of(User, "author_id", person_label()),
        "project_name": one_of(Project, "project_id", "name"),
        "report_kind": one_of(Report, "report_id", "kind"),
        "report_period": one_of(Report, "report_id", "period"),
        "report_revision": one_of(Report, "report_id", "revision"),
        "notice_doc": one_of(SupervisionNotice, "notice_id", "doc_number"),
        "notice_number": one_of(SupervisionNotice, "notice_id", "number"),
        "notice_year": one_of(SupervisionNotice, "notice_id", "campaign__year"),
    }
    return compiled_names(Instruction, names)


def instruction_rows(instructions: QuerySet) -> QuerySet:
    """``instructions`` (already scoped and filtered) as the table's rows."""
    return plain_rows(instructions, SHOWN, _names(connection.vendor), row=InstructionRow)
