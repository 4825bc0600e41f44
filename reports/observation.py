"""Half-year observation rounds (半年观摩): who may score, the scores of a round, and what they
feed: the scoring app's "assessment" item (0..10) and the half-year and annual rankings. The
criteria and sheets are written by ``observation_services`` and combined by
``observation_selectors`` (the rules: ``observation_rules``)."""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.choices import Role
from accounts.models import User
from projects.models import Campaign, Project
from projects.scope import campaigns_for

from .choices import RoundStatus
from .models import ObservationRound, ObservationScore
from .observation_selectors import inspectors, project_results, results_by_round
from .observation_services import check_sheet

CENT = Decimal("0.01")


def can_inspect(user: User) -> bool:
    """Supervisors and the responsible leaders score on site; managers and the system
    administrator read (三权分立: the administrator keeps accounts, not business data)."""
    return user.is_active and (user.is_superuser or user.role in {Role.SUPERVISOR, Role.LEADER})


def can_run_rounds(user: User) -> bool:
    return user.is_active and (user.is_superuser or user.role == Role.SUPERVISOR)


def rounds_for(user: User) -> QuerySet[ObservationRound]:
    return ObservationRound.objects.filter(campaign__in=campaigns_for(user)).select_related(
        "campaign"
    )


def sheet_projects(user: User, round_: ObservationRound) -> QuerySet[Project]:
    """The projects ``user`` may score in a round: the campaign's, but never a leader's own."""
    projects = Project.objects.filter(campaign=round_.campaign).select_related("unit", "leader")
    if not can_inspect(user):
        return projects.none()
    if user.role == Role.LEADER and not user.is_superuser:
        projects = projects.exclude(leader_id=user.leader_id)
    return projects


def round_set_status(*, round_: ObservationRound, status: str) -> ObservationRound:
    """Close a round (its scores become final and feed the assessment) or reopen it."""
    round_.status = status
    round_.closed_at = timezone.now() if status == RoundStatus.CLOSED else None
    round_.save(update_fields=["status", "closed_at"])
    return round_


def score_save(
    *,
    round_: ObservationRound,
    project: Project,
    inspector: User,
    score: Decimal,
    commentary: str,
) -> ObservationScore:
    """Record or correct an inspector's one score of a round without criteria (a round from
    before the criteria) while it is open; history keeps both. A round with criteria takes
    sheets (``observation_services.sheet_save``)."""
    check_sheet(round_, project, inspector)
    if round_.criteria.exists():
        raise ValidationError(_("Score each criterion of this round's sheet."))
    item = ObservationScore.objects.filter(
        round=round_, project=project, inspector=inspector
    ).first() or ObservationScore(round=round_, project=project, inspector=inspector)
    item.score, item.commentary, item.scored_at = score, commentary, timezone.now()
    item.full_clean()
    item.save()
    return item


def averages(rounds: Iterable[int]) -> dict[int, tuple[Decimal, int]]:
    """Project id → (on-site score 0..100, inspectors) over the given rounds: the inspectors'
    sheets combined by the round's rule (``observation_rules``)."""
    ids = list(rounds)
    results, people = project_results(ids), inspectors(ids)
    return {pid: (result.score, people.get(pid, 0)) for pid, result in results.items()}


def commentary(rounds: Iterable[int]) -> dict[int, list[dict]]:
    """Project id → the inspectors' comments, in the order they were written."""
    found: dict[int, list[dict]] = defaultdict(list)
    for pid, first, username, score, text in (
        ObservationScore.objects.filter(round_id__in=list(rounds))
        .exclude(commentary="")
        .order_by("scored_at", "pk")
        .values_list(
            "project_id", "inspector__first_name", "inspector__username", "score", "commentary"
        )
    ):
        found[pid].append({"inspector": first or username, "score": score, "text": text})
    return found


def closed_rounds(campaign: Campaign, start: dt.date, end: dt.date) -> list[ObservationRound]:
    return list(
        ObservationRound.objects.filter(
            campaign=campaign, status=RoundStatus.CLOSED, held_on__range=(start, end)
        ).order_by("held_on", "pk")
    )


def observation_assessment(project_ids: Iterable[int], week: dt.date) -> dict[int, Decimal | None]:
    """For scoring's "assessment" item: per project, its latest closed round held by the end of
    ``week`` within the project's campaign, as 0..10 (its on-site score ÷ 10); None where no
    closed round scored it. A fixed number of queries whatever the number of projects."""
    ids = list(project_ids)
    wanted = set(ids)
    sunday = week + dt.timedelta(days=6)
    rounds = (
        ObservationRound.objects.filter(
            status=RoundStatus.CLOSED,
            held_on__lte=sunday,
            campaign__in=Project.objects.filter(pk__in=ids).values("campaign_id"),
        )
        .order_by("held_on", "pk")
        .values_list("pk", flat=True)
    )
    latest: dict[int, Decimal] = {}
    ordered = list(rounds)
    by_round = results_by_round(ordered)
    for round_id in ordered:  # later rounds overwrite earlier ones
        for pid, result in by_round.get(round_id, {}).items():
            if pid in wanted:
                latest[pid] = (result.score / 10).quantize(CENT, rounding=ROUND_HALF_UP)
    return {pid: latest.get(pid) for pid in ids}


def round_table(round_: ObservationRound, user: User) -> list[dict]:
    """The round page: each project with its score so far (the sheets combined), each
    criterion's average, how many sheets, and the user's own total."""
    mine = dict(
        ObservationScore.objects.filter(round=round_, inspector=user).values_list(
            "project_id", "score"
        )
    )
    results = results_by_round([round_.pk]).get(round_.pk, {})
    scorable = set(sheet_projects(user, round_).values_list("pk", flat=True))
    return [
        {
            "project": project,
            "average": results[pid].score if pid in results else None,
            "criteria": results[pid].criteria if pid in results else {},
            "inspectors": results[pid].sheets if pid in results else 0,
            "counted": results[pid].counted if pid in results else 0,
            "mine": mine.get(pid),
            "can_score": round_.is_open and pid in scorable and can_inspect(user),
        }
        for project in Project.objects.filter(campaign=round_.campaign)
        .select_related("unit", "leader")
        .order_by("code")
        for pid in [project.pk]
    ]


def round_stats(rounds: Iterable[ObservationRound]) -> list[dict]:
    """Each round with the number of its inspectors and of the projects they scored."""
    rounds = list(rounds)
    stats = {
        rid: (inspectors, projects)
        for rid, inspectors, projects in ObservationScore.objects.filter(round__in=rounds)
        .order_by()
        .values("round_id")
        .annotate(i=Count("inspector", distinct=True), p=Count("project", distinct=True))
        .values_list("round_id", "i", "p")
    }
    return [
        {
            "name": r.name,
            "held_on": r.held_on,
            "inspectors": stats.get(r.pk, (0, 0))[0],
            "projects": stats.get(r.pk, (0, 0))[1],
        }
        for r in rounds
    ]
