"""The scoring rubric: every number of DESIGN.md §4 as data, validated, JSON round-trippable.

A stored score names the rubric version that produced it; this module only knows the values.
Pure Python, no Django, so the rules are tested without settings or a database.
"""

import dataclasses
import datetime as dt
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

MODES = ("absolute", "relative")


class RubricError(ValueError):
    """A rubric value is missing, malformed or out of range; the message names the field."""


def to_decimal(value: Any, name: str, error: type[ValueError] = ValueError) -> Decimal:
    """``value`` as a Decimal, or ``error`` naming the field. Floats are refused: money and
    points never go through binary."""
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, bool) or isinstance(value, float):
        raise error(f"{name}: use a Decimal or a string, not {type(value).__name__}")
    elif isinstance(value, int | str):
        try:
            result = Decimal(value)
        except InvalidOperation:
            raise error(f"{name}: {value!r} is not a number") from None
    else:
        raise error(f"{name}: {value!r} is not a number")
    if not result.is_finite():
        raise error(f"{name}: {value!r} is not a finite number")
    return result


def _to_time(value: Any, name: str) -> dt.time:
    if isinstance(value, dt.time):
        return value
    try:
        return dt.time.fromisoformat(str(value))
    except ValueError:
        raise RubricError(f"{name}: {value!r} is not a time like 12:00") from None


# Fields that hold Decimals, optional ints and ints; used to coerce and to serialise.
_DECIMALS = (
    "weight_investment", "weight_nodes", "weight_reporting", "weight_problems",
    "weight_assessment", "blue_min", "red_below", "investment_zero_at",
    "node_deduction_per_week", "node_late_deduction", "late_points", "problem_deduction",
    "blue_share", "red_share", "stats_tolerance", "progress_points", "same_text_similarity",
)  # fmt: skip
_OPTIONAL_DECIMALS = ("red_investment_gap_points",)
_OPTIONAL_INTS = ("red_node_overdue_weeks", "red_missing_in_row")
_INTS = (
    "deadline_weekday", "same_text_weeks", "no_photo_weeks", "notice_red_weeks", "notice_days",
    "notice_sign_days",
)  # fmt: skip


