"""Score a loaded week in memory: the rules, the adjustments, relative ranking and the flags.

No database: :func:`compute_week` takes the rows of :func:`scoring.inputs.load_week` and a
rubric, so the same rows can be scored under the adopted rubric and under a candidate.
"""

import dataclasses
from typing import Any

from .flags import Flag, flag_report
from .flags_photos import flag_photos
from .inputs import ProjectWeek, WeekData, score_inputs, week_deadline
from .relative import apply_relative
from .results import ScoreResult
from .rubric import Rubric
from .rules import adjust, score_week


@dataclasses.dataclass
class Scored:
    """A project's computed week: the result, what it was computed from, and the flags."""

    row: ProjectWeek
    result: ScoreResult
    flags: list[Flag]

    @property
    def project(self):
        return self.row.project

    def breakdown(self) -> dict[str, Any]:
        """The stored breakdown: the result plus where the figures came from."""
        row = self.row
        context: dict[str, Any] = {
            "figure_week": row.figure_week.isoformat() if row.figure_week else None,
            "report_id": row.report_id,
            "submitted_at": row.submitted_at.isoformat() if row.submitted_at else None,
            "stats_figure": None if row.stats_figure is None else str(row.stats_figure),
        }
        if row.exemption is not None:
            exemption = row.exemption
            context["exemption"] = {
                "id": exemption.pk,
                "kind": exemption.kind,
                "reason": exemption.reason,
                "starts": exemption.starts.isoformat(),
                "ends": exemption.ends.isoformat(),
                "approved_by": exemption.approved_by.display_name if exemption.approved_by else "",
                "approved_at": exemption.approved_at.isoformat() if exemption.approved_at else None,
            }
        return {**self.result.to_dict(), "context": context}


def _site(project) -> tuple[float, float] | None:
    lat, lon = getattr(project, "lat", None), getattr(project, "lon", None)
    return None if lat is None or lon is None else (float(lat), float(lon))


def compute_week(data: WeekData, rubric: Rubric, *, flags: bool = True) -> list[Scored]:
    """Score every row: the rules, then the adjustment in force, then (in relative mode) the
    ranking — adjusted totals are ranked, as the supervisor meant them to count."""
    results: dict[int, ScoreResult] = {}
    # One deadline for the week: the holiday calendar behind it cost more than a row's rules.
    deadline = week_deadline(data.week, rubric)
    for row in data.rows:
        result = score_week(score_inputs(row, data.week, rubric, deadline), rubric)
        if row.adjustment is not None:
            result = adjust(result, row.adjustment.points, row.adjustment.reason, rubric)
        results[row.project.pk] = result
    if rubric.mode == "relative":
        results = apply_relative(results, rubric)
    return [
        Scored(
            row,
            results[row.project.pk],
            # A flag is about the week's own report: none when it is missing.
            flag_report(row.history, row.stats_figure, rubric)
            + flag_photos(row.photos, data.week, _site(row.project), data.photo_limits)
            if flags and row.report_id is not None
            else [],
        )
        for row in data.rows
    ]
