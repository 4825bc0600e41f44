"""The project register as an Excel workbook, in the district's own layout and Chinese headers.

Two sheets: 「项目清单」 (one row per project with its monthly plan) and 「节点计划」 (one row per
milestone node). The format — sheet names, headers, choice labels — is declared here and never
taken from translations, so a workbook written today still imports after the .po files change.
Reading and validation live in ``workbook_read``, writing the file in ``workbook_write``; the
saving of a validated file is here, next to the public entry points.
"""

import os
from collections.abc import Iterable
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING

from django.db import transaction
from django.utils import translation
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from accounts.models import Leader, Unit

from .choices import Category, NodeKind, Stage, TargetKind
from .models import Campaign, Milestone, MonthlyPlan, Project, TaskForce

if TYPE_CHECKING:
    from .workbook_read import NodeRow, ProjectRow

PROJECT_SHEET = "项目清单"
NODE_SHEET = "节点计划"
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
)
NODE_COLUMNS = (
    Column(CODE, True, 12),
    Column(NODE_KIND, True, 12),
    Column(NODE_NAME, True, 30),
    Column(PLANNED, True, 14),
    Column(REACHED, False, 14),
)
MONEY_HEADERS = frozenset({TOTAL, ANNUAL, *MONTHS})
DATE_HEADERS = frozenset({PLANNED, REACHED})

# Choice value -> the label the district writes. Explicit, so the format ignores translations.
CATEGORY_LABELS = {
    Category.INDUSTRY: "产业类",
    Category.INFRASTRUCTURE: "基础设施类",
    Category.LIVELIHOOD: "社会民生类",
}
STAGE_LABELS = {
    Stage.PREPARATION: "前期",
    Stage.STARTED: "开工",
    Stage.CONSTRUCTION: "建设",
    Stage.COMPLETED: "竣工",
    Stage.PRODUCTION: "投产",
}
TARGET_LABELS = {
    TargetKind.PRODUCTION: "投产达效",
    TargetKind.ACCELERATE: "加快建设",
}
NODE_KIND_LABELS = {
    NodeKind.START: "开工",
    NodeKind.TOPPING: "主体封顶",
    NodeKind.EQUIPMENT: "设备安装",
    NodeKind.COMPLETION: "竣工",
    NodeKind.PRODUCTION: "投产",
    NodeKind.OTHER: "其他",
}

MONEY_FORMAT = "#,##0.00"
DATE_FORMAT = "yyyy-mm-dd"


@dataclass(frozen=True)
class RowError:
    """One problem found in an imported workbook; ``row_number`` 0 means the whole file."""

    sheet: str
    row_number: int
    column: str
    message: str

    def __str__(self) -> str:
        where = ""
        if self.sheet:
            where += f"工作表「{self.sheet}」"
        if self.row_number:
            where += f"第{self.row_number}行"
        if self.column:
            where += f"「{self.column}」"
        return f"{where}：{self.message}" if where else self.message


class WorkbookError(Exception):
    """The workbook was rejected as a whole; ``errors`` says where and why."""

    def __init__(self, errors: Iterable[RowError]):
        self.errors = list(errors)
        super().__init__("\n".join(str(error) for error in self.errors))


@dataclass(frozen=True)
class ImportResult:
    """Projects created and changed, milestone nodes created or changed, projects left as they
    were because the file said nothing new about them."""

    created: int
    updated: int
    nodes: int
    unchanged: int = 0


@dataclass(frozen=True)
class ExportResult:
    """How many project rows and node rows were written."""

    projects: int
    nodes: int


Target = str | os.PathLike | IO[bytes]


def export_register(campaign: Campaign, stream_or_path: Target) -> ExportResult:
    """Write the register of ``campaign`` to ``stream_or_path`` (a path or a binary stream) as an
    .xlsx workbook with the sheets 「项目清单」 and 「节点计划」."""
    # Imported here: the writer and the reader build on the format declared in this module.
    from .workbook_write import write_register

    with translation.override("zh-hans"):
        return write_register(campaign, stream_or_path)


