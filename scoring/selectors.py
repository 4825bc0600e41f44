"""Reads for the scoring pages, scoped through projects.scope: a user sees the scores, flags and
rubrics of what the user may see, and another unit's score is simply not found (404)."""

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import Case, Count, Max, Prefetch, Q, QuerySet, When
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import Promise

from accounts.choices import Role
from accounts.compiled_reads import read_of_one
from accounts.models import User
from projects.choices import InvestmentSource
from projects.models import Campaign, Project, WeeklyReport
from projects.scope import campaigns_for, can_review, projects_for

from . import labels
from .choices import ExemptionKind, FlagStatus
from .inputs import campaign_weeks
from .models import Exemption, ReportFlag, RubricVersion, ScoringRun, WeeklyScore
from .relative import compare
from .results import ItemResult, money


def can_adjust(user: User) -> bool:
    """Supervisors adjust scores, grant exemptions, resolve flags."""
    return can_review(user)


def can_keep_rubric(user: User) -> bool:
    """The rubric is configuration: supervisors and the system administrator read and propose."""
    return can_adjust(user) or can_set_rubric(user)


def can_set_rubric(user: User) -> bool:
    """Supervisors propose rubric versions; only an administrator adopts one."""
    return user.is_active and (user.is_superuser or user.role == Role.ADMIN)


def scores_for(user: User) -> QuerySet[WeeklyScore]:
    return WeeklyScore.objects.filter(project__in=projects_for(user).values("pk"))


def flags_for(user: User) -> QuerySet[ReportFlag]:
    return (
        ReportFlag.objects.filter(project__in=projects_for(user).values("pk"))
        .select_related("project__unit", "resolved_by")
        .order_by("-week", "project__code", "key")
    )


def flag_groups(*, flags: QuerySet[ReportFlag]) -> QuerySet[Project]:
    """The projects of ``flags``, one row each, latest suspicion first, with their flags of
    ``flags`` in ``listed_flags``: the supervisor reads a project once, not a flag a week.
    Three queries for a page: the count, the projects, their flags."""
    chosen = Q(flags__in=flags.values("pk"))
    return (
        Project.objects.filter(pk__in=flags.values("project"))
        .select_related("unit")
        .only("pk", "code", "name", "unit__name", "unit__short_name")
        .annotate(
            flag_count=Count("flags", filter=chosen),
            latest=Max("flags__last_week", filter=chosen),
        )
        .prefetch_related(
            Prefetch(
                "flags",
                queryset=ReportFlag.objects.filter(pk__in=flags.values("pk")).order_by(
                    "-last_week", "key"
                ),
                to_attr="listed_flags",
            )
        )
        .order_by("-latest", "code")
    )


def project_flags(*, user: User, pk: int) -> tuple[Project, QuerySet[ReportFlag]]:
    """A project the user may see and every flag it has, open first, newest first."""
    project = get_object_or_404(projects_for(user).select_related("unit"), pk=pk)
    flags = project.flags.select_related("resolved_by").order_by(
        Case(When(status=FlagStatus.OPEN, then=0), default=1), "-last_week", "key"
    )
    return project, flags


def exemptions_for(user: User) -> QuerySet[Exemption]:
    return Exemption.objects.filter(project__in=projects_for(user).values("pk"))


def versions_for(user: User) -> QuerySet[RubricVersion]:
    return RubricVersion.objects.filter(campaign__in=campaigns_for(user)).select_related(
        "campaign", "created_by", "adopted_by"
    )


def score_get(*, project: Project, week: dt.date) -> WeeklyScore:
    return get_object_or_404(
        WeeklyScore.objects.select_related("rubric_version", "project__campaign"),
        project=project,
        week=week,
    )


# Compiled once: built by the ORM on each project page, the read cost more than its SQL.
_strip = read_of_one(
    "A project's card strip",
    lambda project: (
        WeeklyScore.objects.filter(project_id=project)
        .only("project_id", "week", "card", "total", "exempt")
        .order_by("week")
    ),
)


def card_strip(project: Project) -> list[WeeklyScore]:
    """The project's card of every scored week, oldest first: one query."""
    scores = _strip(project.pk)
    for score in scores:
        score.project = project
    return scores


def preview_week(campaign: Campaign) -> dt.date:
    """The week a rubric preview shows: the latest scored one, else the latest past one."""
    latest = ScoringRun.objects.filter(campaign=campaign).aggregate(w=Max("week"))["w"]
    if latest:
        return latest
    today = timezone.localdate()
    past = [monday for monday in campaign_weeks(campaign) if monday + dt.timedelta(7) <= today]
    return past[-1] if past else campaign_weeks(campaign)[0]


