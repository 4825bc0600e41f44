"""The "瞒" detector: each flag, its edge and the evidence it gives."""

import datetime as dt
from decimal import Decimal as D

from scoring.flags import ReportFacts, flag_report, similarity
from scoring.rubric import Rubric

RUBRIC = Rubric()
FIRST = dt.date(2026, 3, 2)  # 2026-W10


def reports(*rows, start=FIRST) -> list[ReportFacts]:
    """One report a week from ``start``; each row is (ytd, text, photos)."""
    return [
        ReportFacts(start + dt.timedelta(weeks=i), D(ytd), text, photos)
        for i, (ytd, text, photos) in enumerate(rows)
    ]


def keys(history, stats=None, rubric=RUBRIC) -> list[str]:
    return [flag.key for flag in flag_report(history, stats, rubric)]


def evidence(history, key, stats=None) -> str:
    return next(f.evidence for f in flag_report(history, stats, RUBRIC) if f.key == key)


def test_no_history_no_flags():
    assert flag_report([], D(100), RUBRIC) == []


def test_investment_down():
    history = reports((100, "a", 1), (8000, "b", 1), (7800, "c", 1))
    assert keys(history) == ["investment_down"]
    assert evidence(history, "investment_down") == (
        "本周年度累计 7,800.00 万元，低于 2026-W11 的 8,000.00 万元，减少 200.00 万元"
    )
    assert keys(reports((8000, "a", 1), (8000, "b", 1))) == []
    assert keys(reports((8000, "a", 1))) == []


def test_investment_down_ignores_the_new_campaign():
    # 2026-W53 (28 Dec to 3 Jan) is still campaign 2026's; year-to-date starts again in 2027-W01.
    history = reports((9000, "a", 1), (100, "b", 1), start=dt.date(2026, 12, 28))
    assert keys(history) == []
    assert keys(reports((9000, "a", 1), (100, "b", 1), start=dt.date(2026, 12, 21))) == [
        "investment_down"
    ]


def test_same_text_edge_is_three_weeks():
    assert keys(reports((1, "浇筑二层", 1), (2, "浇筑二层", 1))) == []
    history = reports((1, "浇筑二层", 1), (2, " 浇筑\n二层 ", 1), (3, "浇筑二层", 1))
    assert keys(history) == ["same_text"]
    assert evidence(history, "same_text") == "「本周进展」连续 3 周内容相同（2026-W10 至 2026-W12）"


def test_same_text_run_is_broken_by_other_text_or_a_missing_week():
    assert keys(reports((1, "x", 1), (2, "y", 1), (3, "x", 1), (4, "x", 1))) == []
    gap = reports((1, "x", 1), (2, "x", 1)) + reports(
        (3, "x", 1), start=FIRST + dt.timedelta(3 * 7)
    )
    assert keys(gap) == []


def test_same_text_is_not_dodged_by_the_week_number_or_punctuation():
    history = reports(
        (1, "第17周：按计划推进", 1), (2, "第18周：按计划推进", 1), (3, "第十九周，按计划推进。", 1)
    )
    assert keys(history) == ["same_text"]
    assert evidence(history, "same_text") == (
        "「本周进展」连续 3 周除数字、周次和标点外内容相同（2026-W10 至 2026-W12）"
    )
    dated = reports(
        (1, "2026-W10 截至3月6日，主体结构施工至第五层，完成投资1200万元。", 1),
        (2, "2026-W11 截至3月13日，主体结构施工至第六层；完成投资1300万元", 1),
        (3, "2026-W12 截至3月20日，主体结构施工至第七层,完成投资1400万元!", 1),
    )
    assert keys(dated) == ["same_text"]


def test_same_text_compares_by_similarity_not_equality():
    a = "主体结构施工，完成三层浇筑，钢结构进场，外墙保温施工。"
    b = "主体结构施工，完成三层浇筑，钢结构进场，外墙保温施工中。"  # one character added
    assert keys(reports((1, a, 1), (2, b, 1), (3, a, 1))) == ["same_text"]
    assert evidence(reports((1, a, 1), (2, b, 1), (3, a, 1)), "same_text") == (
        "「本周进展」连续 3 周内容相似度不低于 97.9%（不计数字、周次和标点，2026-W10 至 2026-W12）"
    )
    other = "设备基础完成，生产线开始安装调试，办公楼装修进场。"
    assert keys(reports((1, a, 1), (2, other, 1), (3, a, 1))) == []
    strict = Rubric(same_text_similarity=D(100))
    assert keys(reports((1, a, 1), (2, b, 1), (3, a, 1)), rubric=strict) == []


