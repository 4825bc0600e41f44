"""Each report kind built from a small demo district: the snapshot in a fixed number of
queries, the PDF read back with pdftotext, the Excel opened back with openpyxl."""

import re
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from reports import periods, render
from reports.choices import ReportStatus
from reports.services import report_build, snapshot_build

from .conftest import pdf_text

pytestmark = pytest.mark.django_db

HEADINGS = {
    "weekly": ["每周梳理", "本周亮牌情况", "牌色变化", "红牌项目", "周报未报、迟报"],
    "biweekly": ["半月调度", "红黄牌项目及原因", "问题办理（按部门）", "待落实的会商决定"],
    "monthly": [
        "每月通报",
        "总体情况",
        "投资完成情况",
        "按责任单位",
        "按包靠领导",
        "亮牌及排名",
        "红牌项目及原因",
        "周报报送情况",
        "问题办理情况",
        "下步工作",
    ],
    "quarterly": ["季度总结", "季度走势", "开工、投产及阶段变化", "季度排名"],
    "halfyear": ["半年观摩", "观摩开展情况", "项目观摩得分及点评", "综合排名"],
    "annual": ["年度综合绩效考核", "年度目标完成情况", "责任单位考核", "包靠领导考核"],
}
PERIODS = {
    "weekly": "2026-W47",
    "biweekly": "2026-W45/46",
    "monthly": "2026-10",
    "quarterly": "2026-Q3",
    "halfyear": "2026-H2",
    "annual": "2026",
}


def sheet_rows(workbook, name):
    """Data rows of a sheet (after the title and header lines), the totals row last."""
    return [row for row in workbook[name].iter_rows(min_row=3, values_only=True)]


def column(workbook, name, header):
    return [c.value for c in workbook[name][2]].index(header)


@pytest.mark.parametrize("kind", list(PERIODS))
def test_each_kind_builds_pdf_and_excel(demo, kind, django_assert_max_num_queries):
    period = periods.parse(kind, PERIODS[kind])
    with django_assert_max_num_queries(30):  # a fixed number, none per project
        snapshot = snapshot_build(demo.campaign, period)
    report = report_build(campaign=demo.campaign, period=period, send=False)
    assert report.revision == 1 and report.status == ReportStatus.PUBLISHED
    text = pdf_text(report.pdf.path)
    for heading in HEADINGS[kind]:
        assert heading in text, heading
    assert "寒亭区重点项目建设大比拼" in text
    assert "第1页/共" in text  # page numbers
    for row in snapshot.get("red_list", snapshot.get("attention", []))[:5]:
        assert row["name"] in text, row["name"]
    workbook = load_workbook(report.xlsx.path)
    assert all(len(name) <= 31 for name in workbook.sheetnames)
    assert workbook.worksheets[0]["A2"].value  # Chinese headers on the second line


def test_monthly_bulletin_reads_like_the_real_thing(demo):
    report = report_build(
        campaign=demo.campaign, period=periods.parse("monthly", "2026-10"), send=False
    )
    snap = report.snapshot
    overview = snap["overview"]
    assert overview["projects"] == 50
    assert Decimal(overview["target"]) == Decimal("860000")
    assert sum(overview["cards"].values()) == 50 and overview["cards"]["unscored"] == 0
    assert snap["red_list"] and all(row["reasons"] for row in snap["red_list"])
    assert {r["change"] for r in snap["rankings"]["projects"]} - {None}  # rank changes shown
    assert snap["next_steps"] and snap["late"][0]["reporters"]
    assert snap["problems"]["total"]["overdue"] == 1
    text = pdf_text(report.pdf.path)
    assert "序时进度" in text and "个百分点" in text
    assert "用地指标" not in text  # the bulletin counts problems by department, not by title
    assert snap["late"][0]["unit"] in text
    # Excel: the unit sheet's totals row adds up, and matches the overview.
    workbook = load_workbook(report.xlsx.path)
    rows = sheet_rows(workbook, "按责任单位")
    *units, totals = rows
    plan, done = (
        column(workbook, "按责任单位", "年度计划（万元）"),
        column(workbook, "按责任单位", "累计完成（万元）"),
    )
    assert totals[0] == "合计"
    assert sum(Decimal(str(r[plan])) for r in units) == Decimal(str(totals[plan]))
    assert sum(Decimal(str(r[done])) for r in units) == Decimal(str(totals[done]))
    assert Decimal(str(totals[done])) == Decimal(overview["done"])
    detail = sheet_rows(workbook, "项目明细")
    assert len(detail) == 51 and detail[-1][0] == "合计"
    assert (
        workbook["项目明细"].cell(3, column(workbook, "项目明细", "完成年度计划") + 1).number_format
        == "0.0%"
    )


def test_weekly_digest_names_missing_reports_and_card_changes(demo):
    snap = snapshot_build(demo.campaign, periods.parse("weekly", "2026-W47"))
    assert snap["scored"] == 50 and not snap["empty"]
    assert all(c["from"] != c["to"] for c in snap["changes"])


