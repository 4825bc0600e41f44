"""The weekly score of one project: five items, hard triggers and the card (DESIGN.md §4).

Pure functions over plain values: ``score_week(inputs, rubric)`` gives a :class:`ScoreResult`
whose every item says, in Chinese, which figures gave which points. Relative ranking and the
week-to-week comparison live in :mod:`scoring.ranking`.
"""

import dataclasses
import datetime as dt
from decimal import Decimal

from projects.plans import progress_ratio, shown_ratio

from .results import (
    CARD_LABELS,
    SOURCE_LABELS,
    TRIGGER_LABELS,
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


def _score(points: Decimal, weight: Decimal) -> str:
    return f"得 {cents(points)}/{plain(weight)} 分"


def investment_item(inputs: ScoreInputs, rubric: Rubric) -> tuple[ItemResult, Trigger | None]:
    """Year-to-date done against the 序时 plan: full points at 100%, 0 at ``investment_zero_at``."""
    weight = rubric.weight_investment
    # Points and the trigger compare the unrounded ratio; the note shows it rounded down.
    ratio = progress_ratio(inputs.ytd_done, inputs.plan_due)
    shown = None if ratio is None else shown_ratio(ratio)
    source = SOURCE_LABELS.get(inputs.investment_source, inputs.investment_source)
    figures = {
        "plan_due": str(inputs.plan_due),
        "ytd_done": str(inputs.ytd_done),
        "ratio": None if shown is None else str(shown),
        "source": inputs.investment_source,
    }
    done = f"年度累计完成 {money(inputs.ytd_done)} 万元（{source}）"
    if ratio is None:
        # Nothing is due yet (early January, or no plan entered): nobody can be behind.
        note = f"{done}，截至本周尚无序时计划，{_score(weight, weight)}"
        return ItemResult("investment", cents(weight), weight, figures, note), None
    span = HUNDRED - rubric.investment_zero_at
    share = min(max((ratio - rubric.investment_zero_at) / span, ZERO), Decimal(1))
    points = cents(weight * share)
    note = (
        f"{done}，序时计划 {money(inputs.plan_due)} 万元，完成率 {shown}%，{_score(points, weight)}"
    )
    trigger = None
    gap = rubric.red_investment_gap_points
    if gap is not None and ratio < HUNDRED - gap:
        trigger = Trigger(
            "investment_gap",
            f"投资完成率 {shown}%，落后序时进度 {HUNDRED - shown} 个百分点，"
            f"超过 {plain(gap)} 个百分点",
        )
    return ItemResult("investment", points, weight, figures, note), trigger


def _node_row(node: NodeInput, week_end: dt.date, rubric: Rubric) -> dict:
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
        note = f"截至本周日无到期节点，{_score(points, weight)}"
        return ItemResult("nodes", points, weight, figures, note), None
    by_status = {s: [r for r in due if r["status"] == s] for s in ("on_time", "late", "overdue")}
    parts = [f"到期节点 {len(due)} 个"]
    if by_status["on_time"]:
        parts.append(f"按期完成 {len(by_status['on_time'])} 个")
    if by_status["late"]:
        late = by_status["late"]
        names = "、".join(f"「{r['name']}」" for r in late)
        each = "各扣" if len(late) > 1 else "扣"
        deduct = plain(rubric.node_late_deduction)
        parts.append(f"逾期完成 {len(late)} 个（{names}{each} {deduct} 分）")
    today = [r for r in due if r["status"] == "due_today"]
    if today:
        parts.append(f"本周日到期待完成 {len(today)} 个")
    if by_status["overdue"]:
        details = "，".join(
            f"「{r['name']}」逾期 {r['weeks_overdue']} 周扣 {plain(Decimal(r['deduction']))} 分"
            for r in by_status["overdue"]
        )
        parts.append(f"逾期未完成 {len(by_status['overdue'])} 个（{details}）")
    if deduction > weight:
        parts.append(f"扣分合计 {plain(deduction)} 分，本项最低 0 分")
    note = "；".join(parts) + f"；{_score(points, weight)}"
    trigger = None
    limit = rubric.red_node_overdue_weeks
    if limit is not None:
        late = [r for r in by_status["overdue"] if r["days_overdue"] > limit * 7]
        if late:
            names = "，".join(
                f"「{r['name']}」逾期 {r['days_overdue']} 天（{r['weeks_overdue']} 周）"
                for r in late
            )
            trigger = Trigger("node_overdue", f"节点{names}，超过 {limit} 周")
    return ItemResult("nodes", points, weight, figures, note), trigger


def reporting_item(inputs: ScoreInputs, rubric: Rubric) -> tuple[ItemResult, Trigger | None]:
    """Full points on time, ``late_points`` late, none missing; N missing in a row force red."""
    weight = rubric.weight_reporting
    points = {"on_time": weight, "late": rubric.late_points, "missing": ZERO}[inputs.report]
    points = cents(points)
    state = {"on_time": "按时提交", "late": "逾期提交", "missing": "未提交"}[inputs.report]
    if inputs.report == "missing":
        state += f"（连续 {inputs.missing_in_row} 周）"
    figures = {"report": inputs.report, "missing_in_row": inputs.missing_in_row}
    note = f"本周周报{state}，{_score(points, weight)}"
    trigger = None
    limit = rubric.red_missing_in_row
    if limit is not None and inputs.missing_in_row >= limit:
        trigger = Trigger(
            "missing_reports", f"连续 {inputs.missing_in_row} 周未报周报，达到 {limit} 周"
        )
    return ItemResult("reporting", points, weight, figures, note), trigger


def problems_item(inputs: ScoreInputs, rubric: Rubric) -> ItemResult:
    """The weight, less ``problem_deduction`` per overdue action of the project's own unit."""
    weight, count = rubric.weight_problems, inputs.overdue_own_problems
    points = cents(max(weight - rubric.problem_deduction * count, ZERO))
    figures = {"overdue_own_problems": count, "deduction_each": str(rubric.problem_deduction)}
    if count:
        head = f"本单位逾期未办结问题 {count} 个，每个扣 {plain(rubric.problem_deduction)} 分"
    else:
        head = "本单位无逾期未办结问题"
    return ItemResult("problems", points, weight, figures, f"{head}，{_score(points, weight)}")


def assessment_item(inputs: ScoreInputs, rubric: Rubric) -> ItemResult:
    """The supervisor's 0..10 score scaled to the weight; none recorded means full marks."""
    weight, score = rubric.weight_assessment, inputs.assessment
    figures = {"assessment": None if score is None else str(score)}
    if score is None:
        points = cents(weight)
        note = f"本周无督导评价扣分记录，按满分计，{_score(points, weight)}"
    else:
        points = cents(weight * score / 10)
        note = f"督导及现场评价 {plain(score)}/10，{_score(points, weight)}"
    return ItemResult("assessment", points, weight, figures, note)


def overrides(card: Card, note: str, triggers: list[Trigger], exempt: bool) -> tuple[Card, str]:
    """Hard triggers force red whatever the score or rank; an exemption keeps a project off red."""
    if triggers:
        names = "、".join(TRIGGER_LABELS.get(t.key, t.key) for t in triggers)
        forced = "另触发" if card == "red" else "触发"
        card, note = "red", f"{note}；{forced}硬性条件（{names}），定为红牌"
    if exempt and card == "red":
        card, note = "yellow", f"{note}；已批准豁免，不列红牌，按黄牌显示"
    return card, note


def absolute_card(
    total: Decimal, triggers: list[Trigger], rubric: Rubric, *, exempt: bool = False
) -> tuple[Card, str]:
    """The card by thresholds and the Chinese sentence saying which rule decided it."""
    if total >= rubric.blue_min:
        card: Card = "blue"
        note = f"总分 {total} ≥ {plain(rubric.blue_min)}，蓝牌"
    elif total < rubric.red_below:
        card, note = "red", f"总分 {total} < {plain(rubric.red_below)}，红牌"
    else:
        card = "yellow"
        note = f"总分 {total} 在 {plain(rubric.red_below)} 至 {plain(rubric.blue_min)} 之间，黄牌"
    return overrides(card, note, triggers, exempt)


def card_for(
    total: Decimal, triggers: list[Trigger], rubric: Rubric, *, exempt: bool = False
) -> Card:
    """Blue at or above ``blue_min``, red below ``red_below`` or on any trigger, else yellow;
    an exempt project is at worst yellow."""
    return absolute_card(total, triggers, rubric, exempt=exempt)[0]


def score_week(inputs: ScoreInputs, rubric: Rubric) -> ScoreResult:
    """Score one project's week and give its absolute card (see ``ranking.apply_relative``)."""
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
    card, card_note = absolute_card(total, triggers, rubric, exempt=inputs.exempt)
    return ScoreResult(total, items, triggers, card, inputs.exempt, card_note)


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
    note = f"督导调整 {signed(asked)} 分，理由：{reason}"
    if applied != cents(asked):
        note += f"（总分限定在 0 至 100 分，实际 {signed(applied)} 分）"
    figures = {"asked": str(asked), "applied": str(applied), "reason": reason}
    items.append(ItemResult("adjustment", applied, ZERO, figures, note))
    total = cents(sum((item.points for item in items), ZERO))
    card, card_note = absolute_card(total, result.triggers, rubric, exempt=result.exempt)
    return dataclasses.replace(result, total=total, items=items, card=card, card_note=card_note)


def card_label(card: str) -> str:
    return CARD_LABELS.get(card, card)
