"""Hostile and broken workbooks are refused before they are parsed, with a clear Chinese message:
too large, a zip bomb, absurd declared dimensions, too many rows; the old .xls by size and rows.
Every hostile file is built here. Limits are settings; the web upload, the command and the
weekly sheet all go through the same guard."""

import io
import re
import tracemalloc
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from projects.models import Project
from workbooks.errors import WorkbookRefused
from workbooks.guard import check_workbook
from workbooks.models import ImportRun

MB = 1024 * 1024


def small_workbook(rows: int = 3) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["序号", "项目名称", "总投资", "年度计划投资", "责任单位", "包靠领导"])
    for n in range(1, rows + 1):
        sheet.append([n, f"项目{n}", 100, 50, "区发改局", "张三"])
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def rewrite_sheet(data: bytes, change) -> bytes:
    """The same workbook with its first sheet's XML passed through ``change``."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = change(content)
            target.writestr(item.filename, content)
    return out.getvalue()


def zip_bomb(expanded_mb: int = 300) -> bytes:
    """A real workbook whose sheet XML expands from a few hundred KB to ``expanded_mb`` MB."""
    source = zipfile.ZipFile(io.BytesIO(small_workbook()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for item in source.infolist():
            if item.filename != "xl/worksheets/sheet1.xml":
                target.writestr(item.filename, source.read(item.filename))
        with target.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(
                b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            )
            padding = b" " * MB
            for _ in range(expanded_mb):
                sheet.write(padding)
            sheet.write(b"<sheetData/></worksheet>")
    return out.getvalue()


def refused(data: bytes) -> str:
    with pytest.raises(WorkbookRefused) as caught:
        check_workbook(io.BytesIO(data))
    return str(caught.value)


def peak_while_refused(data: bytes) -> int:
    """Peak Python memory, in bytes, while the guard refuses ``data``."""
    tracemalloc.start()
    try:
        refused(data)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_normal_workbook_passes_and_its_rows_are_counted():
    checked = check_workbook(io.BytesIO(small_workbook(40)))
    assert (checked.kind, checked.total_rows) == ("xlsx", 41)


def test_a_file_too_large_is_refused_by_its_size(settings):
    settings.WORKBOOK_MAX_BYTES = 20_000
    data = small_workbook(2000)
    assert len(data) > 20_000
    assert re.fullmatch(r"文件过大：\d+\.\d KB，工作簿最大19\.5 KB", refused(data))


def test_a_zip_bomb_is_refused_without_expanding_it():
    bomb = zip_bomb(300)
    assert len(bomb) < 600 * 1024  # a few hundred KB that would expand to 300 MB

    message = refused(bomb)

    assert message.startswith("工作簿解压后达300.0 MB，超过上限100.0 MB")
    assert "压缩炸弹" in message
    assert peak_while_refused(bomb) < 5 * MB  # nothing was inflated


def test_an_absurd_compression_ratio_is_refused_even_under_the_total(settings):
    settings.WORKBOOK_MAX_UNCOMPRESSED = 1024 * MB
    message = refused(zip_bomb(20))
    assert message.startswith("工作簿压缩比异常（xl/worksheets/sheet1.xml：")
    assert "可能是压缩炸弹" in message


def test_a_sheet_declaring_the_whole_grid_is_refused():
    data = rewrite_sheet(
        small_workbook(),
        lambda xml: re.sub(rb'<dimension ref="[^"]+"', b'<dimension ref="A1:XFD1048576"', xml),
    )

    message = refused(data)

    assert message == (
        "工作表（sheet1.xml）声明的范围A1:XFD1048576（1,048,576行×16,384列）过大，已拒绝；"
        "请只保留有内容的区域后另存"
    )
    assert peak_while_refused(data) < 5 * MB


def test_a_single_cell_on_the_last_row_is_refused_though_no_dimension_says_so():
    def far_row(xml):
        xml = re.sub(rb"<dimension [^>]*/>", b"", xml)
        return xml.replace(
            b"</sheetData>",
            b'<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row>'
            b"</sheetData>",
        )

    message = refused(rewrite_sheet(small_workbook(), far_row))

    assert message.startswith("工作表（sheet1.xml）超过20,000行，行数过多，已拒绝")


def test_too_many_rows_are_refused(settings):
    settings.WORKBOOK_MAX_ROWS = 100
    assert "超过100行" in refused(small_workbook(150))
    assert check_workbook(io.BytesIO(small_workbook(90))).total_rows == 91


def _xls(rows: int) -> bytes:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("重点项目")
    for r in range(rows):
        sheet.write(r, 0, r + 1)
        sheet.write(r, 1, f"项目{r}")
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def test_an_old_xls_is_checked_by_size_and_rows(settings):
    assert check_workbook(io.BytesIO(_xls(20))).kind == "xls"
    settings.WORKBOOK_MAX_ROWS = 100
    assert refused(_xls(150)) == "工作表「重点项目」有150行，超过100行的上限，已拒绝"
    settings.WORKBOOK_MAX_BYTES = 4096
    assert refused(_xls(150)).startswith("文件过大：")


@pytest.mark.parametrize(
    "data",
    [
        b"just some text",
        b"PK\x03\x04 truncated",
        small_workbook()[:1500],
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600,  # an OLE header and nothing else
    ],
    ids=["text", "broken-zip", "truncated-xlsx", "empty-ole"],
)
def test_a_broken_file_is_not_a_workbook(data):
    assert refused(data) == "文件不是有效的Excel工作簿（.xlsx或.xls）"


def test_a_zip_that_is_not_a_workbook_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert refused(out.getvalue()) == "文件不是有效的Excel工作簿（.xlsx或.xls）"


def test_the_web_upload_refuses_a_zip_bomb_with_the_message(
    client, supervisor, campaign, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(supervisor)
    upload = SimpleUploadedFile("台账.xlsx", zip_bomb(120))

    response = client.post("/register/", {"workbook": upload})

    assert response.status_code == 200
    assert "工作簿解压后达120.0 MB" in response.content.decode()
    assert not ImportRun.objects.exists() and not Project.objects.exists()


def test_the_web_upload_refuses_a_file_over_the_size_limit(client, supervisor, campaign, settings):
    settings.WORKBOOK_MAX_BYTES = 10_000
    client.force_login(supervisor)
    upload = SimpleUploadedFile("台账.xlsx", small_workbook(2000))

    response = client.post("/register/", {"workbook": upload})

    assert re.search(r"9\.8\s?KB", response.content.decode())  # the limit, said in the form
    assert not ImportRun.objects.exists()


def test_the_command_refuses_absurd_dimensions(campaign, tmp_path):
    path = tmp_path / "huge.xlsx"
    path.write_bytes(
        rewrite_sheet(
            small_workbook(),
            lambda xml: re.sub(rb'<dimension ref="[^"]+"', b'<dimension ref="A1:XFD1048576"', xml),
        )
    )
    with pytest.raises(CommandError, match="声明的范围A1:XFD1048576"):
        call_command("import_projects", str(path))
    with pytest.raises(CommandError, match="声明的范围A1:XFD1048576"):
        call_command("import_projects", str(path), "--dry-run")
    assert not ImportRun.objects.exists()


def test_the_weekly_sheet_upload_refuses_a_zip_bomb(client, reporter, project, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(reporter)
    response = client.post(
        "/week/sheet/", {"workbook": SimpleUploadedFile("周报.xlsx", zip_bomb(120)), "submit": "0"}
    )
    assert response.status_code == 200
    assert "压缩炸弹" in response.content.decode()
