"""The five items, the hard triggers, the card thresholds and adjustments; no database."""

import dataclasses
import datetime as dt
import json
from decimal import Decimal as D
from typing import Any

import pytest

from scoring.results import NodeInput, ScoreInputs, ScoreResult
from scoring.rubric import Rubric
from scoring.rules import absolute_card, adjust, score_week

RUBRIC = Rubric()
MONDAY = dt.date(2026, 3, 2)
SUNDAY = dt.date(2026, 3, 8)


def week(**changes) -> ScoreInputs:
    """A perfect week (100 points, blue) with ``changes`` applied."""
    values: dict[str, Any] = dict(
        week=MONDAY,
        plan_due=D("10000"),
        ytd_done=D("10000"),
        investment_source="unit",
        nodes=[],
        report="on_time",
        missing_in_row=0,
        overdue_own_problems=0,
        assessment=None,
    )
    values.update(changes)
    return ScoreInputs(**values)


def item(result: ScoreResult, key: str):
    found = result.item(key)
    assert found is not None
    return found


def points(key: str, rubric: Rubric = RUBRIC, **changes) -> D:
    return item(score_week(week(**changes), rubric), key).points


def trigger_keys(**changes) -> list[str]:
    return [t.key for t in score_week(week(**changes), RUBRIC).triggers]


def test_perfect_week_is_blue_with_100_points():
    result = score_week(week(), RUBRIC)
    assert result.total == D("100.00")
    assert result.card == "blue"
    assert [i.key for i in result.items] == [
        "investment",
        "nodes",
        "reporting",
        "problems",
        "assessment",
    ]
    assert result.triggers == []
    assert result.card_note == "总分 100.00 ≥ 85，蓝牌"


# Investment against 序时进度.


@pytest.mark.parametrize(
    ("done", "expected"),
    [
        ("12000", "40.00"),  # ahead of plan is still full marks
        ("10000", "40.00"),  # exactly 100%
        ("9999", "39.99"),  # 99.99% is judged unrounded, not as the 100.0% it might show
        ("8000", "24.00"),
        ("7500", "20.00"),
        ("5000", "0.00"),  # zero at 50%
        ("1000", "0.00"),  # and never negative
    ],
)
def test_investment_is_linear_between_zero_at_and_100_percent(done, expected):
    assert points("investment", ytd_done=D(done)) == D(expected)


def test_investment_note_and_inputs_show_the_figures():
    found = item(score_week(week(ytd_done=D("8000")), RUBRIC), "investment")
    assert found.note == (
        "年度累计完成 8,000.00 万元（单位自报），序时计划 10,000.00 万元，完成率 80.0%，"
        "得 24.00/40 分"
    )
    assert found.inputs == {
        "plan_due": "10000",
        "ytd_done": "8000",
        "ratio": "80.0",
        "source": "unit",
    }
    assert found.max_points == D(40)


def test_nothing_due_yet_gives_full_investment_points():
    found = item(score_week(week(plan_due=D(0), ytd_done=D(0)), RUBRIC), "investment")
    assert found.points == D("40.00")
    assert "尚无序时计划" in found.note
    assert found.inputs["ratio"] is None


def test_investment_zero_at_is_configurable():
    assert points("investment", Rubric(investment_zero_at=D(0)), ytd_done=D("8000")) == D("32.00")


@pytest.mark.parametrize(
    ("done", "fires"),
    [
        ("7000", False),  # exactly 30 points behind is not "more than 30"
        ("6995", True),  # 69.95% is 30.05 points behind: judged unrounded, not as 70.0%
        ("6999.99", True),  # 69.9999%
        ("6990", True),  # 69.9%
        ("2000", True),
    ],
)
def test_investment_gap_trigger_edge(done, fires):
    assert ("investment_gap" in trigger_keys(ytd_done=D(done))) is fires


