"""The district's own register through the browser: upload → preview → change a mapping →
confirm; a large one read with a progress bar; and a reporter's weekly sheet round trip."""

import io

import openpyxl
import pytest
from playwright.sync_api import expect

from projects.models import Project, WeeklyReport
from tests.workbooks.builders import district_register, save
from tests.workbooks.conftest import upload
from workbooks import services
from workbooks.models import ImportRun, ImportStatus

from .conftest import login, no_horizontal_scroll, screenshot

pytestmark = pytest.mark.browser


def register_with_unknown_plan_column(year: int):
    """The district's shape, but its plan column is headed 年度投资任务 (no known synonym)."""
    workbook = district_register()
    sheet = workbook.active
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith("2026"):
                cell.value = cell.value.replace("2026", str(year))
    sheet["F3"] = f"{year}年投资任务"
    sheet["F4"] = "年度投资任务"
    return workbook


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_upload_preview_change_a_mapping_and_confirm(
    page, live_server, supervisor, campaign, tmp_path, media
):
    path = tmp_path / "寒亭区重点项目台账.xlsx"
    path.write_bytes(save(register_with_unknown_plan_column(campaign.year)).getvalue())

    login(page, live_server, supervisor.username)
    page.goto(f"{live_server.url}/register/")
    screenshot(page, "import-1-register-desk")
    page.set_input_files("#id_workbook", str(path))
    page.locator("main form button[type=submit]").first.click()

    expect(page.locator("h1")).to_have_text("寒亭区重点项目台账.xlsx")
    expect(page.locator(".errorbox")).to_contain_text("没有对应「年度计划投资」的列")
    expect(page.get_by_text("确认导入")).to_have_count(0)
    screenshot(page, "import-2-preview-problem-desk")

    mapping = page.locator("details", has_text="各列的对应关系")
    expect(mapping).to_have_attribute("open", "")
    page.select_option("#id_col_F", label="年度计划投资")
    page.select_option("#id_col_G", label="一季度计划")
    page.select_option("#id_profile", value="ramp")
    page.get_by_role("button", name="重新读取").click()

    expect(page.locator(".msg-success")).to_contain_text("已按新的对应关系重新读取")
    confirm = page.get_by_role("button", name="确认导入：新增3个、变更0个项目")
    expect(confirm).to_be_visible()
    expect(page.locator(".warn")).to_contain_text("月度计划由季度计划分到各月")
    expect(page.locator("table.preview")).to_contain_text(f"{campaign.year}-1-001")
    expect(page.locator("main")).to_contain_text("相差")  # the sheet's own 合计 skips text figures
    screenshot(page, "import-3-preview-mapped-desk")
    page.locator("summary", has_text="各列的对应关系").click()
    page.fill("#id_name", "区发改局台账格式")
    page.get_by_role("button", name="保存为本区导入模板").click()
    expect(page.locator(".msg-success")).to_contain_text("区发改局台账格式")
    assert not Project.objects.exists()

    page.get_by_role("button", name="确认导入：新增3个、变更0个项目").click()
    expect(page.locator(".msg-success")).to_contain_text("新增项目3个")
    expect(page.locator("table")).to_contain_text("寒亭区重点项目台账.xlsx")
    expect(page.get_by_role("button", name="撤销最近一次导入")).to_be_visible()
    screenshot(page, "import-4-confirmed-desk")
    page.get_by_role("link", name="年度目标").click()
    expect(page.locator("table")).to_contain_text("OLED盖板玻璃项目")
    page.locator("tr", has_text="5G新材料").locator("input[name=pk]").check()
    page.select_option("#id_target", value="production")
    page.get_by_role("button", name="设置").click()
    expect(page.locator(".msg-success")).to_contain_text("已为1个项目设置年度目标")
    screenshot(page, "import-4b-targets-desk")
    assert Project.objects.filter(campaign=campaign).count() == 3
    assert ImportRun.objects.get().status == ImportStatus.CONFIRMED