@dataclasses.dataclass
class ItemView:
    """One rubric item on the "why" page: points out of max, the note and its figures."""

    item: ItemResult
    label: str | Promise
    facts: list[tuple[str | Promise, Any]]
    nodes: list[dict] = dataclasses.field(default_factory=list)

    @property
    def lost(self) -> bool:
        return self.item.max_points > 0 and self.item.points < self.item.max_points

    @property
    def percent(self) -> int:
        """How full the item's bar is drawn."""
        if self.item.max_points <= 0:
            return 0
        return int(self.item.points * 100 / self.item.max_points)


def _facts(item: ItemResult, context: dict, week: dt.date) -> list[tuple[str | Promise, Any]]:
    """The item's inputs as label/value pairs, with where each figure came from."""
    figures = item.inputs
    if item.key == "investment":
        source = figures.get("source") or ""
        facts: list[tuple[str | Promise, Any]] = [
            (labels.FACTS["plan_due"], money(Decimal(figures["plan_due"]))),
            (labels.FACTS["ytd_done"], money(Decimal(figures["ytd_done"]))),
            (labels.FACTS["ratio"], f"{figures['ratio']}%" if figures.get("ratio") else "—"),
            (labels.FACTS["source"], InvestmentSource(source).label if source else "—"),
        ]
        figure_week = context.get("figure_week")
        if figure_week and figure_week != week.isoformat():
            facts.append((labels.FACTS["figure_week"], figure_week))
        if context.get("stats_figure"):
            facts.append((labels.FACTS["stats_figure"], money(Decimal(context["stats_figure"]))))
        return facts
    if item.key == "reporting":
        return [
            (labels.FACTS["report"], labels.REPORT_STATES.get(figures["report"], "")),
            (labels.FACTS["missing_in_row"], figures["missing_in_row"]),
        ]
    if item.key == "problems":
        return [(labels.FACTS["overdue_own_problems"], figures["overdue_own_problems"])]
    if item.key == "assessment":
        return [(labels.FACTS["assessment"], figures.get("assessment") or "—")]
    if item.key == "adjustment":
        return [
            (labels.FACTS["asked"], figures["asked"]),
            (labels.FACTS["applied"], figures["applied"]),
            (labels.FACTS["reason"], figures["reason"]),
        ]
    return []


def _exemption(data: dict | None) -> dict | None:
    """The exemption as scored, with its kind labelled and its dates as dates."""
    if not data:
        return None
    return {
        **data,
        "kind_label": ExemptionKind(data["kind"]).label,
        "starts": dt.date.fromisoformat(data["starts"]),
        "ends": dt.date.fromisoformat(data["ends"]),
        "approved_at": dt.datetime.fromisoformat(data["approved_at"]),
    }


def why_page(score: WeeklyScore) -> dict[str, Any]:
    """Everything the "why" page shows about one project's week."""
    result, rubric = score.result, score.rubric_version.rubric
    context = score.breakdown.get("context", {})
    items = []
    for item in result.items:
        nodes = [
            {**row, "status_label": labels.NODE_STATES.get(row["status"], row["status"])}
            for row in (item.inputs.get("nodes", []) if item.key == "nodes" else [])
        ]
        items.append(
            ItemView(
                item, labels.ITEMS.get(item.key, item.key), _facts(item, context, score.week), nodes
            )
        )
    previous = (
        WeeklyScore.objects.filter(project_id=score.project_id, week__lt=score.week)
        .order_by("-week")
        .first()
    )
    following = (
        WeeklyScore.objects.filter(project_id=score.project_id, week__gt=score.week)
        .order_by("week")
        .only("project_id", "week")
        .first()
    )
    return {
        "score": score,
        "project": score.project,
        "result": result,
        "rubric": rubric,
        "items": items,
        "triggers": [(labels.TRIGGERS.get(t.key, t.key), t.note) for t in result.triggers],
        "exemption": _exemption(context.get("exemption")),
        "previous": previous,
        "following": following,
        "changes": compare(previous.result if previous else None, result),
        "adjustments": score.adjustments.select_related("by").order_by("-at", "-pk"),
        "flags": ReportFlag.objects.filter(
            project_id=score.project_id, week__lte=score.week, last_week__gte=score.week
        ),
        "report": WeeklyReport.objects.filter(project_id=score.project_id, week=score.week)
        .only("pk", "status", "week")
        .first(),
        "history": score.history.select_related("history_user").order_by("-history_date")[:10],
    }
