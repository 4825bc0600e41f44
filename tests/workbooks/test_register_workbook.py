"""The app's own register workbook: export, import of it (a layout like any other), validation
through the preview, and the two management commands."""

import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from accounts.models import Leader, Unit
from audit.kinds import Kind
from audit.models import Entry
from projects.choices import Category, NodeKind, Stage, TargetKind
from projects.models import Campaign, Milestone, MonthlyPlan, Project, TaskForce
from tests.factories import (
    CampaignFactory,
    MilestoneFactory,
    ProjectFactory,
    RegionFactory,
    UnitFactory,
)
from workbooks.export import export_register
from workbooks.format import NODE_COLUMNS, NODE_SHEET, PROJECT_COLUMNS, PROJECT_SHEET
from workbooks.models import ImportRun

from .conftest import import_workbook, preview_errors, start

PROJECT_HEADER = [column.header for column in PROJECT_COLUMNS]
NODE_HEADER = [column.header for column in NODE_COLUMNS]
UNEVEN = [Decimal(a) for a in "0 0 500 1000 1500 1500 1500 1500 1500 1500 1000 500.50".split()]


@pytest.fixture
def register(campaign, unit, other_unit, leader):
    """Three projects with every kind of value the workbook carries."""
    task_force = TaskForce.objects.create(campaign=campaign, name="OLED项目专班")
    oled = ProjectFactory(
        campaign=campaign,
        code="HT001",
        name="OLED盖板项目",
        unit=unit,
        leader=leader,
        task_force=task_force,
        category=Category.INDUSTRY,
        target=TargetKind.PRODUCTION,
        stage=Stage.CONSTRUCTION,
        total_investment=Decimal("52000.50"),
        annual_plan=Decimal("12000.50"),
        plans=UNEVEN,
        location="寒亭经济开发区",
        owner="潍坊某光电有限公司",
        description="建设OLED盖板生产线8条。",
        start_year=2025,
        end_year=2027,
        annual_goal="年底一期投产",
        remarks="省重点",
    )
    road = ProjectFactory(
        campaign=campaign,
        code="HT002",
        name="中央商务区基础设施",
        unit=other_unit,
        leader=leader,
        category=Category.INFRASTRUCTURE,
        target=TargetKind.ACCELERATE,
        stage=Stage.PREPARATION,
        total_investment=Decimal("30000"),
        annual_plan=Decimal("600"),
        plans=False,
    )
    # Only two months planned: the other months stay blank, not zero.
    MonthlyPlan.objects.create(project=road, month=6, amount=Decimal("200"))
    MonthlyPlan.objects.create(project=road, month=9, amount=Decimal("400"))
    ProjectFactory(
        campaign=campaign,
        code="HT003",
        name="种业研发集群",
        unit=unit,
        leader=leader,
        category=Category.LIVELIHOOD,
        stage=Stage.STARTED,
    )
    MilestoneFactory(
        project=oled,
        kind=NodeKind.START,
        name="开工",
        planned_date=dt.date(2026, 3, 1),
        reached_on=dt.date(2026, 3, 5),
    )
    MilestoneFactory(
        project=oled, kind=NodeKind.PRODUCTION, name="一期投产", planned_date=dt.date(2026, 11, 30)
    )
    MilestoneFactory(
        project=road, kind=NodeKind.OTHER, name="施工许可", planned_date=dt.date(2026, 5, 20)
    )
    return campaign


FIELDS = "name category unit.name leader.name task_force.name target stage total_investment \
annual_plan location owner description start_year end_year annual_goal remarks".split()


def attr(obj, path):
    for part in path.split("."):
        obj = getattr(obj, part) if obj is not None else None
    return obj


def snapshot(campaign):
    """Everything the workbook carries, in plain values, keyed by project code."""
    return {
        p.code: {
            "fields": tuple(attr(p, path) for path in FIELDS),
            "plans": {plan.month: plan.amount for plan in p.monthly_plans.all()},
            "nodes": sorted(
                (m.kind, m.name, m.planned_date, m.reached_on) for m in p.milestones.all()
            ),
        }
        for p in Project.objects.filter(campaign=campaign).select_related(
            "unit", "leader", "task_force"
        )
    }


