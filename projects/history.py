"""The change log: recent history records of the register and the reports, with their diffs."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q

from accounts.models import Leader, Unit, User

from .models import Campaign, Milestone, MonthlyPlan, Project, WeeklyReport
from .scope import campaigns_for, projects_for, region_q


@dataclass
class ChangeEntry:
    when: datetime
    who: str
    model: str
    object: str
    action: str
    reason: str
    changes: list[tuple[str, str, str]]


def _scoped_histories(user: User):
    projects = projects_for(user).values("pk")
    campaigns = campaigns_for(user).values("pk")
    regions = Q() if user.is_superuser else region_q(user, "region")
    return [
        (Campaign, Campaign.history.filter(id__in=campaigns)),
        (Project, Project.history.filter(id__in=projects)),
        (MonthlyPlan, MonthlyPlan.history.filter(project_id__in=projects)),
        (Milestone, Milestone.history.filter(project_id__in=projects)),
        (WeeklyReport, WeeklyReport.history.filter(project_id__in=projects)),
        (Unit, Unit.history.filter(regions)),
        (Leader, Leader.history.filter(regions)),
    ]


def _previous(model, records: list) -> dict:
    """For each history record, the one before it of the same object: one query per model,
    where ``record.prev_record`` would cost one per row of the log."""
    if not records:
        return {}
    ids = {r.id for r in records}
    newest = max(r.history_date for r in records)
    earlier: dict[int, list] = {}
    for row in model.history.filter(id__in=ids, history_date__lt=newest).order_by("history_date"):
        earlier.setdefault(row.id, []).append(row)
    found = {}
    for record in records:
        before = [r for r in earlier.get(record.id, []) if r.history_date < record.history_date]
        found[record.history_id] = before[-1] if before else None
    return found


def _diff(record, previous) -> list[tuple[str, str, str]]:
    if previous is None:
        return []
    model = record.instance_type
    delta = record.diff_against(previous)
    return [
        (str(model._meta.get_field(change.field).verbose_name), str(change.old), str(change.new))
        for change in delta.changes
    ]


def recent_changes(*, user: User, limit: int = 60) -> list[ChangeEntry]:
    """The latest ``limit`` changes the user may see, newest first, with what changed: two
    queries per kind of record, however long the log."""
    records = []
    for model, queryset in _scoped_histories(user):
        for record in queryset.select_related("history_user").order_by("-history_date")[:limit]:
            records.append((model, record))
    records.sort(key=lambda pair: pair[1].history_date, reverse=True)
    shown = records[:limit]
    previous = {}
    for model in {model for model, _record in shown}:
        previous.update(_previous(model, [r for m, r in shown if m is model]))
    return [
        ChangeEntry(
            when=record.history_date,
            who=record.history_user.display_name if record.history_user else "—",
            model=str(model._meta.verbose_name),
            object=str(record),
            action=record.get_history_type_display(),
            reason=record.history_change_reason or "",
            changes=_diff(record, previous.get(record.history_id)),
        )
        for model, record in shown
    ]
