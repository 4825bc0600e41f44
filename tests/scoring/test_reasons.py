"""Why a project has its card, stored as codes with figures and read in the reader's language:
the dashboard's red list, the "why" page, the ladder's notice and the reports. A breakdown
stored before the codes keeps its own words."""

from decimal import Decimal as D

import pytest
from django.urls import reverse
from django.utils import translation

from scoring import reasons
from scoring.models import WeeklyScore
from scoring.results import ScoreResult, reason_lines, reasons_text
from scoring.rubric import Rubric
from scoring.rules import adjust, score_week
from scoring.services import score_campaign_week

from .factories import W46, W47
from .test_rules import week

pytestmark = pytest.mark.django_db
CHINESE = {"投资完成率", "年度累计完成", "本周周报", "总分", "红牌", "万元"}


def english(client):
    client.cookies["django_language"] = "en"
    return client


def no_chinese(text: str) -> bool:
    return not any(word in text for word in CHINESE)


def test_a_result_keeps_codes_and_figures_and_survives_json():
    result = adjust(score_week(week(ytd_done=D("6500")), Rubric()), D(-5), "现场核查不符", Rubric())
    stored = result.to_dict()
    gap = stored["triggers"][0]
    assert gap["reason"] == {
        "code": "trigger.investment_gap",
        "args": {"ratio": "65.0", "behind": "35.0", "gap": "30"},
    }
    assert gap["note"] == "投资完成率 65.0%，落后序时进度 35.0 个百分点，超过 30 个百分点"
    assert [part["code"] for part in stored["card_reason"]] == ["card.yellow", "card.forced"]
    assert ScoreResult.from_dict(stored) == result


def test_the_same_reasons_read_in_english_and_in_chinese():
    result = score_week(week(ytd_done=D("6500")), Rubric())
    with translation.override("en"):
        english_lines = reason_lines(result.to_dict())
        card = result.card_note
    with translation.override("zh-hans"):
        chinese_lines = reason_lines(result.to_dict())
    assert english_lines[0] == (
        "Investment at 65.0% of plan, 35.0 points behind 序时进度, more than 30 points"
    )
    assert chinese_lines[0] == "投资完成率 65.0%，落后序时进度 35.0 个百分点，超过 30 个百分点"
    assert card.startswith("Total ") and "hard trigger (investment far behind plan)" in card
    assert all(no_chinese(line) for line in english_lines)


OLD_GAP = "投资完成率 41.0%，落后序时进度 59.0 个百分点"


def test_an_old_breakdown_without_codes_is_read_in_its_own_words():
    old = {
        "total": "10.00",
        "card": "red",
        "card_note": "总分 10.00 < 60，红牌",
        "exempt": False,
        "items": [
            {"key": "investment", "points": "10", "max_points": "40", "inputs": {},
             "note": "年度累计完成 1,000.00 万元（单位自报）"},
        ],
        "triggers": [{"key": "investment_gap", "note": OLD_GAP}],
    }  # fmt: skip
    with translation.override("en"):
        lines = reason_lines(old)
        result = ScoreResult.from_dict(old)
    assert lines == [
        "投资完成率 41.0%，落后序时进度 59.0 个百分点",
        "Investment: 年度累计完成 1,000.00 万元（单位自报）",
    ]
    assert result.card_note == "总分 10.00 < 60，红牌"
    assert reasons.words(reasons.Reason("a.code.from.the.future")) == "a.code.from.the.future"


def test_the_dashboards_red_list_reads_in_english(client, manager, district, campaign):
    score_campaign_week(campaign=campaign, week=W47)
    english(client).force_login(manager)
    page = client.get(reverse("dashboard:dashboard"), {"week": "2026-W47"})
    red = [reason for _tile, reason in page.context["red_list"]]
    assert red and all(reason and no_chinese(reason) for reason in red)
    assert any("points behind 序时进度" in reason for reason in red)
    assert any("weekly reports missing in a row" in reason.lower() for reason in red)


def test_the_why_page_reads_in_english(client, reporter, district, campaign):
    for monday in (W46, W47):
        score_campaign_week(campaign=campaign, week=monday)
    english(client).force_login(reporter)
    page = client.get(reverse("scoring:why", args=[district[3].pk, "2026-W47"])).content.decode()
    for words in (
        "Done this year 6,000.00 (10k yuan, unit&#x27;s own report)",
        "This week&#x27;s report came on time",
        "Investment at 55.9% of plan",
        "Total 64.72 between 60 and 85, yellow card; a hard trigger",
        "Total: ",
    ):
        assert words in page, words
    for words in ("年度累计完成", "本周周报", "投资完成率", "总分"):
        assert words not in page, words


def test_the_ladders_notice_and_the_reports_say_it_in_chinese_whoever_asks(district, campaign):
    score_campaign_week(campaign=campaign, week=W47)
    breakdown = WeeklyScore.objects.get(project=district[3], week=W47).breakdown
    with translation.override("en"):
        from reports import periods
        from reports.services import snapshot_build

        snapshot = snapshot_build(campaign, periods.parse("weekly", "2026-W47"))
    red = next(row for row in snapshot["red_list"] if row["code"] == district[3].code)
    assert red["reasons"][0].startswith("投资完成率")
    with translation.override("zh-hans"):
        assert reasons_text(breakdown).startswith("投资完成率 55.9%")