def exported(campaign) -> io.BytesIO:
    stream = io.BytesIO()
    export_register(campaign, stream)
    stream.seek(0)
    return stream


def build(projects, nodes=(), project_header=PROJECT_HEADER, node_header=NODE_HEADER):
    """A workbook written by hand, the way a supervisor would fill it in."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = PROJECT_SHEET
    sheet.append(project_header)
    for row in projects:
        sheet.append(row)
    node_sheet = workbook.create_sheet(NODE_SHEET)
    node_sheet.append(node_header)
    for row in nodes:
        node_sheet.append(row)
    stream = io.BytesIO()
    workbook.save(stream)
    stream.seek(0)
    return stream


def project_row(code="HT101", annual=1200, months=None, **changes):
    """A valid 「项目清单」 row; ``changes`` replace cells by header."""
    texts = "算力中心项目 产业类 区工信局 李副区长 算力专班 加快建设 建设".split()
    months = months or [annual / 12] * 12
    values = [code, *texts, 8000, annual, *months, *"寒亭区 某数据公司 建设机房".split()]
    values += ["2026-2027", "年底主体完工", None]
    row = dict(zip(PROJECT_HEADER, values, strict=True)) | changes
    return list(row.values())


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Project, MonthlyPlan, Milestone, Unit, Leader, TaskForce)
    } | {"history": Project.history.count() + MonthlyPlan.history.count()}


# --- export ---------------------------------------------------------------------------------


def test_export_writes_chinese_headers_labels_numbers_and_dates(register):
    workbook = openpyxl.load_workbook(exported(register))

    assert workbook.sheetnames == [PROJECT_SHEET, NODE_SHEET]
    sheet = workbook[PROJECT_SHEET]
    assert [cell.value for cell in sheet[1]] == PROJECT_HEADER
    assert sheet["A1"].font.b and sheet["J1"].font.b
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["B"].width >= 30
    assert sheet.max_row == 4
    oled = [cell.value for cell in sheet[2]]
    assert (
        oled[:8] == "HT001 OLED盖板项目 产业类 区住建局 张副区长 OLED项目专班 投产达效 建设".split()
    )
    assert oled[8:10] == [52000.5, 12000.5]
    assert oled[10:22] == [float(a) for a in UNEVEN]
    assert oled[22:] == [
        "寒亭经济开发区",
        "潍坊某光电有限公司",
        "建设OLED盖板生产线8条。",
        "2025-2027",
        "年底一期投产",
        "省重点",
    ]
    assert sheet["I2"].number_format == "#,##0.00"
    assert sheet["V2"].number_format == "#,##0.00"
    road = [cell.value for cell in sheet[3]]
    assert road[2] == "基础设施类" and road[5] is None and road[6:8] == ["加快建设", "前期"]
    assert road[10:22] == [None] * 5 + [200] + [None] * 2 + [400] + [None] * 3
    assert [cell.value for cell in sheet[4]][2:8:5] == ["社会民生类", "开工"]

    nodes = workbook[NODE_SHEET]
    assert [cell.value for cell in nodes[1]] == NODE_HEADER
    assert [[cell.value for cell in row] for row in nodes.iter_rows(min_row=2)] == [
        ["HT001", "开工", "开工", dt.datetime(2026, 3, 1), dt.datetime(2026, 3, 5)],
        ["HT001", "投产", "一期投产", dt.datetime(2026, 11, 30), None],
        ["HT002", "其他", "施工许可", dt.datetime(2026, 5, 20), None],
    ]
    assert nodes["D2"].is_date and nodes["D2"].number_format == "yyyy-mm-dd"


def test_export_queries_do_not_grow_with_projects(campaign, django_assert_max_num_queries):
    for _ in range(30):
        MilestoneFactory(project=ProjectFactory(campaign=campaign))
    # projects, their monthly plans (prefetch), the milestones
    with django_assert_max_num_queries(3):
        stream = exported(campaign)
    assert openpyxl.load_workbook(stream)[PROJECT_SHEET].max_row == 31


# --- import of the app's own layout -----------------------------------------------------------


def test_round_trip_into_a_fresh_campaign_of_another_region(register, supervisor):
    before = snapshot(register)
    fresh = CampaignFactory(region=RegionFactory(code="weicheng", name="潍城区"), year=2026)

    run = import_workbook(fresh, exported(register), user=supervisor)

    assert (run.created, run.updated, run.unchanged) == (3, 0, 0)
    assert snapshot(fresh) == before
    assert Unit.objects.filter(region=fresh.region).count() == 2
    assert Leader.objects.get(region=fresh.region).name == "张副区长"
    assert TaskForce.objects.get(campaign=fresh).name == "OLED项目专班"
    record = Project.history.filter(campaign=fresh, code="HT001").get()
    assert (record.history_change_reason, record.history_user) == ("Excel导入", supervisor)
    assert Milestone.history.filter(history_change_reason="Excel导入").count() == 3
    assert (run.uploaded_by, run.confirmed_by, run.file_name) == (
        supervisor,
        supervisor,
        "台账.xlsx",
    )


def test_reimport_into_the_same_campaign_changes_nothing(register):
    before, before_counts = snapshot(register), counts()

    run = import_workbook(register, exported(register))

    assert (run.created, run.updated, run.unchanged) == (0, 0, 3)
    assert {row["status"] for row in run.preview["rows"]} == {"unchanged"}
    assert snapshot(register) == before
    assert counts() == before_counts


def test_import_updates_projects_plans_and_nodes_and_keeps_absent_nodes(register, supervisor):
    UnitFactory(region=register.region, name="寒亭区发展和改革局", short_name="区发改局")
    workbook = openpyxl.load_workbook(exported(register))
    sheet = workbook[PROJECT_SHEET]
    sheet["B2"], sheet["H2"], sheet["D2"] = "OLED盖板项目（一期）", "投产", "区发改局"
    # HT002: June 200 → 300, September 400 dropped, October 600 added.
    sheet["J3"], sheet["P3"], sheet["S3"], sheet["T3"] = 900, 300, None, 600
    sheet.append(project_row("HT010"))
    nodes = workbook[NODE_SHEET]
    nodes["D2"], nodes["E2"] = dt.date(2026, 3, 10), None  # a blank keeps the reported date
    nodes["E3"] = dt.date(2026, 12, 1)
    nodes.delete_rows(4)  # 施工许可 is no longer in the sheet
    stream = io.BytesIO()
    workbook.save(stream)

    run = start(register, stream, user=supervisor)
    changed = {row["code"]: row["changes"] for row in run.preview["rows"]}
    assert ["项目名称", "OLED盖板项目", "OLED盖板项目（一期）"] in changed["HT001"]
    assert ["当前阶段", "建设", "投产"] in changed["HT001"]
    assert ["节点「开工」", "2026-03-01", "2026-03-10"] in changed["HT001"]
    assert ["年度计划投资", "600.00", "900.00"] in changed["HT002"]
    from workbooks.services import import_confirm

    run = import_confirm(run=run, user=supervisor)

    assert (run.created, run.updated, run.unchanged) == (1, 2, 1)
    after = snapshot(register)
    assert after["HT001"]["fields"][0] == "OLED盖板项目（一期）"
    assert after["HT001"]["fields"][2] == "寒亭区发展和改革局"  # found by its short name
    assert after["HT001"]["fields"][6] == Stage.PRODUCTION
    assert after["HT002"]["plans"] == {6: Decimal("300.00"), 10: Decimal("600.00")}
    assert after["HT002"]["fields"][8] == Decimal("900.00")
    assert after["HT001"]["nodes"] == [
        (NodeKind.PRODUCTION, "一期投产", dt.date(2026, 11, 30), dt.date(2026, 12, 1)),
        (NodeKind.START, "开工", dt.date(2026, 3, 10), dt.date(2026, 3, 5)),
    ]
    assert after["HT002"]["nodes"] == [(NodeKind.OTHER, "施工许可", dt.date(2026, 5, 20), None)]
    assert after["HT010"]["fields"][2:5] == ("区工信局", "李副区长", "算力专班")
    assert after["HT010"]["fields"][12:15] == (2026, 2027, "年底主体完工")
    assert after["HT010"]["nodes"] == []
    assert Leader.objects.filter(region=register.region, name="李副区长").exists()
    gone = MonthlyPlan.history.get(history_type="-", month=9)
    assert (gone.history_change_reason, gone.history_user) == ("Excel导入", supervisor)


def test_hand_written_values_are_read_leniently(campaign):
    """Title row, numbers typed as text, codes typed as numbers, dates typed as text."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = PROJECT_SHEET
    sheet.append(["2026年寒亭区重点项目清单"])
    sheet.append([h.replace("（", "(").replace("）", ")") for h in PROJECT_HEADER])
    sheet.append(project_row(1001, "1,200.00", ["100"] * 12, **{"项目类别": "infrastructure"}))
    nodes = workbook.create_sheet(NODE_SHEET)
    nodes.append(NODE_HEADER)
    nodes.append([1001, "主体封顶", "主体封顶", "2026/6/30", "2026年7月2日"])
    nodes.append([1001, "竣工", "竣工验收", 20261215, None])
    stream = io.BytesIO()
    workbook.save(stream)

    import_workbook(campaign, stream)

    project = Project.objects.get(campaign=campaign, code="1001")
    assert (project.annual_plan, project.category) == (Decimal("1200.00"), Category.INFRASTRUCTURE)
    assert sorted(project.milestones.values_list("planned_date", "reached_on")) == [
        (dt.date(2026, 6, 30), dt.date(2026, 7, 2)),
        (dt.date(2026, 12, 15), None),
    ]


