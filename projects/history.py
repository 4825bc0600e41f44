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


def _diff(record) -> list[tuple[str, str, str]]:
    previous = record.prev_record
    if previous is None:
        return []
    model = record.instance_type
    delta = record.diff_against(previous)
    return [
        (str(model._meta.get_field(change.field).verbose_name), str(change.old), str(change.new))
        for change in delta.changes
    ]


def recent_changes(*, user: User, limit: int = 60) -> list[ChangeEntry]:
    """The latest ``limit`` changes the user may see, newest first, with what changed."""
    records = []
    for model, queryset in _scoped_histories(user):
        for record in queryset.select_related("history_user").order_by("-history_date")[:limit]:
            records.append((model, record))
    records.sort(key=lambda pair: pair[1].history_date, reverse=True)
    return [
        ChangeEntry(
            when=record.history_date,
            who=record.history_user.display_name if record.history_user else "—",
            model=str(model._meta.verbose_name),
            object=str(record),
            action=record.get_history_type_display(),
            reason=record.history_change_reason or "",
            changes=_diff(record),
        )
        for model, record in records[:limit]
    ]
