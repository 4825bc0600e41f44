"""Confirming an import writes the register all or nothing; undoing puts it back.

Confirm recomputes the preview inside the transaction (the register may have moved since the
page was drawn), with the campaign row locked so two imports of one campaign never interleave.
It records what it created and, for what it changed, the values before and after: undo restores
a value only where it is still what the import wrote, so a stage moved since by a weekly report
is not turned back.
"""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from accounts.models import Leader, Unit, User
from config.history import note_change
from projects.models import Campaign, Milestone, MonthlyPlan, Project, TaskForce

from .errors import WorkbookError
from .format import CHANGE_REASON
from .models import ImportRun, ImportStatus
from .preview import Resolution, resolve

UNDO_REASON = "撤销Excel导入"
FIELDS = (
    "name",
    "category",
    "target",
    "stage",
    "total_investment",
    "annual_plan",
    "location",
    "owner",
    "description",
    "annual_goal",
    "remarks",
    "start_year",
    "end_year",
    "lat",
    "lon",
    "unit_id",
    "leader_id",
    "task_force_id",
)


def _mark(instance, user, reason=CHANGE_REASON):
    note_change(instance, reason=reason)
    if user is not None:
        note_change(instance, user=user)
    return instance


def _plain(value):
    """A field value as JSON keeps it."""
    if isinstance(value, Decimal):
        return str(value)
    return value


def _typed(name: str, value):
    if value is not None and name in ("total_investment", "annual_plan"):
        return Decimal(value)
    return value


class _Names:
    """Units, leaders and task forces the rows name: found, or created (and remembered)."""

    def __init__(self, campaign: Campaign, resolution: Resolution, user, record: dict):
        self.campaign, self.user, self.record = campaign, user, record
        region = campaign.region_id
        self.units = {u.name: u for u in Unit.objects.filter(region_id=region)}
        for name in resolution.new_units:
            if name not in self.units:
                self.units[name] = self._create(Unit(region_id=region, name=name), "units")
        self.leaders = {leader.name: leader for leader in Leader.objects.filter(region_id=region)}
        for name, title in resolution.new_leaders:
            if name not in self.leaders:
                leader = Leader(region_id=region, name=name, title=title)
                self.leaders[name] = self._create(leader, "leaders")
        for pk, title in resolution.retitled:
            leader = Leader.objects.get(pk=pk)
            record["retitled"].append([pk, leader.title, title])
            leader.title = title
            _mark(leader, user).save(update_fields=["title"])
        self.task_forces = {}
        for task_force in TaskForce.objects.filter(campaign=campaign).order_by("-pk"):
            self.task_forces[task_force.name] = task_force  # the oldest of a name wins

    def _create(self, instance, kind: str):
        _mark(instance, self.user).full_clean()
        instance.save()
        self.record[kind].append(instance.pk)
        return instance

    def task_force(self, name: str) -> int | None:
        if not name:
            return None
        if name not in self.task_forces:
            force = TaskForce(campaign=self.campaign, name=name)
            self.task_forces[name] = self._create(force, "task_forces")
        return self.task_forces[name].pk


def _model_values(row_values: dict, names: _Names) -> dict:
    values = {k: v for k, v in row_values.items() if k not in ("unit", "leader", "task_force")}
    if "unit" in row_values:
        values["unit_id"] = names.units[row_values["unit"]].pk
    if "leader" in row_values:
        values["leader_id"] = names.leaders[row_values["leader"]].pk
    if "task_force" in row_values:
        values["task_force_id"] = names.task_force(row_values["task_force"])
    return values


