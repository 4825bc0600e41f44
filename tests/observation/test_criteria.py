"""Observation rounds with criteria (观摩评分表): the criteria and their points are part of the
round, each is scored on the phone sheet, the inspectors' sheets are combined by one rule (for
the round page, the assessment item and the reports), and the half-year report is filled."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from accounts.choices import Role
from observation.models import CriterionScore, ObservationScore
from observation.rules import Sheet, across_rounds, combine, counted, criteria_errors
from observation.selectors import averages
from observation.services import criteria_set, round_create, round_set_status, sheet_save
from reports import periods
from reports.services import report_build
from scoring.services import score_campaign_week
from tests.factories import LeaderFactory, ProjectFactory, UserFactory
from tests.reports.conftest import pdf_text
from tests.scoring.factories import W47, make_project

pytestmark = pytest.mark.django_db
HELD = dt.date(2026, 11, 18)


# The rules, pure.


def test_the_criteria_must_make_100_points_with_distinct_names():
    assert criteria_errors([("建设进度", D(60)), ("投资强度", D(40))]) == []
    assert criteria_errors([("建设进度", D(60)), ("投资强度", D(30))]) == [
        "各项分值合计应为100分，现为90分。"
    ]
    assert "评分内容的名称不能重复。" in criteria_errors([("进度", D(50)), ("进度", D(50))])
    assert criteria_errors([]) == ["至少设置一项评分内容。"]


def test_five_sheets_or_more_leave_out_the_highest_and_the_lowest():
    assert counted([D(40), D(80), D(80), D(80), D(100)], drop_extremes=True) == [1, 2, 3]
    assert counted([D(40), D(80), D(80), D(100)], drop_extremes=True) == [0, 1, 2, 3]
    assert counted([D(40), D(80), D(80), D(80), D(100)], drop_extremes=False) == [0, 1, 2, 3, 4]
    sheets = [
        Sheet(D(40), {"进度": D(20), "管理": D(20)}),
        Sheet(D(80), {"进度": D(50), "管理": D(30)}),
        Sheet(D(82), {"进度": D(50), "管理": D(32)}),
        Sheet(D(78), {"进度": D(48), "管理": D(30)}),
        Sheet(D(100), {"进度": D(60), "管理": D(40)}),
    ]
    result = combine(sheets, drop_extremes=True)
    assert (result.score, result.sheets, result.counted) == (D("80.00"), 5, 3)
    assert result.criteria == {"进度": D("49.33"), "管理": D("30.67")}  # the same three sheets
    assert combine(sheets, drop_extremes=False).score == D("76.00")
    assert combine([], drop_extremes=True) is None
    both = across_rounds([result, combine(sheets[:2], drop_extremes=True)])
    assert both.score == D("70.00") and both.criteria["进度"] == D("42.17")


# Writes.


@pytest.fixture
def inspectors(region):
    people = [UserFactory(username="sup-o", role=Role.SUPERVISOR, region=region, unit=None)]
    for n in range(4):
        person = LeaderFactory(region=region, name=f"观摩领导{n}")
        people.append(
            UserFactory(
                username=f"leader-o{n}", role=Role.LEADER, region=region, unit=None, leader=person
            )
        )
    return people


@pytest.fixture
def round_(campaign, inspectors):
    return round_create(campaign=campaign, name="下半年观摩", held_on=HELD, user=inspectors[0])


def marks_for(round_, *points):
    return {c.pk: D(p) for c, p in zip(round_.criteria.all(), points, strict=True)}


def test_a_new_round_has_the_districts_five_criteria(round_):
    criteria = [(c.name, c.points) for c in round_.criteria.all()]
    assert criteria == [
        ("建设进度", D(30)),
        ("投资强度", D(25)),
        ("科技含量", D(15)),
        ("带动效应", D(15)),
        ("现场管理", D(15)),
    ]


def test_a_sheet_scores_every_criterion_within_its_points(round_, project, inspectors):
    supervisor = inspectors[0]
    with pytest.raises(ValidationError) as caught:
        sheet_save(
            round_=round_,
            project=project,
            inspector=supervisor,
            marks=marks_for(round_, 31, 20, 10, 10, 10),
            commentary="",
        )
    assert "应在0至30分之间" in str(caught.value)
    missing = marks_for(round_, 28, 20, 10, 10, 10)
    missing.pop(next(iter(missing)))
    with pytest.raises(ValidationError):
        sheet_save(
            round_=round_, project=project, inspector=supervisor, marks=missing, commentary=""
        )
    sheet = sheet_save(
        round_=round_,
        project=project,
        inspector=supervisor,
        marks=marks_for(round_, "27.5", 22, 12, 13, 14),
        commentary="现场有序",
    )
    assert sheet.score == D("88.50")
    again = sheet_save(
        round_=round_,
        project=project,
        inspector=supervisor,
        marks=marks_for(round_, 25, 22, 12, 13, 14),
        commentary="复核",
    )
    assert again.pk == sheet.pk and again.score == D("86.00")
    assert CriterionScore.objects.filter(sheet=sheet).count() == 5
    assert sheet.history.count() == 2  # the correction is kept
    with pytest.raises(ValidationError, match="不能再修改"):
        criteria_set(round_=round_, criteria=[("建设进度", D(100), "")])


def test_the_criteria_change_only_before_the_first_sheet(round_):
    with pytest.raises(ValidationError):
        criteria_set(round_=round_, criteria=[("建设进度", D(70), ""), ("现场管理", D(20), "")])
    criteria_set(round_=round_, criteria=[("建设进度", D(70), "看进度"), ("现场管理", D(30), "")])
    assert [(c.name, c.points) for c in round_.criteria.all()] == [
        ("建设进度", D(70)),
        ("现场管理", D(30)),
    ]


def proportional(round_, total) -> dict:
    """A sheet of ``total`` points spread over the criteria by their worth."""
    criteria = list(round_.criteria.all())
    marks = {c.pk: (D(total) * c.points / 100).quantize(D("0.01")) for c in criteria[:-1]}
    marks[criteria[-1].pk] = D(total) - sum(marks.values())
    return marks


def five_sheets(round_, project, inspectors, totals):
    for inspector, total in zip(inspectors, totals, strict=True):
        sheet_save(
            round_=round_,
            project=project,
            inspector=inspector,
            marks=proportional(round_, total),
            commentary=f"评语{total}",
        )


def test_the_assessment_item_reads_the_combined_sheets(campaign, unit, leader, inspectors, round_):
    project = make_project(campaign, unit, leader, "good")
    five_sheets(round_, project, inspectors, (40, 80, 80, 80, 100))
    round_set_status(round_=round_, status="closed")
    item = score_campaign_week(campaign=campaign, week=W47)[0].result.item("assessment")
    assert item.inputs["assessment"] == "8.00"  # (80 + 80 + 80) / 3 ÷ 10, not the plain 76
    assert averages([round_.pk])[project.pk] == (D("80.00"), 5)


# Pages.


def test_the_supervisor_sets_the_criteria_on_the_round_page(client, round_, inspectors):
    client.force_login(inspectors[0])
    url = reverse("observation:round_criteria", args=[round_.pk])
    form = {"criteria-TOTAL_FORMS": "8", "criteria-INITIAL_FORMS": "0"}
    rows = {
        "criteria-0-name": "建设进度", "criteria-0-points": "50",
        "criteria-1-name": "现场管理", "criteria-1-points": "40",
    }  # fmt: skip
    wrong = client.post(url, form | rows)
    assert (
        wrong.status_code == 400 and "各项分值合计应为100分，现为90分。" in wrong.content.decode()
    )
    rows["criteria-1-points"] = "50"
    assert client.post(url, form | rows).status_code == 302
    assert [c.name for c in round_.criteria.all()] == ["建设进度", "现场管理"]
    page = client.get(round_.get_absolute_url()).content.decode()
    assert "建设进度" in page and 'name="criteria-0-points"' in page
    for hostile in ({"criteria-TOTAL_FORMS": "abc"}, {"criteria-TOTAL_FORMS": "99999"}):
        assert client.post(url, hostile).status_code in (400, 200)


def test_the_phone_sheet_has_a_box_per_criterion(client, round_, project, inspectors):
    client.force_login(inspectors[0])
    url = reverse("observation:sheet", args=[round_.pk, project.pk])
    page = client.get(url).content.decode()
    assert page.count("data-mark") == 5 and 'max="30.00"' in page and "js/sheet-total.js" in page
    ids = [c.pk for c in round_.criteria.all()]
    data = {f"c{pk}": v for pk, v in zip(ids, ("40", "20", "10", "10", "10"), strict=True)}
    refused = client.post(url, data | {"commentary": ""})
    assert refused.status_code == 200 and "30" in refused.content.decode()
    assert not ObservationScore.objects.exists()
    data[f"c{ids[0]}"] = "26.5"
    assert client.post(url, data | {"commentary": "现场整洁"}).status_code == 302
    assert ObservationScore.objects.get().score == D("76.50")
    row = client.get(round_.get_absolute_url()).context["rows"][0]
    assert row["average"] == D("76.50") and row["criteria"]["建设进度"] == D("26.50")


# The half-year report.


def test_the_half_year_report_is_filled_criterion_by_criterion(
    campaign, unit, leader, inspectors, round_, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    first = make_project(campaign, unit, leader, "good", name="OLED盖板项目")
    second = ProjectFactory(campaign=campaign, unit=unit, leader=leader, name="种业研发集群")
    five_sheets(round_, first, inspectors, (90, 88, 92, 91, 60))
    five_sheets(round_, second, inspectors, (70, 72, 68, 71, 69))
    round_set_status(round_=round_, status="closed")
    score_campaign_week(campaign=campaign, week=W47)
    report = report_build(campaign=campaign, period=periods.parse("halfyear", "2026-H2"))
    snap = report.snapshot
    assert [c["name"] for c in snap["criteria"]][:2] == ["建设进度", "投资强度"]
    best = snap["observed"][0]
    assert (best["name"], best["observed"], best["inspectors"]) == ("OLED盖板项目", "89.67", 5)
    assert len(best["marks"]) == 5 and best["comments"]
    text = pdf_text(report.pdf.path)
    assert "建设进度30分" in text and "89.67" in text and "去掉一个最高分和一个最低分" in text
    workbook = load_workbook(report.xlsx.path)
    header = [c.value for c in workbook["观摩得分"][2]]
    assert "建设进度（30分）" in header and "现场管理（15分）" in header
    column = header.index("建设进度（30分）")
    values = [row[column] for row in workbook["观摩得分"].iter_rows(min_row=3, values_only=True)]
    assert all(isinstance(v, int | float) for v in values if v is not None)
