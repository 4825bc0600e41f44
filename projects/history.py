"""The change log: recent history records of the register and the reports, with their diffs,
written for a person: field and choice labels in the reader's language, people and units by
name, times in Asia/Shanghai, and the bookkeeping fields (the edit lock's counter) left out."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models import Max, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User

from . import weeks
from .models import Milestone, MonthlyPlan, Project, WeeklyReport
from .scope import histories_for

# Bookkeeping, not something a person changed: the optimistic lock's counter.
HIDDEN_FIELDS = {"version"}
DASH = "—"


@dataclass
class ChangeEntry:
    when: dt.datetime
    who: str
    model: str
    object: str
    action: str
    reason: str
    changes: list[tuple[str, str, str]]


def _previous(model, records: list) -> dict:
    """For each history record, the one before it of the same object: one query per model,
    where ``record.prev_record`` would cost one per row of the log. Keyed by (model, history
    id): each model's history numbers its records from 1."""
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
        found[(model, record.history_id)] = before[-1] if before else None
    return found


def _raw_changes(model, record, previous) -> list[tuple[models.Field, object, object]]:
    if previous is None:
        return []
    delta = record.diff_against(previous, excluded_fields=HIDDEN_FIELDS)
    return [(model._meta.get_field(c.field), c.old, c.new) for c in delta.changes]


class Names:
    """The names behind foreign keys in the log: one query per kind of object named."""

    def __init__(self):
        self.wanted: dict[type[models.Model], set] = defaultdict(set)
        self.found: dict[tuple[type[models.Model] | None, object], str] = {}

    def want(self, model: type[models.Model] | None, pk) -> None:
        if model is None:
            return
        if pk is not None:
            self.wanted[model].add(pk)

    def load(self) -> None:
        for model, pks in self.wanted.items():
            for obj in model._default_manager.filter(pk__in=pks).order_by():
                name = obj.display_name if isinstance(obj, User) else str(obj)
                self.found[(model, obj.pk)] = name

    def __call__(self, model: type[models.Model] | None, pk) -> str:
        if pk is None:
            return DASH
        return self.found.get((model, pk), _("(deleted, no. %(pk)s)") % {"pk": pk})


def _value(field: models.Field, value, names: Names) -> str:
    """One side of a change as a person reads it."""
    if value is None or value == "":
        return DASH
    if field.is_relation:
        return names(field.related_model, value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return _("yes") if value else _("no")
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    return str(value)


def _describe(model, record, names: Names) -> str:
    """What the record is about, without the history's "as of <UTC time>" and without a query
    per row (a report's name is its project's and its week)."""
    if model is WeeklyReport:
        return f"{names(Project, record.project_id)} {weeks.week_label(record.week)}"
    if model is MonthlyPlan:
        return _("%(project)s, month %(month)d") % {
            "project": names(Project, record.project_id),
            "month": record.month,
        }
    if model is Milestone:
        return f"{names(Project, record.project_id)} · {record.name}"
    return str(record.instance)


def last_changed() -> Subquery:
    """When each project (``OuterRef("pk")``) last changed, from its history, as a subquery."""
    last = (
        Project.history.model.objects.filter(id=OuterRef("pk"))
        .order_by()
        .values("id")
        .annotate(at=Max("history_date"))
        .values("at")
    )
    return Subquery(last)


def recent_changes(*, user: User, limit: int = 60) -> list[ChangeEntry]:
    """The latest ``limit`` changes the user may see, newest first, with what changed: two
    queries per kind of record and one per kind of object named, however long the log."""
    records: list[tuple[type[models.Model], Any]] = []
    for model, queryset in histories_for(user):
        for record in queryset.select_related("history_user").order_by("-history_date")[:limit]:
            records.append((model, record))
    records.sort(key=lambda pair: pair[1].history_date, reverse=True)
    shown = records[:limit]
    previous = {}
    for model in {model for model, _record in shown}:
        previous.update(_previous(model, [r for m, r in shown if m is model]))
    names = Names()
    raw = {}
    for model, record in shown:
        key = (model, record.history_id)
        raw[key] = _raw_changes(model, record, previous.get(key))
        if model in (WeeklyReport, MonthlyPlan, Milestone):
            names.want(Project, record.project_id)
        for field, old, new in raw[key]:
            if field.is_relation:
                names.want(field.related_model, old)
                names.want(field.related_model, new)
    names.load()
    return [
        ChangeEntry(
            when=record.history_date,
            who=record.history_user.display_name if record.history_user else _("the system"),
            model=str(model._meta.verbose_name),
            object=_describe(model, record, names),
            action=record.get_history_type_display(),
            reason=record.history_change_reason or "",
            changes=[
                (str(field.verbose_name), _value(field, old, names), _value(field, new, names))
                for field, old, new in raw[(model, record.history_id)]
            ],
        )
        for model, record in shown
    ]