@dataclasses.dataclass(frozen=True)
class Rubric:
    """Weights, card thresholds, hard triggers and consistency-flag settings of one rubric.

    Points and percentages are Decimals; ints given to the constructor are converted. Invalid
    values raise :class:`RubricError` at construction, so a stored rubric is always usable.
    """

    # Item weights, summing to 100.
    weight_investment: Decimal = Decimal(40)
    weight_nodes: Decimal = Decimal(30)
    weight_reporting: Decimal = Decimal(10)
    weight_problems: Decimal = Decimal(10)
    weight_assessment: Decimal = Decimal(10)
    # Cards in absolute mode: blue at or above blue_min, red below red_below.
    blue_min: Decimal = Decimal(85)
    red_below: Decimal = Decimal(60)
    # Investment: full points at 100% of 序时进度, falling linearly to 0 at this percentage.
    investment_zero_at: Decimal = Decimal(50)
    node_deduction_per_week: Decimal = Decimal(5)
    node_late_deduction: Decimal = Decimal(2)
    late_points: Decimal = Decimal(5)
    problem_deduction: Decimal = Decimal(5)
    # Hard triggers force red; None switches one off.
    red_node_overdue_weeks: int | None = 4
    red_missing_in_row: int | None = 2
    red_investment_gap_points: Decimal | None = Decimal(30)
    # Relative mode: the top blue_share of projects is blue, the bottom red_share red.
    mode: str = "absolute"
    blue_share: Decimal = Decimal("0.3")
    red_share: Decimal = Decimal("0.15")
    # The weekly report is due on this ISO weekday (1 = Monday) of the next week at this time.
    deadline_weekday: int = 1
    deadline_time: dt.time = dt.time(12, 0)
    # Consistency flags (the "瞒" detector).
    same_text_weeks: int = 3
    # Two progress texts are "the same" at this similarity (percent), once digits, week names
    # and punctuation are taken out: changing "第17周" to "第18周" does not make a new report.
    same_text_similarity: Decimal = Decimal(90)
    no_photo_weeks: int = 4
    stats_tolerance: Decimal = Decimal(20)
    # The escalation ladder: red weeks in a row open a notice due this many days later; past
    # it, an interview is proposed unless the score rose by progress_points.
    notice_red_weeks: int = 2
    notice_days: int = 14
    progress_points: Decimal = Decimal(10)
    # The unit signs for a notice within this many days.
    notice_sign_days: int = 2

    def __post_init__(self) -> None:
        # Coerce first (frozen, hence object.__setattr__), then check ranges.
        for name in _DECIMALS:
            object.__setattr__(self, name, to_decimal(getattr(self, name), name, RubricError))
        for name in _OPTIONAL_DECIMALS:
            if getattr(self, name) is not None:
                object.__setattr__(self, name, to_decimal(getattr(self, name), name, RubricError))
        for name in _INTS + _OPTIONAL_INTS:
            value = getattr(self, name)
            if value is None and name in _OPTIONAL_INTS:
                continue
            if isinstance(value, bool) or not isinstance(value, int):
                raise RubricError(f"{name}: {value!r} is not a whole number")
        object.__setattr__(self, "deadline_time", _to_time(self.deadline_time, "deadline_time"))
        self._validate()

    def _validate(self) -> None:
        for name in _DECIMALS + _OPTIONAL_DECIMALS + _INTS + _OPTIONAL_INTS:
            value = getattr(self, name)
            if value is not None and value < 0:
                raise RubricError(f"{name}: must not be negative, got {value}")
        total = sum(self.weights.values(), Decimal(0))
        if total != 100:
            raise RubricError(f"the item weights must sum to 100, they sum to {total}")
        if self.blue_min > 100:
            raise RubricError(f"blue_min: must be at most 100, got {self.blue_min}")
        if self.red_below > self.blue_min:
            raise RubricError(
                f"red_below ({self.red_below}) must not be above blue_min ({self.blue_min})"
            )
        if self.investment_zero_at >= 100:
            raise RubricError("investment_zero_at: must be below 100 (percent of 序时进度)")
        if self.late_points > self.weight_reporting:
            raise RubricError(
                f"late_points ({self.late_points}) must not exceed the reporting weight "
                f"({self.weight_reporting})"
            )
        gap = self.red_investment_gap_points
        if gap is not None and gap > 100:
            raise RubricError(f"red_investment_gap_points: must be at most 100, got {gap}")
        if self.red_missing_in_row == 0:
            raise RubricError("red_missing_in_row: must be at least 1, or None to switch it off")
        if self.mode not in MODES:
            raise RubricError(f"mode: must be one of {', '.join(MODES)}, got {self.mode!r}")
        for name in ("blue_share", "red_share"):
            if getattr(self, name) > 1:
                raise RubricError(f"{name}: must be a share between 0 and 1")
        if self.blue_share + self.red_share > 1:
            raise RubricError("blue_share and red_share together must not exceed 1")
        if not 1 <= self.deadline_weekday <= 7:
            raise RubricError("deadline_weekday: must be 1 (Monday) to 7 (Sunday)")
        if self.deadline_time.second or self.deadline_time.microsecond:
            raise RubricError("deadline_time: whole minutes only, like 12:00")
        if self.same_text_weeks < 2:
            raise RubricError("same_text_weeks: must be at least 2 (one week is never a repeat)")
        if not 50 <= self.same_text_similarity <= 100:
            raise RubricError("same_text_similarity: must be between 50 and 100 (percent)")
        if self.no_photo_weeks < 1:
            raise RubricError("no_photo_weeks: must be at least 1")
        if self.notice_red_weeks < 1 or self.notice_days < 1 or self.notice_sign_days < 1:
            raise RubricError(
                "notice_red_weeks, notice_days and notice_sign_days: must be at least 1"
            )

    @property
    def weights(self) -> dict[str, Decimal]:
        """Item key to its maximum points, in display order."""
        return {
            "investment": self.weight_investment,
            "nodes": self.weight_nodes,
            "reporting": self.weight_reporting,
            "problems": self.weight_problems,
            "assessment": self.weight_assessment,
        }

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: Decimals as strings, the deadline as 'HH:MM'."""
        data: dict[str, Any] = {}
        for field in dataclasses.fields(self):
            value = getattr(self, field.name)
            if isinstance(value, Decimal):
                value = str(value)
            elif isinstance(value, dt.time):
                value = value.strftime("%H:%M")
            data[field.name] = value
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Rubric":
        """The rubric stored by :meth:`to_dict`. Unknown keys are an error (a typo would
        otherwise silently fall back to a default); missing keys take the default."""
        known = {field.name for field in dataclasses.fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise RubricError(f"unknown rubric fields: {', '.join(unknown)}")
        return cls(**data)
