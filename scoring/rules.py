"""The weekly score of one project: five items, hard triggers and the card (DESIGN.md §4).

Pure functions over plain values: ``score_week(inputs, rubric)`` gives a :class:`ScoreResult`
whose every item says, with a reason code and its figures (``scoring.reasons``), which figures
gave which points. Relative ranking and the
week-to-week comparison live in :mod:`scoring.relative`.
"""

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Any

from projects.plans import progress_ratio, shown_ratio

from .reasons import Reason
from .results import (
    CARD_LABELS,
    Card,
    ItemResult,
    NodeInput,
    ScoreInputs,
    ScoreResult,
    Trigger,
    cents,
    money,
    plain,
    signed,
)
from .rubric import Rubric, to_decimal

ZERO = Decimal(0)
HUNDRED = Decimal(100)


def _score(points: Decimal, weight: Decimal) -> dict[str, str]:
    return {"points": str(cents(points)), "weight": plain(weight)}


def investment_item(inputs: ScoreInputs, rubric: Rubric) -> tuple[ItemResult, Trigger | None]:
    """Year-to-date done against the 序时 plan: full points at 100%, 0 at ``investment_zero_at``."""
    weight = rubric.weight_investment
    # Points and the trigger compare the unrounded ratio; the note shows it rounded down.
    ratio = progress_ratio(inputs.ytd_done, inputs.plan_due)
    shown = None if ratio is None else shown_ratio(ratio)
    figures = {
        "plan_due": str(inputs.plan_due),
        "ytd_done": str(inputs.ytd_done),
        "ratio": None if shown is None else str(shown),
        "source": inputs.investment_source,
    }
    done = {"ytd": money(inputs.ytd_done), "source": inputs.investment_source}
    if ratio is None:
        # Nothing is due yet (early January, or no plan entered): nobody can be behind.
        note = Reason("investment.no_plan", {**done, **_score(weight, weight)})
        return ItemResult("investment", cents(weight), weight, figures, note), None
    shown = shown_ratio(ratio)
    span = HUNDRED - rubric.investment_zero_at
    share = min(max((ratio - rubric.investment_zero_at) / span, ZERO), Decimal(1))
    points = cents(weight * share)
    note = Reason(
        "investment.ratio",
        {**done, "plan_due": money(inputs.plan_due), "ratio": str(shown), **_score(points, weight)},
    )
    trigger = None
    gap = rubric.red_investment_gap_points
    if gap is not None and ratio < HUNDRED - gap:
        trigger = Trigger(
            "investment_gap",
            Reason(
                "trigger.investment_gap",
                {"ratio": str(shown), "behind": str(HUNDRED - shown), "gap": plain(gap)},
            ),
        )
    return ItemResult("investment", points, weight, figures, note), trigger