def import_register(campaign: Campaign, stream_or_path: Target, *, user=None) -> ImportResult:
    """Validate the whole workbook, then create or update the register of ``campaign`` from it.

    Raises ``WorkbookError`` listing every problem, row by row, and changes nothing if there is
    any. Projects are matched by code, milestones by (project, kind, name); neither is deleted
    when absent from the file. ``user`` is recorded as the author of the history entries.
    """
    from .workbook_read import parse_register

    projects, nodes = parse_register(campaign, stream_or_path)
    with transaction.atomic():
        return _save(campaign, projects, nodes, user)


def campaign_for(*, year: int | None = None, region_code: str | None = None) -> Campaign:
    """The campaign the management commands work on: ``year`` (default the newest one) of the
    region ``region_code``, which is needed only when several regions run that year.

    Raises ``LookupError`` with a message for the operator.
    """
    campaigns = Campaign.objects.select_related("region")
    if region_code:
        campaigns = campaigns.filter(region__code=region_code)
    if year is None:
        newest = campaigns.order_by("-year").first()
        if newest is None:
            raise LookupError("找不到任何重点项目年度活动" + _in_region(region_code))
        year = newest.year
    found = list(campaigns.filter(year=year).order_by("region__code"))
    if not found:
        raise LookupError(f"找不到{year}年度的重点项目活动" + _in_region(region_code))
    if len(found) > 1:
        codes = "、".join(campaign.region.code for campaign in found)
        raise LookupError(f"{year}年度有多个地区的活动，请用 --region 指定地区代码：{codes}")
    return found[0]


def _in_region(region_code: str | None) -> str:
    return f"（地区代码：{region_code}）" if region_code else ""


class _Names:
    """Units, leaders and task forces named in the file: found, or created on first use."""

    def __init__(self, campaign: Campaign, user):
        self.campaign, self.user = campaign, user
        units = list(Unit.objects.filter(region_id=campaign.region_id).order_by("pk"))
        self.units = {unit.short_name: unit for unit in units if unit.short_name}
        # A full name wins over a short name; the reader rejected ambiguous short names.
        self.units.update({unit.name: unit for unit in units})
        self.leaders = {
            leader.name: leader for leader in Leader.objects.filter(region_id=campaign.region_id)
        }
        self.task_forces: dict[str, TaskForce] = {}
        # Names are not unique in the model: newest first, so the oldest one is kept.
        for task_force in TaskForce.objects.filter(campaign=campaign).order_by("-pk"):
            self.task_forces[task_force.name] = task_force

    def _create(self, instance):
        _mark(instance, self.user)
        instance.save()
        return instance

    def unit(self, name: str) -> Unit:
        if name not in self.units:
            self.units[name] = self._create(Unit(region_id=self.campaign.region_id, name=name))
        return self.units[name]

    def leader(self, name: str) -> Leader:
        if name not in self.leaders:
            self.leaders[name] = self._create(Leader(region_id=self.campaign.region_id, name=name))
        return self.leaders[name]

    def task_force(self, name: str) -> TaskForce | None:
        if name and name not in self.task_forces:
            self.task_forces[name] = self._create(TaskForce(campaign=self.campaign, name=name))
        return self.task_forces.get(name)


PROJECT_FIELDS = (
    "name",
    "category",
    "unit",
    "leader",
    "task_force",
    "target",
    "stage",
    "total_investment",
    "annual_plan",
    "location",
    "owner",
    "description",
)


def _mark(instance, user):
    instance._change_reason = CHANGE_REASON
    if user is not None:
        instance._history_user = user
    return instance


