"""What each rubric parameter means to a person: its label, group, kind and range.

One table drives the rubric form (a field per parameter), the rubric page and the checks that
turn a submitted set of rules into a :class:`Rubric` with messages a person can act on. The
pure :mod:`scoring.rubric` stays the final authority; this module speaks the user's language.
"""

import dataclasses
import datetime as dt
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .rubric import Rubric, RubricError

DECIMAL, INT, TIME, CHOICE = "decimal", "int", "time", "choice"


@dataclasses.dataclass(frozen=True)
class Param:
    """One rubric parameter. ``optional`` parameters may be left empty to switch a rule off."""

    name: str
    label: Promise
    group: str
    kind: str = DECIMAL
    low: Decimal | None = Decimal(0)
    high: Decimal | None = None
    optional: bool = False
    help: Promise | str = ""


GROUPS = {
    "weights": gettext_lazy("Item weights (points, adding up to 100)"),
    "cards": gettext_lazy("Card thresholds"),
    "deductions": gettext_lazy("Points and deductions"),
    "triggers": gettext_lazy("Hard triggers that force red (leave empty to switch off)"),
    "relative": gettext_lazy("Relative ranking"),
    "deadline": gettext_lazy("Weekly reporting deadline"),
    "flags": gettext_lazy("Consistency flags"),
    "ladder": gettext_lazy("Escalation ladder"),
}

PARAMS = [
    Param("weight_investment", gettext_lazy("Investment against the plan due"), "weights"),
    Param("weight_nodes", gettext_lazy("Milestone nodes"), "weights"),
    Param("weight_reporting", gettext_lazy("Reporting discipline"), "weights"),
    Param("weight_problems", gettext_lazy("Problems"), "weights"),
    Param("weight_assessment", gettext_lazy("Supervisor assessment"), "weights"),
    Param("blue_min", gettext_lazy("Blue from (points)"), "cards", high=Decimal(100)),
    Param("red_below", gettext_lazy("Red below (points)"), "cards", high=Decimal(100)),
    Param(
        "investment_zero_at",
        gettext_lazy("Investment points reach 0 at (percent of plan)"),
        "deductions",
        high=Decimal("99.99"),
    ),
    Param(
        "node_deduction_per_week",
        gettext_lazy("Deduction per week a node is overdue"),
        "deductions",
    ),
    Param("node_late_deduction", gettext_lazy("Deduction for a node reached late"), "deductions"),
    Param("late_points", gettext_lazy("Points for a late report"), "deductions"),
    Param("problem_deduction", gettext_lazy("Deduction per overdue own problem"), "deductions"),
    Param(
        "red_node_overdue_weeks",
        gettext_lazy("Red when a node is overdue more than (weeks)"),
        "triggers",
        kind=INT,
        optional=True,
    ),
    Param(
        "red_missing_in_row",
        gettext_lazy("Red after missing reports in a row"),
        "triggers",
        kind=INT,
        low=Decimal(1),
        optional=True,
    ),
    Param(
        "red_investment_gap_points",
        gettext_lazy("Red when investment is behind plan by more than (points)"),
        "triggers",
        high=Decimal(100),
        optional=True,
    ),
    Param("mode", gettext_lazy("Cards by"), "relative", kind=CHOICE, low=None),
    Param("blue_share", gettext_lazy("Share of blue cards (0–1)"), "relative", high=Decimal(1)),
    Param("red_share", gettext_lazy("Share of red cards (0–1)"), "relative", high=Decimal(1)),
    Param(
        "deadline_weekday",
        gettext_lazy("Due on weekday of the following week"),
        "deadline",
        kind=CHOICE,
        low=None,
    ),
    Param("deadline_time", gettext_lazy("Due at (hh:mm)"), "deadline", kind=TIME, low=None),
    Param(
        "same_text_weeks",
        gettext_lazy("Same text: flag after (weeks)"),
        "flags",
        kind=INT,
        low=Decimal(2),
    ),
    Param(
        "same_text_similarity",
        gettext_lazy("Same text: similarity from (%)"),
        "flags",
        low=Decimal(50),
        high=Decimal(100),
        help=gettext_lazy("Compared without digits, week names and punctuation."),
    ),
    Param(
        "no_photo_weeks",
        gettext_lazy("No photo: flag after (weeks)"),
        "flags",
        kind=INT,
        low=Decimal(1),
    ),
    Param("stats_tolerance", gettext_lazy("Above statistics: tolerance (%)"), "flags"),
    Param(
        "notice_red_weeks",
        gettext_lazy("Supervision notice after red weeks in a row"),
        "ladder",
        kind=INT,
        low=Decimal(1),
    ),
    Param(
        "notice_days", gettext_lazy("Days to act on a notice"), "ladder", kind=INT, low=Decimal(1)
    ),
    Param(
        "notice_sign_days",
        gettext_lazy("Days to sign for a notice"),
        "ladder",
        kind=INT,
        low=Decimal(1),
    ),
    Param(
        "progress_points",
        gettext_lazy("Clear progress: score rise of (points)"),
        "ladder",
        high=Decimal(100),
    ),
]
BY_NAME = {param.name: param for param in PARAMS}
MODE_CHOICES = [
    ("absolute", gettext_lazy("Thresholds (absolute)")),
    ("relative", gettext_lazy("Rank (relative, a competition)")),
]
WEEKDAY_CHOICES = [
    (1, gettext_lazy("Monday")), (2, gettext_lazy("Tuesday")), (3, gettext_lazy("Wednesday")),
    (4, gettext_lazy("Thursday")), (5, gettext_lazy("Friday")), (6, gettext_lazy("Saturday")),
    (7, gettext_lazy("Sunday")),
]  # fmt: skip


