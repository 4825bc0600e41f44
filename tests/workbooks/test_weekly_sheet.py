"""The weekly sheet round trip: download this week's sheet, fill it in, upload it. Each row is
checked as the weekly form checks it; a bad row saves nothing and does not block the others."""

import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from projects.choices import ReportStatus, Stage
from projects.models import WeeklyReport
from projects.weeks import SHANGHAI
from tests.factories import ProjectFactory, WeeklyReportFactory

WEEK = dt.date(2026, 11, 16)  # 2026-W47
NOW = dt.datetime(2026, 11, 20, 10, 0, tzinfo=SHANGHAI)
pytestmark = pytest.mark.usefixtures("_frozen")


@pytest.fixture
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def unit_projects(campaign, unit, leader, other_unit):
    made = [
        ProjectFactory(campaign=campaign, unit=unit, leader=leader, code=f"HT00{n}", name=name)
        for n, name in enumerate(["OLED盖板项目", "算力中心", "种业研发集群"], start=1)
    ]
    ProjectFactory(
        campaign=campaign, unit=other_unit, leader=leader, code="HT009", name="别人的项目"
    )
    WeeklyReportFactory(
        project=made[0], week=WEEK - dt.timedelta(days=7), ytd_investment=Decimal("8000")
    )
    WeeklyReportFactory(
        project=made[1], week=WEEK - dt.timedelta(days=7), ytd_investment=Decimal("500")
    )
    return made


def download(client, week="2026-W47"):
    response = client.get(f"/week/sheet.xlsx?week={week}")
    assert response.status_code == 200
    return openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def upload(client, workbook, submit=True):
    stream = io.BytesIO()
    workbook.save(stream)
    return client.post(
        "/week/sheet/",
        {
            "workbook": SimpleUploadedFile("本周.xlsx", stream.getvalue()),
            "submit": "1" if submit else "0",
        },
    )


def rows_by_code(sheet) -> dict:
    return {sheet.cell(r, 1).value: r for r in range(4, sheet.max_row + 1)}


def test_the_sheet_lists_the_units_projects_with_last_weeks_figures(
    client, reporter, unit_projects
):
    client.force_login(reporter)
    sheet = download(client).active

    assert sheet.title == "本周周报"
    assert "2026-W47" in sheet["A1"].value and "2026-W47" in sheet["A2"].value
    assert [c.value for c in sheet[3]][:4] == [
        "项目编号",
        "项目名称",
        "上周累计完成（万元）",
        "本年累计完成投资（万元）",
    ]
    rows = rows_by_code(sheet)
    assert sorted(rows) == ["HT001", "HT002", "HT003"]  # not the other unit's project
    oled = [c.value for c in sheet[rows["HT001"]]]
    assert oled[:6] == ["HT001", "OLED盖板项目", 8000, 8000, "单位填报", "建设"]
    assert oled[-1] == "未填"
    assert [c.value for c in sheet[rows["HT003"]]][2:4] == [None, None]
    assert sheet.data_validations.dataValidation  # drop-downs for the stage and the source


def test_round_trip_a_bad_row_does_not_block_the_good_ones(client, reporter, unit_projects):
    client.force_login(reporter)
    workbook = download(client)
    sheet = workbook.active
    rows = rows_by_code(sheet)
    oled, compute, seeds = rows["HT001"], rows["HT002"], rows["HT003"]
    sheet.cell(oled, 4, "９，２００．５")  # full-width, as typed on a phone keyboard
    sheet.cell(oled, 6, "建设")
    sheet.cell(oled, 7, "主体结构施工到五层")
    sheet.cell(compute, 4, 300)  # lower than last week's 500 and no correction note
    sheet.cell(compute, 7, "机房装修")
    sheet.cell(seeds, 4, "很多")
    sheet.cell(seeds, 7, "完成土地平整")

    response = upload(client, workbook, submit=True)

    html = response.content.decode()
    assert response.status_code == 200
    saved = WeeklyReport.objects.get(project=unit_projects[0], week=WEEK)
    assert (saved.status, saved.ytd_investment, saved.progress) == (
        ReportStatus.SUBMITTED,
        Decimal("9200.50"),
        "主体结构施工到五层",
    )
    assert saved.submitted_by == reporter
    assert not WeeklyReport.objects.filter(project__in=unit_projects[1:], week=WEEK).exists()
    assert f"第{compute}行 J列（核减说明（累计数低于上周时必填））" in html
    assert "低于" in html or "lower" in html
    assert f"第{seeds}行 D列（本年累计完成投资（万元））" in html


def test_drafts_are_saved_then_shown_in_the_next_download_and_finished_later(
    client, reporter, unit_projects
):
    client.force_login(reporter)
    workbook = download(client)
    sheet = workbook.active
    row = rows_by_code(sheet)["HT003"]
    sheet.cell(row, 4, 120)
    sheet.cell(row, 6, "开工")
    sheet.cell(row, 7, "完成土地平整")
    upload(client, workbook, submit=False)
    draft = WeeklyReport.objects.get(project=unit_projects[2], week=WEEK)
    assert (draft.status, draft.stage, draft.ytd_investment) == (
        ReportStatus.DRAFT,
        Stage.STARTED,
        120,
    )

    again = download(client)
    row = rows_by_code(again.active)["HT003"]
    assert [c.value for c in again.active[row]][3:7] == [120, "单位填报", "开工", "完成土地平整"]
    assert again.active.cell(row, 11).value == "草稿"
    again.active.cell(row, 7, "完成土地平整，打桩开始")
    upload(client, again, submit=True)
    draft.refresh_from_db()
    assert (draft.status, draft.progress) == (ReportStatus.SUBMITTED, "完成土地平整，打桩开始")
    # Submitted is final: the next sheet says so and leaves it alone.
    third = download(client)
    row = rows_by_code(third.active)["HT003"]
    third.active.cell(row, 7, "改写")
    response = upload(client, third)
    assert "本周报告已提交，未改动" in response.content.decode()
    draft.refresh_from_db()
    assert draft.progress == "完成土地平整，打桩开始"


def test_a_row_of_another_units_project_is_refused(client, reporter, unit_projects):
    client.force_login(reporter)
    workbook = download(client)
    workbook.active.append(["HT009", "别人的项目", None, 100, "单位填报", "建设", "冒充"])

    html = upload(client, workbook).content.decode()

    assert "第7行 A列（项目编号）：不是你可以填报的项目：HT009" in html
    assert not WeeklyReport.objects.filter(project__code="HT009").exists()


def test_a_sheet_without_its_week_is_refused(client, reporter, unit_projects):
    client.force_login(reporter)
    workbook = download(client)
    workbook.active["A1"], workbook.active["A2"] = "周报", "随便"

    html = upload(client, workbook).content.decode()

    assert "表格顶部找不到填报周" in html
    assert not WeeklyReport.objects.filter(week=WEEK).exists()


def test_only_reporters_use_the_sheet_and_a_bad_week_is_said(
    client, supervisor, reporter, unit_projects
):
    client.force_login(supervisor)
    assert client.get("/week/sheet.xlsx").status_code == 403
    client.force_login(reporter)
    for week in ("abc", "2026-W99", "%00", "9" * 40):
        response = client.get(f"/week/sheet/?week={week}")
        assert response.status_code == 200
    assert client.get("/week/sheet.xlsx?week=abc").status_code == 200
