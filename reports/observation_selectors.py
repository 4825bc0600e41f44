"""Reads of the observation rounds: the sheets of rounds combined into each project's result
(the one rule of ``observation_rules``, for the round page, the assessment item, the half-year
and the annual reports), a round's criteria, and the sheet an inspector is filling in."""

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from django.db.models import Count

from .models import CriterionScore, ObservationCriterion, ObservationRound, ObservationScore
from .observation_rules import Combined, Sheet, across_rounds, combine


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