def import_confirm(*, run: ImportRun, user) -> ImportRun:
    """Write what the preview shows, all or nothing. Raises WorkbookError if a row has an
    error (nothing is written then)."""
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().get(pk=run.campaign_id)
        run = ImportRun.objects.select_for_update().get(pk=run.pk)
        if run.status != ImportStatus.READY:
            raise WorkbookError(["这次导入不在待确认状态，不能确认"])
        parsed = run.parsed
        assert parsed is not None  # a run is READY once its sheet is read
        resolution = resolve(campaign, parsed, run.options)
        if parsed["problems"]:
            raise WorkbookError(parsed["problems"])
        if not resolution.rows:
            raise WorkbookError(["没有读到任何项目行"])
        if not resolution.can_confirm:
            raise WorkbookError(
                [e for row in resolution.rows for e in row.errors] + resolution.node_errors
            )
        record: dict[str, list] = {
            k: [] for k in ("units", "leaders", "task_forces", "projects", "milestones")
        }
        record |= {"retitled": [], "changed": [], "plans": [], "nodes": []}
        names = _Names(campaign, resolution, user, record)
        history = {"default_user": user, "default_change_reason": CHANGE_REASON}
        history["batch_size"] = 500
        existing = {p.pk: p for p in Project.objects.filter(campaign=campaign)}
        new, changed = [], []
        for row in resolution.rows:
            if row.status not in ("new", "changed"):
                continue
            values = _model_values(row.values, names)
            if row.project_id is None:
                project = Project(campaign=campaign, code=row.code, **values)
                # Foreign keys are ours (found or created above): no query per row to check them.
                try:
                    _mark(project, user).full_clean(
                        exclude=["campaign", "unit", "leader", "task_force"],
                        validate_unique=False,
                        validate_constraints=False,
                    )
                except ValidationError as exc:
                    raise WorkbookError([f"第{row.row}行：{m}" for m in exc.messages]) from exc
                new.append(project)
                continue
            project = existing[row.project_id]
            before = {k: _plain(getattr(project, k)) for k in values if k in FIELDS}
            for name, value in values.items():
                setattr(project, name, value)
            after = {k: _plain(getattr(project, k)) for k in before}
            if before != after:
                record["changed"].append([project.pk, before, after])
                changed.append(_mark(project, user))
        created = bulk_create_with_history(new, Project, **history)
        record["projects"] = [p.pk for p in created]
        bulk_update_with_history(changed, Project, fields=list(FIELDS), **history)
        by_code = {p.code: p for p in Project.objects.filter(campaign=campaign).only("pk", "code")}
        _save_plans(resolution, by_code, user, history, record)
        _save_nodes(resolution, by_code, user, history, record)
        counts = resolution.counts
        run.status = ImportStatus.CONFIRMED
        run.created, run.updated, run.unchanged = (
            counts["new"],
            counts["changed"],
            counts["unchanged"],
        )
        run.annual_total = resolution.annual_total
        run.confirmed_at, run.confirmed_by = timezone.now(), user
        run.undo = record
        run.save()
    return run


def _save_plans(resolution, by_code, user, history, record) -> None:
    ids = [by_code[row.code].pk for row in resolution.rows if row.status in ("new", "changed")]
    current: dict[int, dict[int, MonthlyPlan]] = {}
    for plan in MonthlyPlan.objects.filter(project_id__in=ids):
        current.setdefault(plan.project_id, {})[plan.month] = plan
    new: list[MonthlyPlan] = []
    changed: list[MonthlyPlan] = []
    gone: list[MonthlyPlan] = []
    for row in resolution.rows:
        if row.status not in ("new", "changed") or not row.months:
            continue
        project = by_code[row.code]
        plans = current.get(project.pk, {})
        before = {m: str(p.amount) for m, p in plans.items()}
        for month, amount in row.months.items():
            kept = plans.get(month)
            if kept is None:
                new.append(_mark(MonthlyPlan(project=project, month=month, amount=amount), user))
            elif kept.amount != amount:
                kept.amount = amount
                changed.append(_mark(kept, user))
        gone += [_mark(plan, user) for month, plan in plans.items() if month not in row.months]
        after = {m: str(a) for m, a in row.months.items()}
        if before != after:
            record["plans"].append([project.pk, before, after])
    for plan in gone:
        plan.delete()  # one by one, so each deletion is in the history with its reason
    bulk_create_with_history(new, MonthlyPlan, **history)
    bulk_update_with_history(changed, MonthlyPlan, fields=["amount"], **history)


def _save_nodes(resolution, by_code, user, history, record) -> None:
    ids = [by_code[row.code].pk for row in resolution.rows if row.nodes]
    current: dict[tuple[int, str, str], Milestone] = {}
    for each in Milestone.objects.filter(project_id__in=ids).order_by("-pk"):
        current[(each.project_id, each.kind, each.name)] = each
    new: list[Milestone] = []
    changed: list[Milestone] = []
    for row in resolution.rows:
        if row.status not in ("new", "changed"):
            continue
        project = by_code[row.code]
        for kind, name, planned, reached in row.nodes:
            milestone = current.get((project.pk, kind, name))
            if milestone is None:
                node = Milestone(project=project, kind=kind, name=name, planned_date=planned)
                node.reached_on = reached
                new.append(_mark(node, user))
                continue
            # A blank 实际完成日期 keeps a date already reported: an old sheet must not erase it.
            reached = reached or milestone.reached_on
            if (milestone.planned_date, milestone.reached_on) != (planned, reached):
                record["nodes"].append(
                    [milestone.pk, _iso(milestone.planned_date), _iso(milestone.reached_on)]
                )
                milestone.planned_date, milestone.reached_on = planned, reached
                changed.append(_mark(milestone, user))
    created = bulk_create_with_history(new, Milestone, **history)
    record["milestones"] = [m.pk for m in created]
    bulk_update_with_history(changed, Milestone, fields=["planned_date", "reached_on"], **history)


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def last_confirmed(campaign: Campaign) -> ImportRun | None:
    """The import that can be undone: the campaign's latest confirmed one."""
    return (
        ImportRun.objects.filter(campaign=campaign, status__in=[ImportStatus.CONFIRMED])
        .order_by("-confirmed_at", "-pk")
        .first()
    )