def display(param: Param, value: Any) -> Any:
    """A stored value as a person reads it: the option's label for a choice."""
    if param.kind == CHOICE and value is not None:
        choices = MODE_CHOICES if param.name == "mode" else WEEKDAY_CHOICES
        return dict(choices).get(value, value)
    return value


def label(name: str) -> str:
    param = BY_NAME.get(name)
    return str(param.label) if param else name


def _coerce(param: Param, value: Any) -> Any:
    """The value as the rubric stores it, or ValidationError with the parameter's label."""
    if value is None or value == "":
        if param.optional:
            return None
        raise ValidationError(_("%(field)s is required.") % {"field": param.label})
    if param.kind == TIME:
        try:
            return value if isinstance(value, dt.time) else dt.time.fromisoformat(str(value))
        except ValueError:
            raise ValidationError(
                _("%(field)s: enter a time like 12:00.") % {"field": param.label}
            ) from None
    if param.kind == CHOICE:
        allowed = MODE_CHOICES if param.name == "mode" else WEEKDAY_CHOICES
        for key, _text in allowed:
            if str(key) == str(value):
                return key
        raise ValidationError(_("%(field)s: choose one of the options.") % {"field": param.label})
    number: Decimal | int
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except InvalidOperation:
        raise ValidationError(_("%(field)s: enter a number.") % {"field": param.label}) from None
    if not number.is_finite() or isinstance(value, bool):
        raise ValidationError(_("%(field)s: enter a number.") % {"field": param.label})
    if param.kind == INT:
        if number != number.to_integral_value():
            raise ValidationError(_("%(field)s: enter a whole number.") % {"field": param.label})
        number = int(number)
    if param.low is not None and number < param.low:
        raise ValidationError(
            _("%(field)s must be at least %(low)s.") % {"field": param.label, "low": param.low}
        )
    if param.high is not None and number > param.high:
        raise ValidationError(
            _("%(field)s must be at most %(high)s.") % {"field": param.label, "high": param.high}
        )
    return number if param.kind == INT else str(number)


def _cross_checks(values: Mapping[str, Any]) -> dict[str, list[str]]:
    """The rules between parameters, each reported on the field a person would change."""
    errors: dict[str, list[str]] = {}
    weights = [Decimal(values[p.name]) for p in PARAMS if p.group == "weights"]
    if sum(weights) != 100:
        errors.setdefault(NON_FIELD_ERRORS, []).append(
            _("The item weights must add up to 100; they add up to %(total)s.")
            % {"total": sum(weights)}
        )
    if Decimal(values["red_below"]) > Decimal(values["blue_min"]):
        errors.setdefault("red_below", []).append(
            _("Red must start below the blue threshold (%(blue)s).") % {"blue": values["blue_min"]}
        )
    if Decimal(values["late_points"]) > Decimal(values["weight_reporting"]):
        errors.setdefault("late_points", []).append(
            _("A late report cannot earn more than the reporting weight (%(weight)s).")
            % {"weight": values["weight_reporting"]}
        )
    if Decimal(values["blue_share"]) + Decimal(values["red_share"]) > 1:
        errors.setdefault("red_share", []).append(
            _("The blue and red shares together must not exceed 1.")
        )
    return errors


def validate_rules(rules: Mapping[str, Any]) -> Rubric:
    """The rubric for ``rules`` (missing keys take the defaults), or a ValidationError naming
    each wrong field in the user's language."""
    unknown = sorted(set(rules) - set(BY_NAME))
    if unknown:
        raise ValidationError(
            _("Unknown rubric parameters: %(names)s.") % {"names": ", ".join(unknown)}
        )
    values = {**Rubric().to_dict(), **rules}
    errors: dict[str, list[str]] = {}
    clean: dict[str, Any] = {}
    for param in PARAMS:
        try:
            clean[param.name] = _coerce(param, values[param.name])
        except ValidationError as exc:
            errors.setdefault(param.name, []).extend(exc.messages)
    if not errors:
        errors = _cross_checks(clean)
    if errors:
        raise ValidationError(errors)
    try:
        return Rubric.from_dict(clean)
    except RubricError as exc:
        # The table above should catch everything; this keeps the pure rubric the authority.
        raise ValidationError(_("The rubric is not valid: %(error)s") % {"error": exc}) from exc