def _save(campaign: Campaign, rows: "list[ProjectRow]", nodes: "list[NodeRow]", user):
    names = _Names(campaign, user)
    existing = {project.code: project for project in Project.objects.filter(campaign=campaign)}
    new, changed = [], []
    for row in rows:
        values = {
            "name": row.name,
            "category": row.category,
            # Ids, not instances: comparing instances would fetch each project's relations.
            "unit_id": names.unit(row.unit).pk,
            "leader_id": names.leader(row.leader).pk,
            "task_force_id": getattr(names.task_force(row.task_force), "pk", None),
            "target": row.target,
            "stage": row.stage,
            "total_investment": row.total,
            "annual_plan": row.annual,
            "location": row.location,
            "owner": row.owner,
            "description": row.description,
        }
        project = existing.get(row.code)
        if project is None:
            new.append(_mark(Project(campaign=campaign, code=row.code, **values), user))
        elif any(getattr(project, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(project, name, value)
            changed.append(_mark(project, user))
    history = {"default_user": user, "default_change_reason": CHANGE_REASON, "batch_size": 500}
    created = bulk_create_with_history(new, Project, **history)
    bulk_update_with_history(changed, Project, fields=PROJECT_FIELDS, **history)
    projects = existing | {project.code: project for project in created}
    replanned = _save_plans(campaign, rows, projects, user, history)
    updated = {project.code for project in changed} | (replanned - {p.code for p in created})
    return ImportResult(
        created=len(created),
        updated=len(updated),
        nodes=_save_nodes(campaign, nodes, projects, user, history),
        unchanged=len(rows) - len(created) - len(updated),
    )


def _save_plans(campaign, rows, projects, user, history) -> set[str]:
    """Make each project's monthly plan what the file says; the codes whose plan changed."""
    current: dict[int, dict[int, MonthlyPlan]] = {}
    for plan in MonthlyPlan.objects.filter(project__campaign=campaign):
        current.setdefault(plan.project_id, {})[plan.month] = plan
    new, changed, gone, codes = [], [], [], set()
    for row in rows:
        project = projects[row.code]
        plans = current.get(project.pk, {})
        for month, amount in row.months.items():
            plan = plans.get(month)
            if plan is None:
                new.append(_mark(MonthlyPlan(project=project, month=month, amount=amount), user))
            elif plan.amount != amount:
                plan.amount = amount
                changed.append(_mark(plan, user))
            else:
                continue
            codes.add(row.code)
        for month, plan in plans.items():
            if month not in row.months:
                gone.append(_mark(plan, user))
                codes.add(row.code)
    for plan in gone:
        plan.delete()  # one by one, so each deletion is in the history with its reason
    bulk_create_with_history(new, MonthlyPlan, **history)
    bulk_update_with_history(changed, MonthlyPlan, fields=["amount"], **history)
    return codes


def _save_nodes(campaign, nodes, projects, user, history) -> int:
    """Create or update milestones matched by (project, kind, name); the number touched."""
    current: dict[tuple, Milestone] = {}
    # Newest first, so the oldest of same-named nodes is the one updated.
    for milestone in Milestone.objects.filter(project__campaign=campaign).order_by("-pk"):
        current[(milestone.project_id, milestone.kind, milestone.name)] = milestone
    new, changed = [], []
    for row in nodes:
        project = projects[row.code]
        milestone = current.get((project.pk, row.kind, row.name))
        if milestone is None:
            new.append(
                _mark(
                    Milestone(
                        project=project,
                        kind=row.kind,
                        name=row.name,
                        planned_date=row.planned,
                        reached_on=row.reached,
                    ),
                    user,
                )
            )
            continue
        # A blank 实际完成日期 keeps a date already reported: an old sheet must not erase it.
        reached = row.reached or milestone.reached_on
        if (milestone.planned_date, milestone.reached_on) != (row.planned, reached):
            milestone.planned_date, milestone.reached_on = row.planned, reached
            changed.append(_mark(milestone, user))
    bulk_create_with_history(new, Milestone, **history)
    bulk_update_with_history(changed, Milestone, fields=["planned_date", "reached_on"], **history)
    return len(new) + len(changed)
