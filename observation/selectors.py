"""Reads of the observation rounds: the sheets of rounds combined into each project's result
(the one rule of ``rules``, for the round page, the assessment item, the half-year and the
annual reports), a round's criteria, the sheet an inspector is filling in, and what the rounds
feed: the scoring app's "assessment" item (0..10) and the half-year and annual rankings."""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count

from accounts.models import User
from projects.models import Campaign, Project

from .choices import RoundStatus
from .models import CriterionScore, ObservationCriterion, ObservationRound, ObservationScore
from .rules import Combined, Sheet, across_rounds, combine
from .scope import can_inspect, sheet_projects

CENT = Decimal("0.01")


def results_by_round(round_ids: Iterable[int]) -> dict[int, dict[int, Combined]]:
    """Round id → project id → the project's combined result in that round. Three queries
    whatever the number of rounds, projects and inspectors."""
    ids = list(round_ids)
    if not ids:
        return {}
    drop = dict(ObservationRound.objects.filter(pk__in=ids).values_list("pk", "drop_extremes"))
    marks: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for sheet_id, name, points in CriterionScore.objects.filter(
        sheet__round_id__in=ids
    ).values_list("sheet_id", "criterion__name", "points"):
        marks[sheet_id][name] = points
    sheets: dict[tuple[int, int], list[Sheet]] = defaultdict(list)
    for pk, round_id, project_id, total in (
        ObservationScore.objects.filter(round_id__in=ids)
        .order_by("pk")
        .values_list("pk", "round_id", "project_id", "score")
    ):
        sheets[(round_id, project_id)].append(Sheet(total, marks.get(pk, {})))
    found: dict[int, dict[int, Combined]] = defaultdict(dict)
    for (round_id, project_id), project_sheets in sheets.items():
        result = combine(project_sheets, drop[round_id])
        if result is not None:
            found[round_id][project_id] = result
    return dict(found)


def project_results(round_ids: Iterable[int]) -> dict[int, Combined]:
    """Project id → its result over the given rounds (the average of its rounds)."""
    per_project: dict[int, list[Combined]] = defaultdict(list)
    for results in results_by_round(round_ids).values():
        for project_id, result in results.items():
            per_project[project_id].append(result)
    return {
        pid: combined
        for pid, results in per_project.items()
        if (combined := across_rounds(results))
    }


def inspectors(round_ids: Iterable[int]) -> dict[int, int]:
    """Project id → how many different inspectors scored it in the rounds."""
    return dict(
        ObservationScore.objects.filter(round_id__in=list(round_ids))
        .order_by()
        .values("project_id")
        .annotate(n=Count("inspector", distinct=True))
        .values_list("project_id", "n")
    )


def criteria_of(round_ids: Iterable[int]) -> list[dict]:
    """The criteria of the rounds, in sheet order, each named once with its points."""
    seen: dict[str, dict] = {}
    for name, points, guidance in (
        ObservationCriterion.objects.filter(round_id__in=list(round_ids))
        .order_by("round__held_on", "position", "pk")
        .values_list("name", "points", "guidance")
    ):
        seen.setdefault(name, {"name": name, "points": points, "guidance": guidance})
    return list(seen.values())


def sheet_of(*, round_, project, inspector) -> ObservationScore | None:
    """The inspector's own sheet of a project in a round (round and project already scoped)."""
    return ObservationScore.objects.filter(
        round=round_, project=project, inspector=inspector
    ).first()


def sheet_marks(sheet: ObservationScore | None) -> dict[int, Decimal]:
    """Criterion id → the points of an inspector's sheet (empty for a new sheet)."""
    if sheet is None:
        return {}
    return dict(sheet.marks.values_list("criterion_id", "points"))


def averages(rounds: Iterable[int]) -> dict[int, tuple[Decimal, int]]:
    """Project id → (on-site score 0..100, inspectors) over the given rounds: the inspectors'
    sheets combined by the round's rule (``rules``)."""
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
