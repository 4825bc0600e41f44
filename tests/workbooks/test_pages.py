"""The import pages: upload, preview (errors by row and column), mapping, template, confirm,
undo, the blank template; scoped to the supervisor's region; hostile parameters answered."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.choices import Role
from projects.models import Project
from tests.factories import CampaignFactory, RegionFactory, UserFactory
from workbooks.models import ImportMapping, ImportRun, ImportStatus

from .builders import INDUSTRY, district_register, save


def post_workbook(client, workbook, **data):
    upload = SimpleUploadedFile("台账.xlsx", save(workbook).getvalue())
    return client.post("/register/", {"workbook": upload, **data})


@pytest.fixture
def keeper(client, supervisor, campaign, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(supervisor)
    return client


def test_upload_preview_and_confirm(keeper, campaign):
    response = post_workbook(keeper, district_register())
    run = ImportRun.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/register/imports/{run.pk}/"

    html = keeper.get(f"/register/imports/{run.pk}/").content.decode()
    for text in (
        "「重点项目」",
        "OLED盖板玻璃项目",
        "2026-1-001",
        "项目类别取自所在分组标题",
        "张三（副区长）",
    ):
        assert text in html, text
    assert "23000.00" in html and "12000.00" in html  # the imported sum and the sheet's 合计
    assert not Project.objects.exists()

    response = keeper.post(f"/register/imports/{run.pk}/confirm/")
    assert response.status_code == 302
    assert Project.objects.filter(campaign=campaign).count() == 3
    run.refresh_from_db()
    assert run.status == ImportStatus.CONFIRMED
    page = keeper.get("/register/").content.decode()
    assert "台账.xlsx" in page and f"/register/imports/{run.pk}/undo/" in page


def test_errors_show_their_row_and_column(keeper):
    rows = [[1, "坏项目", "2026", "", "很多", "60", None, "", "区工信局", "王五", None]]
    post_workbook(keeper, district_register((("一、产业类项目", rows),), total_formulas=False))
    run = ImportRun.objects.get()

    html = keeper.get(f"/register/imports/{run.pk}/").content.decode()

    assert "第6行 E列（总投资）：不是数字：很多" in html
    response = keeper.post(f"/register/imports/{run.pk}/confirm/")
    assert response.status_code == 302 and not Project.objects.exists()


def test_a_refused_file_shows_the_reason_on_the_register_page(keeper):
    upload = SimpleUploadedFile("台账.xlsx", b"PK\x03\x04 not really")
    html = keeper.post("/register/", {"workbook": upload}).content.decode()
    assert "文件不是有效的Excel工作簿（.xlsx或.xls）" in html
    assert not ImportRun.objects.exists()


def test_mapping_changed_and_saved_as_template(keeper, campaign):
    workbook = openpyxl.Workbook()
    workbook.active.append(
        ["序号", "项目名称", "总投资", "年度投资任务", "牵头单位", "区级包靠领导"]
    )
    workbook.active.append([1, "种业研发集群", 20000, 5000, "区农业农村局", "孙七"])
    post_workbook(keeper, workbook)
    run = ImportRun.objects.get()
    assert (
        "没有对应「年度计划投资」的列"
        in keeper.get(f"/register/imports/{run.pk}/").content.decode()
    )

    data = {
        f"col_{letter}": field
        for letter, field in zip(
            "ABCDEF", ["seq", "name", "total", "annual", "unit", "leader"], strict=True
        )
    }
    data |= {"profile": "even", "category": "livelihood", "target": "later"}
    keeper.post(f"/register/imports/{run.pk}/mapping/", data)
    run.refresh_from_db()
    assert run.preview["can_confirm"] and run.mapping["D"] == "annual"
    keeper.post(f"/register/imports/{run.pk}/template/", {"name": "农业局格式"})
    assert ImportMapping.objects.get(region=campaign.region).columns["年度投资任务"] == "annual"
    keeper.post(f"/register/imports/{run.pk}/confirm/")
    project = Project.objects.get()
    assert (project.category, project.annual_plan) == ("livelihood", 5000)


def test_hostile_parameters_are_answered_without_a_server_error(keeper):
    post_workbook(keeper, district_register())
    run = ImportRun.objects.get()
    for query in (
        "?year=abc",
        "?year=-1",
        "?year=%00",
        "?year=" + "9" * 40,
        "?page=-1",
        "?page=abc",
    ):
        assert keeper.get(f"/register/{query}").status_code in (200, 404), query
    for query in ("?status=%00", "?status=error", "?page=-1", "?page=99999", "?sort=%00"):
        assert keeper.get(f"/register/imports/{run.pk}/{query}").status_code in (200, 404), query
    assert keeper.get(f"/register/imports/{run.pk}/progress.json").json()["status"] == "ready"
    bad = keeper.post(
        f"/register/imports/{run.pk}/mapping/", {"header_row": "abc", "col_A": "nonsense"}
    )
    assert bad.status_code == 302
    # Everything mapped to 「不导入」: the preview says what is missing and confirm refuses.
    options = {"profile": "even", "category": "industry", "target": "goal"}
    keeper.post(f"/register/imports/{run.pk}/mapping/", options)
    run.refresh_from_db()
    assert not run.preview["can_confirm"] and "没有对应「项目名称」的列" in run.preview["problems"]
    assert keeper.post(f"/register/imports/{run.pk}/confirm/").status_code == 302
    assert not Project.objects.exists()


def test_other_regions_and_other_roles_are_kept_out(client, keeper, campaign, reporter):
    post_workbook(keeper, district_register())
    run = ImportRun.objects.get()
    other_region = RegionFactory(code="weicheng", name="潍城区")
    CampaignFactory(region=other_region, year=2026)
    stranger = UserFactory(
        username="other-supervisor", role=Role.SUPERVISOR, region=other_region, unit=None
    )
    client.force_login(stranger)
    for url in ("", "progress.json", "file/"):
        assert client.get(f"/register/imports/{run.pk}/{url}").status_code == 404
    assert client.post(f"/register/imports/{run.pk}/confirm/").status_code == 404
    client.force_login(reporter)
    assert client.get("/register/").status_code == 403
    assert client.get(f"/register/imports/{run.pk}/").status_code == 403
    assert not Project.objects.exists()


def test_the_blank_template_downloads_with_instructions(keeper):
    response = keeper.get("/register/template.xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))

    assert workbook.sheetnames == ["项目清单", "节点计划", "填表说明"]
    sheet = workbook["项目清单"]
    assert sheet["A1"].value == "2026年重点项目清单" and sheet["A2"].value == "单位：万元"
    assert sheet["B3"].value == "项目名称"
    assert {dv.formula1 for dv in sheet.data_validations.dataValidation} >= {
        '"产业类,基础设施类,社会民生类"'
    }
    guide = [row[0].value for row in workbook["填表说明"].iter_rows()]
    assert "包靠领导" in guide


def test_the_blank_template_filled_in_imports(keeper, campaign):
    response = keeper.get("/register/template.xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook["项目清单"]
    row = [
        None,
        "新建学校",
        "社会民生类",
        "区教体局",
        "周八（副区长）",
        None,
        "加快建设",
        "前期",
        9000,
        3000,
    ]
    for column, value in enumerate(row, start=1):
        sheet.cell(4, column, value)

    post_workbook(keeper, workbook)
    run = ImportRun.objects.get()
    keeper.post(f"/register/imports/{run.pk}/confirm/")

    project = Project.objects.get()
    assert (project.code, project.leader.name, project.leader.title) == (
        "2026-001",
        "周八",
        "副区长",
    )
    assert project.monthly_plans.count() == 12


def test_undo_from_the_page(keeper, campaign):
    post_workbook(keeper, district_register((("一、产业类项目（2个）", INDUSTRY),)))
    run = ImportRun.objects.get()
    keeper.post(f"/register/imports/{run.pk}/confirm/")
    assert Project.objects.count() == 2

    response = keeper.post(f"/register/imports/{run.pk}/undo/")

    assert response.status_code == 302 and not Project.objects.exists()
    run.refresh_from_db()
    assert run.status == ImportStatus.UNDONE


def test_targets_set_in_bulk_after_an_import_without_a_target_column(keeper, campaign, supervisor):
    post_workbook(keeper, district_register())
    run = ImportRun.objects.get()
    mapping = {f"col_{c['letter']}": c["field"] for c in run.parsed["layout_columns"]}
    options = {"profile": "even", "category": "industry", "target": "later"}
    keeper.post(f"/register/imports/{run.pk}/mapping/", mapping | options)
    keeper.post(f"/register/imports/{run.pk}/confirm/")
    assert set(Project.objects.values_list("target", flat=True)) == {"accelerate"}
    chosen = list(Project.objects.filter(name__startswith="OLED").values_list("pk", flat=True))

    page = keeper.get("/register/targets/?target=%00&page=-1")
    assert page.status_code in (200, 404)
    keeper.post("/register/targets/", {"pk": [*map(str, chosen), "abc"], "target": "production"})

    assert list(Project.objects.filter(target="production").values_list("pk", flat=True)) == chosen
    record = Project.history.filter(id=chosen[0]).order_by("-history_date").first()
    assert (record.history_change_reason, record.history_user) == ("批量设置年度目标", supervisor)
    html = keeper.get("/register/targets/?target=production").content.decode()
    assert "（1）" in html and "（2）" in html  # the count of each target on its tab
    assert "OLED盖板玻璃项目" in html and "5G新材料" not in html