def test_an_empty_digest_is_kept_but_not_sent(demo):
    # 2026-W30: before the demo's history, nothing scored and (the deadline long past) the
    # projects had no reports — an unscored week with missing reports is not empty; a week
    # of a campaign with no projects is.
    from projects.models import Campaign

    empty = Campaign.objects.create(region=demo.campaign.region, year=2027, name="2027年比拼")
    report = report_build(campaign=empty, period=periods.parse("weekly", "2027-W02"))
    assert report.status == ReportStatus.EMPTY
    from outbox.models import Message

    assert not Message.objects.filter(ref=f"report:{report.pk}").exists()


def test_biweekly_pack_lists_overdue_problems_and_decisions(demo):
    snap = snapshot_build(demo.campaign, periods.parse("biweekly", "2026-W45/46"))
    assert [p["title"] for p in snap["overdue"]] == ["用地指标未落实"]
    assert snap["overdue"][0]["days_overdue"] == 19 and snap["overdue"][0]["level"] == "部门负责人"
    assert [d["title"] for d in snap["decisions"]] == ["协调专线供电方案"]
    cards = {row["card"] for row in snap["attention"]}
    assert cards <= {"red", "yellow"} and "red" in cards


def test_halfyear_ranks_with_the_observation_scores(demo):
    snap = snapshot_build(demo.campaign, periods.parse("halfyear", "2026-H2"))
    assert snap["rounds"][0]["inspectors"] == 2 and snap["rounds"][0]["projects"] == 3
    observed = [p for p in snap["observation"] if p["observed"]]
    assert len(observed) == 3
    best = max(observed, key=lambda p: Decimal(p["observed"]))
    assert Decimal(best["observed"]) == Decimal("93.00") and best["comments"]
    weekly, combined = Decimal(best["weekly"]), Decimal(best["combined"])
    assert combined == (weekly * Decimal("0.7") + Decimal("93") * Decimal("0.3")).quantize(
        Decimal("0.01")
    )
    assert {s["rank"] for s in snap["rankings"]["units"]} - {None}


def test_annual_export_has_the_assessment_figures(demo):
    report = report_build(
        campaign=demo.campaign, period=periods.parse("annual", "2026"), send=False
    )
    snap = report.snapshot
    row = snap["projects"][0]
    assert row["rank"] == 1
    assert row["weeks_blue"] + row["weeks_yellow"] + row["weeks_red"] + row["weeks_exempt"] <= 9
    workbook = load_workbook(report.xlsx.path)
    assert workbook.sheetnames[:3] == ["项目考核", "单位考核", "领导考核"]
    *units, totals = sheet_rows(workbook, "单位考核")
    red = column(workbook, "单位考核", "红牌周数")
    assert (
        sum(r[red] for r in units) == totals[red] == sum(p["weeks_red"] for p in snap["projects"])
    )


def test_a_report_renders_the_same_from_its_stored_snapshot(demo):
    """The files come from the snapshot only: a later change of the data changes nothing."""
    report = report_build(
        campaign=demo.campaign, period=periods.parse("weekly", "2026-W46"), send=False
    )
    stored = type(report).objects.get(pk=report.pk).snapshot
    assert stored == report.snapshot
    assert render.xlsx_bytes(stored)[:2] == b"PK"


def test_rendering_does_not_change_the_snapshot(demo):
    import copy

    snapshot = snapshot_build(demo.campaign, periods.parse("monthly", "2026-10"))
    before = copy.deepcopy(snapshot)
    render.xlsx_bytes(snapshot)
    assert snapshot == before


NUMBER_AS_TEXT = re.compile(r"^\s*[+\-−]?[\d,]+(\.\d+)?%?\s*$")


@pytest.mark.parametrize("kind", list(PERIODS))
def test_every_figure_is_a_number_with_a_number_format(demo, kind):
    report = report_build(campaign=demo.campaign, period=periods.parse(kind, PERIODS[kind]))
    workbook = load_workbook(report.xlsx.path)
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(min_row=3):
            for cell in row:
                if isinstance(cell.value, str):
                    # "+100.0" or "860000.00" as text cannot be summed or sorted in Excel.
                    assert not NUMBER_AS_TEXT.match(cell.value), (sheet.title, cell.coordinate)
                elif isinstance(cell.value, int | float):
                    assert cell.number_format != "General", (sheet.title, cell.coordinate)


def test_scores_are_unsigned_and_the_totals_row_keeps_text_columns_empty(demo):
    report = report_build(campaign=demo.campaign, period=periods.parse("monthly", "2026-10"))
    workbook = load_workbook(report.xlsx.path)
    sheet = workbook["项目明细"]
    score = column(workbook, "项目明细", "本期得分") + 1
    cells = [sheet.cell(row, score) for row in range(3, sheet.max_row)]
    assert all(isinstance(c.value, int | float) for c in cells if c.value is not None)
    assert {c.number_format for c in cells} == {"0.00"}  # 100 shows as 100.00, never +100.0
    totals = list(sheet.iter_rows(min_row=sheet.max_row, values_only=True))[0]
    assert totals[0] == "合计"
    assert totals[column(workbook, "项目明细", "年度目标")] is None  # not the campaign's 860000
    plan = column(workbook, "项目明细", "年度计划（万元）")
    assert isinstance(totals[plan], int | float)
    assert sheet.cell(sheet.max_row, plan + 1).number_format == "#,##0.00"