def test_bad_rows_are_listed_by_row_and_column_and_nothing_is_written(register):
    before, before_counts = snapshot(register), counts()
    stream = build(
        [
            project_row("HT001", name="改名不应生效"),  # row 2: valid, must not be saved
            project_row("HT102", **{"年度计划投资（万元）": "abc"}),
            project_row("HT103", **{"总投资（万元）": -5, "包靠领导": None}),
            project_row("HT104", months=[100] * 11 + [50]),
            project_row("HT001", **{"项目类别": "工业类", "当前阶段": "施工"}),
            project_row("HT106", **{"年度目标": "投产吧"}),
        ],
        [
            ["HT001", "开工", "开工", dt.date(2025, 12, 20), None],
            ["HT999", "投产", "投产", dt.date(2026, 6, 1), None],
            ["HT001", "封顶", "主体封顶", "明年", None],
        ],
    )

    run = start(register, stream)

    assert not run.preview["can_confirm"]
    assert preview_errors(run) == [
        "工作表「节点计划」第2行「计划日期」：不在2026年度内：2025-12-20",
        "工作表「节点计划」第3行：项目编号不在「项目清单」中：HT999",
        "工作表「节点计划」第4行「节点类型」：无法识别：封顶（可填：开工、主体封顶、设备安装、竣工、投产、其他）",
        "工作表「节点计划」第4行「计划日期」：不是日期：明年",
        "第3行 J列（年度计划投资（万元））：不是数字：abc",
        "第4行 I列（总投资（万元））：不能为负数：-5",
        "第4行 E列（包靠领导）：不能为空",
        "第5行 J列（年度计划投资（万元））：1—12月计划合计 1,150.00 与年度计划投资 1,200.00 不符",
        "第6行 C列（项目类别）：无法识别：工业类（可填：产业类、基础设施类、社会民生类）",
        "第6行 H列（当前阶段）：无法识别：施工（可填：前期、开工、建设、竣工、投产）",
        "第6行 A列（项目编号）：项目编号重复：HT001（已在第2行出现）",
        "第7行 G列（年度目标）：无法识别：投产吧（可填：投产达效、加快建设）",
    ]
    from workbooks.errors import WorkbookError
    from workbooks.services import import_confirm

    with pytest.raises(WorkbookError):
        import_confirm(run=run, user=None)
    assert snapshot(register) == before
    assert counts() == before_counts