def test_similarity_of_progress_texts():
    assert similarity("第17周：按计划推进", "第18周，按计划推进。") == D(100)
    assert similarity("", "  ") == D(100)
    assert similarity("主体施工", "设备安装调试") < D(50)


def test_no_photo_edge_is_four_weeks():
    three = reports((1, "a", 2), (2, "b", 0), (3, "c", 0), (4, "d", 0))
    assert keys(three) == []
    four = reports((1, "a", 0), (2, "b", 0), (3, "c", 0), (4, "d", 0))
    assert keys(four) == ["no_photo"]
    assert evidence(four, "no_photo") == "连续 4 周填报进展但未上传现场照片（2026-W10 至 2026-W13）"


def test_no_photo_needs_claimed_progress():
    assert keys(reports((1, "a", 0), (2, " ", 0), (3, "c", 0), (4, "d", 0))) == []


def test_above_statistics_edge_is_twenty_percent():
    latest = reports((12000, "a", 1))
    assert keys(latest, stats=D(10000)) == []  # exactly 120%
    assert keys(reports(("12000.01", "a", 1)), stats=D(10000)) == ["above_statistics"]
    assert evidence(reports((12500, "a", 1)), "above_statistics", stats=D(10000)) == (
        "自报年度累计 12,500.00 万元，高于投资统计（入库） 10,000.00 万元 25.0%，超过 20%"
    )
    assert keys(latest, stats=None) == []


def test_above_statistics_when_nothing_is_in_the_statistics():
    assert evidence(reports((500, "a", 1)), "above_statistics", stats=D(0)).endswith("为 0")
    assert keys(reports((0, "a", 1)), stats=D(0)) == []


def test_thresholds_come_from_the_rubric_and_history_order_does_not_matter():
    loose = Rubric(same_text_weeks=2, no_photo_weeks=1, stats_tolerance=D(50))
    history = reports((100, "x", 1), (90, "x", 0))
    assert keys(list(reversed(history)), stats=D(70), rubric=loose) == [
        "investment_down",
        "same_text",
        "no_photo",
    ]
    assert keys(history, stats=D(50), rubric=loose) == [
        "investment_down",
        "same_text",
        "no_photo",
        "above_statistics",
    ]


TEXTS = ("办理规划许可", "场地平整", "桩基施工", "承台浇筑", "主体施工")


def test_no_photo_only_where_the_stage_calls_for_site_photos():
    def staged(stage):
        return [
            ReportFacts(FIRST + dt.timedelta(weeks=i), D(i), text, 0, stage)
            for i, text in enumerate(TEXTS)
        ]

    assert keys(staged("construction")) == ["no_photo"]
    assert keys(staged("started")) == ["no_photo"]
    for stage in ("preparation", "completed", "production"):
        assert keys(staged(stage)) == [], stage  # permits, or nothing new to photograph
    # Works start in week 3: the run counts from there, and is too short yet.
    mixed = staged("preparation")[:3] + staged("started")[3:]
    assert keys(mixed) == []


def test_quick_ratio_is_difflibs():
    import difflib

    from scoring.flags import _quick_ratio

    texts = ["", "主体结构施工", "主体结构施工完成三层", "设备安装调试", "aab", "abb", "ａ"]
    for a in texts:
        for b in texts:
            assert _quick_ratio(a, b) == difflib.SequenceMatcher(None, a, b).quick_ratio()


def test_similarity_above_the_quick_bound_is_the_matchers():
    a = "主体结构施工，完成三层浇筑，钢结构进场。"
    b = "主体结构施工，完成四层浇筑，钢结构进场，外墙施工。"
    assert D(50) < similarity(a, b) < D(100)
    assert similarity(a, b) == similarity(b, a)
