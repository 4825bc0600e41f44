"""A district's own register, in the shapes districts keep it, imported through the preview."""

import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from accounts.models import Leader, Unit
from projects.choices import Category, NodeKind, Stage, TargetKind
from projects.models import MonthlyPlan, Project
from tests.factories import LeaderFactory, ProjectFactory, WeeklyReportFactory
from workbooks import services
from workbooks.errors import WorkbookError
from workbooks.models import ImportMapping, ImportRun

from .builders import INDUSTRY, INFRA, as_xls, district_register, save
from .conftest import import_workbook, preview_errors, start

D = Decimal


def plans(project: Project) -> dict[int, Decimal]:
    return dict(project.monthly_plans.values_list("month", "amount"))


def test_the_district_register_is_previewed_as_the_sheet_says(campaign):
    run = start(campaign, save(district_register()))

    parsed, shown = run.parsed, run.preview
    assert (parsed["sheet"], parsed["title"]) == ("重点项目", "2026年全区重点项目清单")
    assert (parsed["header_rows"], parsed["money_unit"], parsed["unit_found"]) == (
        [3, 4],
        "万元",
        True,
    )
    fields = {c["letter"]: (c["label"], c["field"]) for c in parsed["layout_columns"]}
    assert fields["A"] == ("序号", "seq")
    assert fields["C"] == ("建设起止年限", "period")
    assert fields["F"] == ("2026年计划投资/全年", "annual")
    assert fields["G"] == ("2026年计划投资/其中：一季度", "q1")
    assert fields["H"] == ("年度建设目标", "annual_goal")
    assert fields["J"] == ("包靠领导", "leader")
    assert [(s["row"], s["kind"]) for s in parsed["skipped"]] == [
        (1, "title"),
        (2, "unit"),
        (3, "header"),
        (4, "header"),
        (5, "group"),
        (8, "subtotal"),
        (9, "blank"),
        (10, "group"),
        (12, "subtotal"),
        (13, "blank"),
        (14, "total"),
        (15, "note"),
    ]
    assert shown["counts"] == {"new": 3, "changed": 0, "unchanged": 0, "error": 0}
    assert [(r["row"], r["code"], r["name"]) for r in shown["rows"]] == [
        (6, "2026-1-001", "OLED盖板玻璃项目"),
        (7, "2026-1-002", "5G新材料及大数据产业园"),
        (11, "2026-2-001", "中央商务区基础设施"),
    ]
    assert shown["annual_total"] == "23000.00"
    # The workbook's own 合计 is a formula: like Excel, its SUM skips the figures typed as text.
    annual = next(check for check in shown["totals"] if check["label"] == "年度计划投资")
    assert (annual["status"], annual["sheet"], annual["difference"]) == (
        "differs",
        "12000.00",
        "11000.00",
    )
    rules = "\n".join(shown["rules"])
    assert "新项目的编号由年度和序号生成" in rules
    assert "项目类别取自所在分组标题" in rules and "当前阶段按开工年份推定" in rules
    assert "月度计划由季度计划分到各月" in rules
    assert shown["new_leaders"] == ["张三（副区长）", "李四（区委常委、副区长）"]
    assert shown["can_confirm"]
    assert not Project.objects.exists()  # nothing before confirmation


def test_confirming_the_district_register_writes_projects_plans_and_people(campaign, supervisor):
    run = import_workbook(campaign, save(district_register()), user=supervisor)

    assert (run.created, run.updated, run.unchanged) == (3, 0, 0)
    oled = Project.objects.get(campaign=campaign, code="2026-1-001")
    assert (oled.name, oled.category, oled.stage) == (
        "OLED盖板玻璃项目",
        Category.INDUSTRY,
        Stage.CONSTRUCTION,
    )
    assert (oled.total_investment, oled.annual_plan) == (D("52000.50"), D("12000.00"))
    assert (oled.start_year, oled.end_year, oled.target) == (2025, 2027, TargetKind.PRODUCTION)
    assert (oled.description, oled.annual_goal) == ("建设OLED盖板生产线8条", "年底一期投产")
    # 一季度 2,400 spread over its months; the rest of the 12,000 over April to December.
    months = plans(oled)
    assert [months[m] for m in (1, 2, 3)] == [D("800.00")] * 3
    assert sum(months.values()) == D("12000.00") and months[4] == D("1066.66")
    park = Project.objects.get(campaign=campaign, code="2026-1-002")
    assert (park.total_investment, park.annual_plan, park.stage) == (
        D("30000.00"),
        D("8000.00"),
        Stage.PREPARATION,
    )
    assert set(plans(park).values()) <= {D("666.66"), D("666.74")}
    assert park.remarks == "续建" and park.target == TargetKind.ACCELERATE
    road = Project.objects.get(campaign=campaign, code="2026-2-001")
    assert (road.category, road.total_investment, road.annual_plan) == (
        Category.INFRASTRUCTURE,
        D("12000.00"),  # 1.2亿
        D("3000.00"),  # 3000万元
    )
    # "张三（副区长）" and "张三(副区长)" are one person.
    assert list(Leader.objects.values_list("name", "title").order_by("name")) == [
        ("张三", "副区长"),
        ("李四", "区委常委、副区长"),
    ]
    assert oled.leader_id == park.leader_id
    assert set(Unit.objects.values_list("name", flat=True)) == {"区工信局", "区发改局", "区住建局"}
    assert (
        Project.history.filter(history_change_reason="Excel导入", history_user=supervisor).count()
        == 3
    )