def test_a_missing_column_is_named_and_an_unknown_one_is_said_not_imported(campaign):
    header = [h for h in PROJECT_HEADER if h != "包靠领导"] + ["自定义列"]
    rows = [[v for h, v in zip(PROJECT_HEADER, project_row(), strict=True) if h != "包靠领导"]]
    run = start(campaign, build([rows[0] + ["随便写"]], project_header=header))

    assert run.preview["problems"] == ["没有对应「包靠领导」的列"]
    assert not run.preview["can_confirm"]
    unknown = [c for c in run.parsed["layout_columns"] if c["label"] == "自定义列"]
    assert unknown[0]["field"] == ""  # shown in the mapping as 「不导入」
    assert not Project.objects.exists()


def test_a_sheet_without_any_header_is_refused_with_the_reason(campaign):
    workbook = openpyxl.Workbook()
    workbook.active.title = "Sheet1"
    workbook.active.append(["随便", "写点", "什么"])
    stream = io.BytesIO()
    workbook.save(stream)

    run = start(campaign, stream)

    assert run.status == "failed"
    assert "在工作表「Sheet1」的前20行找不到表头" in run.error
    assert not Project.objects.exists()


def test_ambiguous_short_name_is_an_error_of_its_row(campaign):
    UnitFactory(region=campaign.region, name="区工业和信息化局", short_name="工信")
    UnitFactory(region=campaign.region, name="区工信服务中心", short_name="工信")

    run = start(campaign, build([project_row(**{"责任单位": "工信"})]))

    assert preview_errors(run) == [
        "第2行 D列（责任单位）：简称「工信」对应多个单位："
        "区工业和信息化局、区工信服务中心，请填写全称"
    ]