def test_investment_gap_trigger_note_and_switch_off():
    result = score_week(week(ytd_done=D("6500")), RUBRIC)
    assert result.card == "red"
    assert result.triggers[0].note == (
        "投资完成率 65.0%，落后序时进度 35.0 个百分点，超过 30 个百分点"
    )
    quiet = Rubric(red_investment_gap_points=None)
    assert score_week(week(ytd_done=D("6500")), quiet).triggers == []


def test_the_note_of_a_ratio_just_behind_the_line_agrees_with_the_trigger():
    result = score_week(week(ytd_done=D("6995")), RUBRIC)
    assert result.card == "red"
    assert result.triggers[0].note == (
        "投资完成率 69.9%，落后序时进度 30.1 个百分点，超过 30 个百分点"
    )
    assert item(result, "investment").inputs["ratio"] == "69.9"
    assert item(result, "investment").points == D("15.96")  # 40 × (69.95 − 50) / 50


def test_nothing_due_never_fires_the_investment_trigger():
    assert trigger_keys(plan_due=D(0), ytd_done=D(0)) == []


# Milestone nodes, judged as of the week's Sunday.


def node(planned: dt.date, reached: dt.date | None = None, name: str = "主体封顶") -> NodeInput:
    return NodeInput(name, planned, reached)


def overdue(days: int) -> NodeInput:
    return node(SUNDAY - dt.timedelta(days=days))


def test_no_node_due_gives_full_points():
    result = score_week(week(nodes=[node(SUNDAY + dt.timedelta(days=1))]), RUBRIC)
    assert item(result, "nodes").points == D("30.00")
    assert item(result, "nodes").note == "截至本周日无到期节点，得 30.00/30 分"


def test_node_met_on_time_gives_full_points():
    assert points("nodes", nodes=[node(SUNDAY, SUNDAY)]) == D("30.00")
    assert points("nodes", nodes=[node(MONDAY, MONDAY - dt.timedelta(days=9))]) == D("30.00")


def test_node_due_on_sunday_is_not_overdue_yet():
    result = score_week(week(nodes=[node(SUNDAY)]), RUBRIC)
    assert item(result, "nodes").points == D("30.00")
    assert "本周日到期待完成 1 个" in item(result, "nodes").note


def test_node_reached_late_deducts_once():
    late = node(MONDAY - dt.timedelta(days=30), MONDAY, name="开工")
    found = item(score_week(week(nodes=[late]), RUBRIC), "nodes")
    assert found.points == D("28.00")
    assert "逾期完成 1 个（「开工」扣 2 分）" in found.note
    assert found.inputs["nodes"][0]["status"] == "late"


def test_node_reached_after_the_week_counts_as_overdue_that_week():
    # Recomputing an old week must not use what happened later.
    later = node(SUNDAY - dt.timedelta(days=3), SUNDAY + dt.timedelta(days=10))
    assert points("nodes", nodes=[later]) == D("25.00")


@pytest.mark.parametrize(
    ("days", "expected"),
    [(1, "25.00"), (7, "25.00"), (8, "20.00"), (28, "10.00"), (29, "5.00"), (60, "0.00")],
)
def test_overdue_node_deducts_per_started_week(days, expected):
    assert points("nodes", nodes=[overdue(days)]) == D(expected)


def test_node_deductions_add_up_and_floor_at_zero():
    found = item(score_week(week(nodes=[overdue(20), overdue(20)]), RUBRIC), "nodes")
    assert found.points == D("0.00")
    assert found.inputs["deduction"] == "30"
    assert "逾期未完成 2 个" in found.note
    capped = item(score_week(week(nodes=[overdue(20), overdue(30)]), RUBRIC), "nodes")
    assert "扣分合计 40 分，本项最低 0 分" in capped.note


def test_node_overdue_trigger_edge_is_four_weeks_and_a_day():
    assert trigger_keys(nodes=[overdue(28)]) == []
    result = score_week(week(nodes=[overdue(29)]), RUBRIC)
    assert [t.key for t in result.triggers] == ["node_overdue"]
    assert result.triggers[0].note == "节点「主体封顶」逾期 29 天（5 周），超过 4 周"
    assert result.card == "red"