def test_a_typed_grand_total_that_matches_is_said_so(campaign):
    workbook = district_register(total_formulas=False, grand_total="23,000")
    run = start(campaign, save(workbook))

    annual = run.preview["totals"][0]
    assert (annual["status"], annual["sheet"], annual["difference"]) == ("ok", "23000.00", "0.00")


def test_a_register_in_yi_yuan_is_converted(campaign):
    rows = [
        [1, "算力中心", "2025-2026", "机房", "5.2", "1.5", None, "投用", "区工信局", "王五", None]
    ]
    workbook = district_register(
        (("一、产业类项目（1个）", rows),), unit="单位：亿元", total_formulas=False, grand_total=1.5
    )
    import_workbook(campaign, save(workbook))

    project = Project.objects.get(campaign=campaign)
    assert (project.total_investment, project.annual_plan) == (D("52000.00"), D("15000.00"))
    assert project.target == TargetKind.PRODUCTION  # "投用"


def test_a_register_in_yuan_and_a_cell_with_its_own_unit(campaign):
    rows = [[1, "道路", "2026", "道路", 80000000, "3000万元", None, "", "区住建局", "王五", None]]
    workbook = district_register((("（一）基础设施", rows),), unit="单位：元", total_formulas=False)
    run = start(campaign, save(workbook))

    assert run.parsed["money_unit"] == "元"
    services.import_confirm(run=run, user=None)
    project = Project.objects.get(campaign=campaign)
    assert (project.total_investment, project.annual_plan) == (D("8000.00"), D("3000.00"))
    assert project.category == Category.INFRASTRUCTURE


def test_a_register_without_a_unit_row_is_taken_as_wan_and_said(campaign):
    run = start(campaign, save(district_register(unit=None)))

    assert (run.parsed["money_unit"], run.parsed["unit_found"]) == ("万元", False)


def test_dates_as_officials_write_them_become_nodes_and_stages(campaign):
    headers = ["序号", "项目名称", "总投资", "年度计划投资", "计划开工时间", "计划投产时间"]
    headers += ["责任单位", "包靠领导"]
    written = ["2026年3月", "3月底", "2026.6", "2026/3/31", 46112, "2025年10月"]
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["2026年重点项目"])
    sheet.append(headers)
    for n, start_date in enumerate(written, start=1):
        sheet.append([n, f"项目{n}", 1000, 120, start_date, "12月底", "区发改局", "赵六"])
    import_workbook(campaign, save(workbook))

    starts = {
        p.name: (
            p.milestones.filter(kind=NodeKind.START).values_list("planned_date", flat=True).first(),
            p.stage,
        )
        for p in Project.objects.filter(campaign=campaign)
    }
    assert starts == {
        "项目1": (dt.date(2026, 3, 31), Stage.PREPARATION),
        "项目2": (dt.date(2026, 3, 31), Stage.PREPARATION),
        "项目3": (dt.date(2026, 6, 30), Stage.PREPARATION),
        "项目4": (dt.date(2026, 3, 31), Stage.PREPARATION),
        "项目5": (dt.date(2026, 3, 31), Stage.PREPARATION),  # Excel serial 46112
        "项目6": (None, Stage.CONSTRUCTION),  # started last year: no node this year
    }
    assert Project.objects.get(name="项目1").milestones.get(
        kind=NodeKind.PRODUCTION
    ).planned_date == dt.date(2026, 12, 31)
    assert Project.objects.get(name="项目1").code == "2026-001"