def _node_row(node: NodeInput, week_end: dt.date, rubric: Rubric) -> dict[str, Any]:
    """A node as of the week's Sunday: a reached date after that Sunday is not known yet."""
    reached = node.reached if node.reached and node.reached <= week_end else None
    days = (week_end - node.planned).days
    if node.planned > week_end:
        status, deduction = "not_due", ZERO
    elif reached is not None:
        late = reached > node.planned
        # Reaching the node clears the weekly deductions; a late node keeps one small one.
        status, deduction = ("late", rubric.node_late_deduction) if late else ("on_time", ZERO)
    elif days == 0:
        status, deduction = "due_today", ZERO
    else:
        status = "overdue"
        # Every started week counts: a node one day overdue has lost a week.
        deduction = rubric.node_deduction_per_week * ((days + 6) // 7)
    return {
        "name": node.name,
        "planned": node.planned.isoformat(),
        "reached": node.reached.isoformat() if node.reached else None,
        "status": status,
        "days_overdue": days if status == "overdue" else 0,
        "weeks_overdue": (days + 6) // 7 if status == "overdue" else 0,
        "deduction": str(deduction),
    }


def nodes_item(inputs: ScoreInputs, rubric: Rubric) -> tuple[ItemResult, Trigger | None]:
    """Nodes due by the Sunday: the weight, less deductions per week overdue and per late node."""
    weight, week_end = rubric.weight_nodes, inputs.week_end
    rows = [_node_row(node, week_end, rubric) for node in inputs.nodes]
    due = [row for row in rows if row["status"] != "not_due"]
    deduction = sum((Decimal(row["deduction"]) for row in rows), ZERO)
    points = cents(max(weight - deduction, ZERO))
    figures = {"week_end": week_end.isoformat(), "nodes": rows, "deduction": str(deduction)}
    if not due:
        note = Reason("nodes.none_due", _score(points, weight))
        return ItemResult("nodes", points, weight, figures, note), None
    by_status = {s: [r for r in due if r["status"] == s] for s in ("on_time", "late", "overdue")}
    note = Reason(
        "nodes.due",
        {
            "due": len(due),
            "on_time": len(by_status["on_time"]),
            "late": [r["name"] for r in by_status["late"]],
            "late_deduction": plain(rubric.node_late_deduction),
            "today": sum(1 for r in due if r["status"] == "due_today"),
            "overdue": [
                {
                    "name": r["name"],
                    "weeks": r["weeks_overdue"],
                    "deduction": plain(Decimal(r["deduction"])),
                }
                for r in by_status["overdue"]
            ],
            "capped": plain(deduction) if deduction > weight else None,
            **_score(points, weight),
        },
    )
    trigger = None
    limit = rubric.red_node_overdue_weeks
    if limit is not None:
        late = [r for r in by_status["overdue"] if r["days_overdue"] > limit * 7]
        if late:
            nodes = [
                {"name": r["name"], "days": r["days_overdue"], "weeks": r["weeks_overdue"]}
                for r in late
            ]
            trigger = Trigger(
                "node_overdue", Reason("trigger.node_overdue", {"nodes": nodes, "limit": limit})
            )
    return ItemResult("nodes", points, weight, figures, note), trigger


def reporting_item(inputs: ScoreInputs, rubric: Rubric) -> tuple[ItemResult, Trigger | None]:
    """Full points on time, ``late_points`` late, none missing; N missing in a row force red."""
    weight = rubric.weight_reporting
    points = {"on_time": weight, "late": rubric.late_points, "missing": ZERO}[inputs.report]
    points = cents(points)
    figures = {"report": inputs.report, "missing_in_row": inputs.missing_in_row}
    note = Reason("reporting", {**figures, **_score(points, weight)})
    trigger = None
    limit = rubric.red_missing_in_row
    if limit is not None and inputs.missing_in_row >= limit:
        trigger = Trigger(
            "missing_reports",
            Reason("trigger.missing_reports", {"n": inputs.missing_in_row, "limit": limit}),
        )
    return ItemResult("reporting", points, weight, figures, note), trigger


def problems_item(inputs: ScoreInputs, rubric: Rubric) -> ItemResult:
    """The weight, less ``problem_deduction`` per overdue action of the project's own unit."""
    weight, count = rubric.weight_problems, inputs.overdue_own_problems
    points = cents(max(weight - rubric.problem_deduction * count, ZERO))
    figures = {"overdue_own_problems": count, "deduction_each": str(rubric.problem_deduction)}
    note = Reason(
        "problems",
        {"count": count, "each": plain(rubric.problem_deduction), **_score(points, weight)},
    )
    return ItemResult("problems", points, weight, figures, note)


def assessment_item(inputs: ScoreInputs, rubric: Rubric) -> ItemResult:
    """The supervisor's 0..10 score scaled to the weight; none recorded means full marks."""
    weight, score = rubric.weight_assessment, inputs.assessment
    figures = {"assessment": None if score is None else str(score)}
    points = cents(weight) if score is None else cents(weight * score / 10)
    shown = None if score is None else plain(score)
    note = Reason("assessment", {"assessment": shown, **_score(points, weight)})
    return ItemResult("assessment", points, weight, figures, note)


def overrides(
    card: Card, note: list[Reason], triggers: list[Trigger], exempt: bool
) -> tuple[Card, list[Reason]]:
    """Hard triggers force red whatever the score or rank; an exemption keeps a project off red."""
    if triggers:
        forced = Reason(
            "card.forced", {"triggers": [t.key for t in triggers], "already_red": card == "red"}
        )
        card, note = "red", [*note, forced]
    if exempt and card == "red":
        card, note = "yellow", [*note, Reason("card.exempt")]
    return card, note


def absolute_card(
    total: Decimal, triggers: list[Trigger], rubric: Rubric, *, exempt: bool = False
) -> tuple[Card, list[Reason]]:
    """The card by thresholds and the reasons saying which rules decided it."""
    figures = {"total": str(total), "blue": plain(rubric.blue_min), "red": plain(rubric.red_below)}
    if total >= rubric.blue_min:
        card: Card = "blue"
    elif total < rubric.red_below:
        card = "red"
    else:
        card = "yellow"
    return overrides(card, [Reason(f"card.{card}", figures)], triggers, exempt)


def score_week(inputs: ScoreInputs, rubric: Rubric) -> ScoreResult:
    """Score one project's week and give its absolute card (see ``relative.apply_relative``)."""
    investment, investment_trigger = investment_item(inputs, rubric)
    nodes, nodes_trigger = nodes_item(inputs, rubric)
    reporting, reporting_trigger = reporting_item(inputs, rubric)
    items = [
        investment,
        nodes,
        reporting,
        problems_item(inputs, rubric),
        assessment_item(inputs, rubric),
    ]
    triggers = [t for t in (nodes_trigger, reporting_trigger, investment_trigger) if t]
    total = cents(sum((item.points for item in items), ZERO))
    card, card_reason = absolute_card(total, triggers, rubric, exempt=inputs.exempt)
    return ScoreResult(total, items, triggers, card, inputs.exempt, card_reason)


def adjust(result: ScoreResult, points: Decimal, reason: str, rubric: Rubric) -> ScoreResult:
    """A supervisor's adjustment, with its reason, as an "adjustment" item; replaces an earlier
    one. The total stays within 0..100 (the item records what was asked and what applied) and
    the card is recomputed by thresholds; triggers still force red."""
    reason = reason.strip()
    if not reason:
        raise ValueError("an adjustment needs a reason")
    asked = to_decimal(points, "points")
    items = [item for item in result.items if item.key != "adjustment"]
    base = sum((item.points for item in items), ZERO)
    applied = cents(min(max(base + asked, ZERO), HUNDRED) - base)
    note = Reason(
        "adjustment",
        {
            "asked": signed(asked),
            "reason": reason,
            "applied": signed(applied) if applied != cents(asked) else None,
        },
    )
    figures = {"asked": str(asked), "applied": str(applied), "reason": reason}
    items.append(ItemResult("adjustment", applied, ZERO, figures, note))
    total = cents(sum((item.points for item in items), ZERO))
    card, card_reason = absolute_card(total, result.triggers, rubric, exempt=result.exempt)
    return dataclasses.replace(result, total=total, items=items, card=card, card_reason=card_reason)


def card_label(card: str) -> str:
    return str(CARD_LABELS.get(card, card))