def test_node_trigger_switched_off_and_cleared_once_reached():
    assert score_week(week(nodes=[overdue(60)]), Rubric(red_node_overdue_weeks=None)).triggers == []
    reached = node(SUNDAY - dt.timedelta(days=60), SUNDAY)
    assert trigger_keys(nodes=[reached]) == []


# Reporting discipline.


@pytest.mark.parametrize(
    ("report", "in_row", "expected", "said"),
    [
        ("on_time", 0, "10.00", "按时提交"),
        ("late", 0, "5.00", "逾期提交"),
        ("missing", 1, "0.00", "未提交（连续 1 周）"),
    ],
)
def test_reporting_points(report, in_row, expected, said):
    found = item(score_week(week(report=report, missing_in_row=in_row), RUBRIC), "reporting")
    assert found.points == D(expected)
    assert said in found.note


def test_missing_in_row_trigger_edge():
    assert trigger_keys(report="missing", missing_in_row=1) == []
    result = score_week(week(report="missing", missing_in_row=2), RUBRIC)
    assert result.triggers[0].note == "连续 2 周未报周报，达到 2 周"
    assert result.card == "red"
    off = Rubric(red_missing_in_row=None)
    assert score_week(week(report="missing", missing_in_row=5), off).triggers == []


@pytest.mark.parametrize(("report", "in_row"), [("missing", 0), ("on_time", 1), ("late", 2)])
def test_missing_count_must_agree_with_the_report(report, in_row):
    with pytest.raises(ValueError, match="missing_in_row counts this week"):
        week(report=report, missing_in_row=in_row)


# Problems and assessment.


@pytest.mark.parametrize(
    ("count", "expected"), [(0, "10.00"), (1, "5.00"), (2, "0.00"), (5, "0.00")]
)
def test_problem_deductions_floor_at_zero(count, expected):
    assert points("problems", overdue_own_problems=count) == D(expected)


def test_problem_note():
    found = item(score_week(week(overdue_own_problems=1), RUBRIC), "problems")
    assert found.note == "本单位逾期未办结问题 1 个，每个扣 5 分，得 5.00/10 分"


@pytest.mark.parametrize(
    ("score", "expected"), [(None, "10.00"), (D(10), "10.00"), (D("7.5"), "7.50"), (D(0), "0.00")]
)
def test_assessment_points(score, expected):
    assert points("assessment", assessment=score) == D(expected)


def test_assessment_scales_to_its_weight_and_none_says_full_marks():
    heavy = Rubric(weight_investment=D(30), weight_assessment=D(20))
    assert points("assessment", heavy, assessment=D(8)) == D("16.00")
    assert "按满分计" in item(score_week(week(), RUBRIC), "assessment").note


def test_assessment_out_of_range_is_refused():
    with pytest.raises(ValueError, match="between 0 and 10"):
        week(assessment=D(11))


# Inputs are checked.


def test_inputs_refuse_floats_negative_money_and_non_mondays():
    with pytest.raises(ValueError, match="not float"):
        week(ytd_done=8000.5)
    with pytest.raises(ValueError, match="must not be negative"):
        week(plan_due=D(-1))
    with pytest.raises(ValueError, match="must be a Monday"):
        week(week=MONDAY + dt.timedelta(days=1))
    with pytest.raises(ValueError, match="report must be one of"):
        week(report="lost")


# Cards.


def card_for(total, triggers, rubric, *, exempt=False):
    return absolute_card(total, triggers, rubric, exempt=exempt)[0]


@pytest.mark.parametrize(
    ("total", "card"),
    [("100", "blue"), ("85", "blue"), ("84.99", "yellow"), ("60", "yellow"), ("59.99", "red")],
)
def test_card_thresholds(total, card):
    assert card_for(D(total), [], RUBRIC) == card