def test_the_old_xls_format_imports_the_same(campaign):
    workbook = district_register(total_formulas=False, grand_total=23000)
    run = start(campaign, as_xls(workbook), name="台账.xls")

    assert run.parsed["kind"] == "xls"
    assert run.parsed["header_rows"] == [3, 4]
    assert run.preview["totals"][0]["status"] == "ok"
    services.import_confirm(run=run, user=None)
    assert sorted(Project.objects.values_list("code", "annual_plan")) == [
        ("2026-1-001", D("12000.00")),
        ("2026-1-002", D("8000.00")),
        ("2026-2-001", D("3000.00")),
    ]
    assert Leader.objects.count() == 2


def test_leaders_already_known_are_matched_by_name_never_split(campaign):
    known = LeaderFactory(region=campaign.region, name="张三", title="")
    LeaderFactory(region=campaign.region, name="李四（区委常委、副区长）", title="")
    import_workbook(campaign, save(district_register()))

    assert Leader.objects.filter(region=campaign.region).count() == 2
    known.refresh_from_db()
    assert known.title == "副区长"  # the title the sheet gives fills an empty one
    assert set(Project.objects.values_list("leader__name", flat=True)) == {
        "张三",
        "李四（区委常委、副区长）",
    }


def test_a_second_upload_without_codes_matches_by_name(campaign):
    import_workbook(campaign, save(district_register()))
    changed = [row[:] for row in INDUSTRY]
    changed[1][5] = "9000"
    workbook = district_register(
        (("一、产业类项目（2个）", changed), ("二、基础设施类项目（1个）", INFRA))
    )

    run = start(campaign, save(workbook))

    statuses = {r["name"]: (r["status"], r["changes"]) for r in run.preview["rows"]}
    assert statuses["OLED盖板玻璃项目"] == ("unchanged", [])
    status, changes = statuses["5G新材料及大数据产业园"]
    assert status == "changed" and ["年度计划投资", "8,000.00", "9,000.00"] in changes
    assert "按项目名称匹配到已有项目" in "\n".join(run.preview["rules"])
    services.import_confirm(run=run, user=None)
    assert Project.objects.get(name="5G新材料及大数据产业园").annual_plan == D("9000.00")
    assert sum(plans(Project.objects.get(name="5G新材料及大数据产业园")).values()) == D("9000.00")


def test_a_row_without_a_name_and_bad_cells_are_errors_by_row_and_column(campaign):
    rows = [
        [1, "好项目", "2026", "", "100", "50", None, "", "区工信局", "王五", None],
        [2, None, "2026", "", "100", "50", None, "", "区工信局", "王五", None],
        [3, "坏项目", "明年", "", "很多", "60", 70, "", None, "王五", None],
    ]
    run = start(
        campaign, save(district_register((("一、产业类项目", rows),), total_formulas=False))
    )

    assert preview_errors(run) == [
        "第7行 B列（项目名称）：缺少项目名称",
        "第8行 C列（建设起止年限）：不是起止年限（如2025-2027）：明年",
        "第8行 E列（总投资）：不是数字：很多",
        "第8行 I列（责任单位）：不能为空",
        "第8行 F列（2026年计划投资/全年）：季度计划合计 70.00 超过年度计划投资 60.00",
    ]
    assert run.preview["counts"] == {"new": 1, "changed": 0, "unchanged": 0, "error": 2}
    with pytest.raises(WorkbookError):
        services.import_confirm(run=run, user=None)
    assert not Project.objects.exists()


def test_a_heading_whose_count_does_not_match_is_said(campaign):
    workbook = district_register((("一、产业类项目（32个）", INDUSTRY),))
    run = start(campaign, save(workbook))

    assert run.preview["groups"] == [
        {"row": 5, "heading": "一、产业类项目（32个）", "stated": 32, "found": 2}
    ]