def import_undo(*, run: ImportRun, user) -> list[str]:
    """Put the register back as it was before ``run`` was confirmed. Returns what could not be
    put back (values changed since by someone else). Raises WorkbookError if it cannot be
    undone (not the last import, or a project it created already has weekly reports)."""
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().get(pk=run.campaign_id)
        run = ImportRun.objects.select_for_update().get(pk=run.pk)
        latest = last_confirmed(campaign)
        if latest is None or latest.pk != run.pk:
            raise WorkbookError(["只能撤销本年度最近一次确认的导入"])
        record = run.undo or {}
        created = Project.objects.filter(pk__in=record.get("projects", []))
        reported = list(
            created.filter(reports__isnull=False).distinct().values_list("name", flat=True)
        )
        if reported:
            raise WorkbookError(
                [
                    f"导入新增的项目已有周报，不能撤销：{'、'.join(reported[:5])}"
                    + ("等" if len(reported) > 5 else "")
                ]
            )
        kept: list[str] = []
        for project in created:
            _mark(project, user, UNDO_REASON).delete()
        _undo_changes(record, user, kept)
        for milestone in Milestone.objects.filter(pk__in=record.get("milestones", [])):
            _mark(milestone, user, UNDO_REASON).delete()
        for pk, planned, reached in record.get("nodes", []):
            found = Milestone.objects.filter(pk=pk).first()
            if found:
                found.planned_date = dt.date.fromisoformat(planned)
                found.reached_on = dt.date.fromisoformat(reached) if reached else None
                _mark(found, user, UNDO_REASON).save()
        for force in TaskForce.objects.filter(pk__in=record.get("task_forces", [])):
            if not Project.objects.filter(task_force=force).exists():
                _mark(force, user, UNDO_REASON).delete()
        for pk, title_before, _title in record.get("retitled", []):
            Leader.objects.filter(pk=pk).update(title=title_before)
        for model, key in ((Leader, "leaders"), (Unit, "units")):
            for item in model.objects.filter(pk__in=record.get(key, [])):
                if item.projects.exists() or User.objects.filter(**{key[:-1]: item}).exists():
                    continue  # used since the import: it stays
                try:
                    with transaction.atomic():
                        _mark(item, user, UNDO_REASON).delete()
                except (ProtectedError, IntegrityError):
                    pass  # a problem was routed to the new unit meanwhile: it stays
        run.status = ImportStatus.UNDONE
        run.undone_at, run.undone_by = timezone.now(), user
        run.save(update_fields=["status", "undone_at", "undone_by"])
    return kept


def _undo_changes(record: dict, user, kept: list[str]) -> None:
    projects = Project.objects.in_bulk([pk for pk, _b, _a in record.get("changed", [])])
    for pk, before, after in record.get("changed", []):
        project = projects.get(pk)
        if project is None:
            continue
        touched = []
        for name, value in before.items():
            if _plain(getattr(project, name)) == after[name]:
                setattr(project, name, _typed(name, value))
                touched.append(name)
            else:
                kept.append(f"{project.name}：{name}已在导入后被修改，保留现值")
        if touched:
            _mark(project, user, UNDO_REASON).save(update_fields=touched)
    for pk, before, after in record.get("plans", []):
        plans = {p.month: p for p in MonthlyPlan.objects.filter(project_id=pk)}
        for month_text, amount in after.items():
            plan = plans.get(int(month_text))
            if plan is None or str(plan.amount) != amount:
                continue
            if month_text in before:
                plan.amount = Decimal(before[month_text])
                _mark(plan, user, UNDO_REASON).save(update_fields=["amount"])
            else:
                _mark(plan, user, UNDO_REASON).delete()
        for month_text, amount in before.items():
            if month_text not in after and int(month_text) not in plans:
                plan = MonthlyPlan(project_id=pk, month=int(month_text), amount=Decimal(amount))
                _mark(plan, user, UNDO_REASON).save()