@pytest.mark.parametrize(
    "content", [b"not a workbook", b"PK\x03\x04broken zip", "项目编号,项目名称\n"]
)
def test_a_file_that_is_not_a_workbook_is_refused(campaign, content):
    data = content if isinstance(content, bytes) else content.encode("gbk")
    from workbooks.errors import WorkbookRefused

    with pytest.raises(WorkbookRefused, match="文件不是有效的Excel工作簿（.xlsx或.xls）"):
        start(campaign, data)
    assert not ImportRun.objects.exists()
    assert not Project.objects.exists()


# --- commands -------------------------------------------------------------------------------


def test_export_and_import_commands(register, tmp_path, supervisor):
    path = tmp_path / "清单.xlsx"
    out = io.StringIO()
    call_command("export_projects", str(path), stdout=out)
    assert "项目3个，节点3个" in out.getvalue()
    assert openpyxl.load_workbook(path)[PROJECT_SHEET]["A4"].value == "HT003"
    exported = Entry.objects.get(kind=Kind.EXPORT)
    assert exported.target == "清单.xlsx" and exported.username.startswith("manage.py (")

    fresh = CampaignFactory(region=RegionFactory(code="weicheng", name="潍城区"), year=2026)
    out = io.StringIO()
    call_command(
        "import_projects",
        str(path),
        "--campaign",
        "2026",
        "--region",
        "weicheng",
        "--user",
        "supervisor",
        stdout=out,
    )
    assert "新增项目3个，变更项目0个，未变项目0个" in out.getvalue()
    assert snapshot(fresh) == snapshot(register)
    assert Project.history.filter(campaign=fresh).first().history_user == supervisor
    run = ImportRun.objects.get(campaign=fresh)
    assert (run.status, run.uploaded_by, run.created) == ("confirmed", supervisor, 3)


def test_commands_require_a_region_when_the_year_is_shared(register, tmp_path):
    CampaignFactory(region=RegionFactory(code="weicheng", name="潍城区"), year=2026)
    with pytest.raises(CommandError, match="--region.*hanting、weicheng"):
        call_command("export_projects", str(tmp_path / "a.xlsx"))


def test_import_command_prints_row_errors_and_fails(register, tmp_path):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(build([project_row("HT201", **{"总投资（万元）": "abc"})]).getvalue())
    err = io.StringIO()

    with pytest.raises(CommandError, match="共1处错误，未导入任何数据"):
        call_command("import_projects", str(path), stderr=err, stdout=io.StringIO())

    assert "第2行 I列（总投资（万元））：不是数字：abc" in err.getvalue()
    assert not Project.objects.filter(code="HT201").exists()


def test_import_command_rejects_a_non_workbook_and_a_missing_file(register, tmp_path):
    path = tmp_path / "notes.xlsx"
    path.write_text("hello")
    with pytest.raises(CommandError, match="文件不是有效的Excel工作簿"):
        call_command("import_projects", str(path))
    with pytest.raises(CommandError, match="文件不存在"):
        call_command("import_projects", str(tmp_path / "none.xlsx"))
    assert Campaign.objects.count() == 1