def test_the_mapping_changed_saved_as_template_and_reused(campaign, supervisor):
    headers = ["序号", "项目名称", "总投资", "年度投资任务", "牵头单位", "区级包靠领导", "推进措施"]
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(headers)
    sheet.append([1, "种业研发集群", 20000, 5000, "区农业农村局", "孙七", "加快推进"])
    run = start(campaign, save(workbook), user=supervisor)
    assert run.preview["problems"] == ["没有对应「年度计划投资」的列（或1—12月、四个季度的计划）"]

    run = services.import_remap(
        run=run, user=supervisor, mapping={"D": "annual"}, options={"profile": "ramp"}
    )
    assert run.preview["can_confirm"] and run.preview["problems"] == []
    template = services.mapping_save(run=run, user=supervisor, name="农业局格式")
    assert template.columns["年度投资任务"] == "annual" and template.options == {"profile": "ramp"}

    # Next year's sheet has the columns in another order: the template matches by header.
    workbook = openpyxl.Workbook()
    workbook.active.append(
        ["项目名称", "序号", "年度投资任务", "总投资", "牵头单位", "区级包靠领导"]
    )
    workbook.active.append(["种业研发集群", 1, 6000, 20000, "区农业农村局", "孙七"])
    again = start(campaign, save(workbook), user=supervisor, template=template)
    assert again.preview["can_confirm"]
    services.import_confirm(run=again, user=supervisor)
    project = Project.objects.get(campaign=campaign)
    months = plans(project)
    assert project.annual_plan == D("6000.00") and months[1] < months[12]  # 前低后高
    assert ImportMapping.objects.get().name == "农业局格式"


def test_the_command_previews_with_dry_run_and_uses_a_saved_mapping(campaign, tmp_path):
    ImportMapping.objects.create(region=campaign.region, name="区台账", columns={"备注": ""})
    path = tmp_path / "台账.xlsx"
    path.write_bytes(save(district_register()).getvalue())
    out = io.StringIO()

    call_command(
        "import_projects",
        str(path),
        "--campaign",
        "2026",
        "--region",
        "hanting",
        "--mapping",
        "区台账",
        "--dry-run",
        stdout=out,
    )

    text = out.getvalue()
    assert "工作表「重点项目」，表头第3—4行，金额单位：万元" in text
    assert "项目行：新增3个，变更0个，未变0个，有错误0个；跳过的行12个" in text
    assert "年度计划投资合计：23,000.00 万元" in text
    assert "表中合计 12,000.00 万元，相差 11,000.00 万元" in text
    assert "未写入任何数据" in text
    assert not Project.objects.exists() and not ImportRun.objects.exists()
    with pytest.raises(CommandError, match="找不到导入模板：别的"):
        call_command("import_projects", str(path), "--mapping", "别的", "--dry-run")


def test_the_last_import_can_be_undone(campaign, supervisor):
    existing = ProjectFactory(campaign=campaign, code="2026-1-001", name="OLED盖板玻璃项目")
    before = (existing.name, existing.annual_plan, plans(existing))
    run = import_workbook(campaign, save(district_register()), user=supervisor)
    assert run.updated == 1 and Project.objects.count() == 3

    kept = services.import_undo(run=run, user=supervisor)

    assert kept == []
    assert list(Project.objects.values_list("code", flat=True)) == ["2026-1-001"]
    existing.refresh_from_db()
    assert (existing.name, existing.annual_plan, plans(existing)) == before
    run.refresh_from_db()
    assert (run.status, run.undone_by) == ("undone", supervisor)
    assert not Unit.objects.filter(name="区发改局").exists()  # created by the import, unused
    with pytest.raises(WorkbookError, match="只能撤销本年度最近一次确认的导入"):
        services.import_undo(run=run, user=supervisor)


def test_an_import_whose_projects_have_reports_cannot_be_undone(campaign, supervisor):
    run = import_workbook(campaign, save(district_register()), user=supervisor)
    WeeklyReportFactory(project=Project.objects.get(code="2026-2-001"))

    with pytest.raises(WorkbookError, match="已有周报，不能撤销：中央商务区基础设施"):
        services.import_undo(run=run, user=supervisor)
    assert Project.objects.count() == 3


def test_undo_keeps_a_value_changed_since_the_import(campaign, supervisor):
    project = ProjectFactory(
        campaign=campaign, code="2026-1-001", name="OLED盖板玻璃项目", stage=Stage.PREPARATION
    )
    workbook = district_register()
    workbook.active["K3"] = "当前阶段"  # the 备注 column becomes the stage
    for row in (6, 7, 11):
        workbook.active[f"K{row}"] = "建设"
    run = import_workbook(campaign, save(workbook), user=supervisor)
    project.refresh_from_db()
    assert project.stage == Stage.CONSTRUCTION
    project.stage = Stage.PRODUCTION
    project.save()

    kept = services.import_undo(run=run, user=supervisor)

    project.refresh_from_db()
    assert project.stage == Stage.PRODUCTION
    assert kept == ["OLED盖板玻璃项目：stage已在导入后被修改，保留现值"]
    assert (
        project.name == "OLED盖板玻璃项目"
        and MonthlyPlan.objects.filter(project=project).count() == 12
    )