def test_trigger_forces_red_and_exemption_keeps_off_red():
    fired = score_week(week(report="missing", missing_in_row=2), RUBRIC).triggers
    assert card_for(D(100), fired, RUBRIC) == "red"
    assert card_for(D(100), fired, RUBRIC, exempt=True) == "yellow"
    assert card_for(D(10), [], RUBRIC, exempt=True) == "yellow"
    assert card_for(D(90), [], RUBRIC, exempt=True) == "blue"


def test_exempt_week_keeps_its_score_and_triggers_but_is_not_red():
    result = score_week(week(nodes=[overdue(40)], ytd_done=D(0), exempt=True), RUBRIC)
    assert result.exempt is True
    assert result.card == "yellow"
    assert {t.key for t in result.triggers} == {"node_overdue", "investment_gap"}
    assert result.card_note.endswith("已批准豁免，不列红牌，按黄牌显示")


def test_total_is_the_sum_of_items_and_round_trips_through_json():
    result = score_week(week(ytd_done=D("7777.77"), nodes=[overdue(3)]), RUBRIC)
    assert result.total == sum(i.points for i in result.items)
    stored = json.loads(json.dumps(result.to_dict()))
    assert ScoreResult.from_dict(stored) == result
    with pytest.raises(ValueError, match="not the sum of the items"):
        dataclasses.replace(result, total=result.total + 1)


def test_two_rubric_versions_give_different_deterministic_scores():
    inputs = week(ytd_done=D("8000"), nodes=[overdue(10)], report="late")
    stricter = Rubric(node_deduction_per_week=D(10), late_points=D(0), blue_min=D(90))
    first, second = score_week(inputs, RUBRIC), score_week(inputs, stricter)
    assert first.total == D("69.00")  # 24 + (30 - 2 weeks x 5) + 5 + 10 + 10
    assert second.total == D("54.00")  # 24 + (30 - 2 weeks x 10) + 0 + 10 + 10
    assert (first.card, second.card) == ("yellow", "red")
    assert score_week(inputs, RUBRIC) == first
    assert score_week(inputs, Rubric.from_dict(stricter.to_dict())) == second


# Adjustments.


def test_adjustment_adds_an_item_and_recomputes_the_card():
    base = score_week(week(ytd_done=D("8000")), RUBRIC)  # 84.00, yellow
    result = adjust(base, D(3), "现场核查确认进度快于报表", RUBRIC)
    assert (base.card, result.card, result.total) == ("yellow", "blue", D("87.00"))
    found = item(result, "adjustment")
    assert found.points == D("3.00")
    assert found.note == "督导调整 +3.00 分，理由：现场核查确认进度快于报表"


def test_adjustment_needs_a_reason():
    base = score_week(week(), RUBRIC)
    with pytest.raises(ValueError, match="needs a reason"):
        adjust(base, D(-5), "  ", RUBRIC)


def test_adjustment_is_clamped_to_0_100_and_replaces_the_previous_one():
    base = score_week(week(ytd_done=D("9500")), RUBRIC)  # 96.00
    up = adjust(base, D(10), "表现突出", RUBRIC)
    assert up.total == D("100.00")
    assert item(up, "adjustment").inputs == {"asked": "10", "applied": "4.00", "reason": "表现突出"}
    assert "实际 +4.00 分" in item(up, "adjustment").note
    down = adjust(up, D(-40), "数据不实", RUBRIC)
    assert down.total == D("56.00")
    assert [i.key for i in down.items].count("adjustment") == 1
    assert down.card == "red"
    floor = adjust(base, D(-200), "严重失实", RUBRIC)
    assert floor.total == D("0.00")


def test_adjustment_cannot_lift_a_hard_trigger():
    base = score_week(week(report="missing", missing_in_row=2), RUBRIC)
    assert adjust(base, D(10), "已说明原因", RUBRIC).card == "red"
