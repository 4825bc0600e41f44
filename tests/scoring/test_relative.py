"""Relative cards (ties, small groups, triggers, exemptions) and the change since last week."""

from decimal import Decimal as D

import pytest

from scoring.relative import apply_relative, compare
from scoring.results import ItemResult, ScoreResult, Trigger
from scoring.rubric import Rubric

RELATIVE = Rubric(mode="relative")
GAP = Trigger("investment_gap", "投资完成率 65.0%，落后序时进度 35.0 个百分点，超过 30 个百分点")


def scored(total, *, triggers=(), exempt=False, card="yellow") -> ScoreResult:
    points = D(total).quantize(D("0.01"))
    items = [ItemResult("investment", points, D(100), {}, "")]
    return ScoreResult(points, items, list(triggers), card, exempt)


def cards(totals, rubric=RELATIVE, **special) -> str:
    """The cards of projects p0, p1… with these totals, as a string like 'BYYR'."""
    results = {f"p{i}": special.get(f"p{i}", scored(t)) for i, t in enumerate(totals)}
    recarded = apply_relative(results, rubric)
    assert list(recarded) == list(results)  # the caller's order is kept
    return "".join(r.card[0].upper() for r in recarded.values())


def test_ten_projects_three_blue_one_red():
    # floor(0.3 x 10) = 3 blue, floor(0.15 x 10) = 1 red.
    assert cards([100, 90, 80, 70, 60, 50, 40, 30, 20, 10]) == "BBBYYYYYYR"


def test_order_of_input_does_not_matter():
    assert cards([10, 100, 50, 90, 20, 80, 30, 70, 40, 60]) == "RBYBYBYYYY"


def test_tie_across_the_blue_line_is_all_blue():
    assert cards([95, 80, 80, 80, 70, 60, 50, 40, 30, 20]) == "BBBBYYYYYR"


def test_tie_across_the_red_line_is_all_yellow():
    assert cards([95, 90, 85, 80, 70, 60, 50, 40, 30, 30]) == "BBBYYYYYYY"


def test_tie_entirely_inside_the_red_share_is_all_red():
    # 20 projects: 3 red places, the bottom two tie inside them.
    totals = [100 - i for i in range(18)] + [10, 10]
    assert cards(totals)[-3:] == "RRR"


def test_everyone_equal_shares_the_best_card():
    assert cards([70] * 10) == "B" * 10


@pytest.mark.parametrize(
    ("totals", "expected"),
    [([50], "Y"), ([90, 10], "YY"), ([90, 50, 10], "YYY"), ([90, 70, 50, 10], "BYYY")],
)
def test_small_groups_are_never_over_carded(totals, expected):
    assert cards(totals) == expected


def test_trigger_forces_red_without_moving_anyone_else():
    top = scored(100, triggers=[GAP])
    assert cards([100, 90, 80, 70, 60, 50, 40, 30, 20, 10], p0=top) == "RBBYYYYYYR"


def test_exempt_is_never_red_and_frees_no_red_place():
    last = scored(10, exempt=True)
    assert cards([100, 90, 80, 70, 60, 50, 40, 30, 20, 10], p9=last) == "BBBYYYYYYY"
    triggered = scored(100, triggers=[GAP], exempt=True)
    assert cards([100, 90, 80], p0=triggered) == "YYY"


def test_relative_card_note_names_the_rank():
    results = {"a": scored(90), "b": scored(90), "c": scored(10, triggers=[GAP])}
    recarded = apply_relative(results, Rubric(mode="relative", blue_share=D("0.4")))
    assert recarded["a"].card_note == (
        "总分 90.00，并列第 1 名/共 3 个（前 1 名蓝牌，后 0 名红牌），"
        "蓝牌（同分不拆分，取较好牌色）"
    )
    assert recarded["c"].card_note.endswith("触发硬性条件（投资严重滞后），定为红牌")
    assert results["a"].card == "yellow"  # the input is not changed


# What changed since last week.


def test_first_week_has_one_line():
    assert compare(None, scored(90, card="blue")) == ["首次评分：蓝牌，总分 90.00 分"]


def test_nothing_changed_gives_no_lines():
    assert compare(scored(70), scored(70)) == []


def test_changes_are_listed_card_total_items_triggers():
    prev = scored(80)
    cur = ScoreResult(
        D("55.00"),
        [
            ItemResult("investment", D("50.00"), D(100), {}, ""),
            ItemResult("adjustment", D("5.00"), D(0), {}, ""),
        ],
        [GAP],
        "red",
    )
    assert compare(prev, cur) == [
        "牌色：黄牌 → 红牌",
        "总分：80.00 → 55.00（-25.00）",
        "投资完成：80.00 → 50.00（-30.00）",
        "督导调整：新增 +5.00 分",
        f"新触发：{GAP.note}",
    ]
    assert compare(cur, prev) == [
        "牌色：红牌 → 黄牌",
        "总分：55.00 → 80.00（+25.00）",
        "投资完成：50.00 → 80.00（+30.00）",
        "督导调整：取消（原 +5.00 分）",
        "已解除：投资严重滞后",
    ]


def test_exemption_change_is_listed():
    assert compare(scored(50), scored(50, exempt=True)) == ["已批准豁免"]
    assert compare(scored(50, exempt=True), scored(50)) == ["豁免已取消"]