def test_the_preview_on_a_phone_and_the_errors_by_row_and_column(
    phone_page, live_server, supervisor, campaign, tmp_path, media
):
    rows = [
        [
            1,
            "OLED盖板玻璃项目",
            "2025-2027",
            "生产线8条",
            "52,000.50",
            "1.2亿",
            None,
            "年底投产",
            "区工信局",
            "张三（副区长）",
            None,
        ],
        [2, "坏项目", "明年", "", "很多", "60", None, "", "区工信局", "张三(副区长)", None],
    ]
    path = tmp_path / "台账.xlsx"
    path.write_bytes(
        save(district_register((("一、产业类项目（2个）", rows),), total_formulas=False)).getvalue()
    )
    login(phone_page, live_server, supervisor.username)
    phone_page.goto(f"{live_server.url}/register/")
    phone_page.set_input_files("#id_workbook", str(path))
    phone_page.locator("main form button[type=submit]").first.click()

    expect(phone_page.locator("table.preview")).to_contain_text(
        "第7行 C列（建设起止年限）：不是起止年限"
    )
    expect(phone_page.locator("table.preview")).to_contain_text(
        "第7行 E列（总投资）：不是数字：很多"
    )
    expect(phone_page.locator("main")).to_contain_text("请先改正错误")
    assert no_horizontal_scroll(phone_page)
    screenshot(phone_page, "import-5-preview-errors-phone")
    phone_page.locator("table.preview").scroll_into_view_if_needed()
    screenshot(phone_page, "import-5b-preview-rows-phone", full_page=False)
    phone_page.goto(phone_page.url + "?status=error")
    expect(phone_page.locator("table.preview tbody tr")).to_have_count(1)


def test_a_large_register_shows_its_progress_then_the_preview(
    page, live_server, supervisor, campaign, monkeypatch, media, settings
):
    settings.WORKBOOK_INLINE_ROWS = 10
    queued = []
    monkeypatch.setattr(services, "_queue", queued.append)  # the worker: this test, below
    run = services.import_start(
        campaign=campaign,
        user=supervisor,
        upload=upload(save(district_register())),
    )
    assert queued == [run.pk] and run.status == ImportStatus.QUEUED
    ImportRun.objects.filter(pk=run.pk).update(status=ImportStatus.PARSING, progress=40)

    login(page, live_server, supervisor.username)
    page.goto(f"{live_server.url}/register/imports/{run.pk}/")
    expect(page.locator("progress")).to_have_attribute("value", "40")
    screenshot(page, "import-6-progress-desk")
    services.import_read(run_id=run.pk)  # what the worker does

    # The page moved to the preview by itself.
    expect(page.locator(".import-counts")).to_be_visible()
    expect(page.locator("h1")).to_have_text("台账.xlsx")
    page.reload()
    expect(page.locator(".import-count.t-new strong")).to_have_text("3")


def test_a_reporter_fills_the_weekly_sheet(
    page, live_server, reporter, project, campaign, week_label, tmp_path, media
):
    other = Project.objects.create(
        campaign=campaign,
        code="HT9001",
        name="算力中心",
        category=project.category,
        unit=project.unit,
        leader=project.leader,
        target=project.target,
        total_investment=1000,
    )
    login(page, live_server, reporter.username)
    page.get_by_role("link", name="用一张Excel表填报全部项目").click()
    expect(page.locator("h1")).to_contain_text(week_label)
    with page.expect_download() as download:
        page.get_by_role("link", name=f"下载{week_label}填报表").click()
    sheet_path = tmp_path / "sheet.xlsx"
    download.value.save_as(sheet_path)
    workbook = openpyxl.load_workbook(sheet_path)
    sheet = workbook.active
    rows = {sheet.cell(r, 1).value: r for r in range(4, sheet.max_row + 1)}
    sheet.cell(rows[project.code], 4, "１２３４．５")
    sheet.cell(rows[project.code], 7, "完成主体结构三层")
    sheet.cell(rows[other.code], 4, "很多")
    sheet.cell(rows[other.code], 7, "机房装修")
    stream = io.BytesIO()
    workbook.save(stream)
    sheet_path.write_bytes(stream.getvalue())

    page.set_input_files("#id_workbook", str(sheet_path))
    page.check("input[name=submit][value='0']")
    page.get_by_role("button", name="上传").click()

    expect(page.locator(".msg-warning, .msg")).to_contain_text("已保存1行，1行有错误")
    expect(page.locator("main table")).to_contain_text(
        f"第{rows[other.code]}行 D列（本年累计完成投资（万元））"
    )
    screenshot(page, "import-7-weekly-sheet-desk")
    report = WeeklyReport.objects.get(project=project)
    assert (report.status, str(report.ytd_investment)) == ("draft", "1234.50")
    assert not WeeklyReport.objects.filter(project=other).exists()
