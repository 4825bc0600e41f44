"""Hostile files are refused before they are kept or parsed, each with a Chinese message:
a zip-bomb workbook, a workbook declaring A1:XFD1048576, a workbook over the size limit, and
evidence whose bytes are not what its name says (an HTML page renamed .jpg). Each one goes
through the real page a person uses; the sniffing rule is then tried on every accepted kind.
(Photos — pixel bombs, polyglots — are the photo upload's own tests.)"""

import io
import re
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from problems import sniff
from problems.models import EvidenceFile, Problem
from projects.models import Project
from tests.problems.factories import ProblemFactory
from tests.projects.test_workbook_guard import rewrite_sheet, small_workbook, zip_bomb
from workbooks.models import ImportRun

HTML = (
    b"<!DOCTYPE html><html><body><script>fetch('/admin/').then(r=>r.text())</script></body></html>"
)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def image(fmt: str) -> bytes:
    stream = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(stream, fmt)
    return stream.getvalue()


def docx() -> bytes:
    import docx as python_docx

    stream = io.BytesIO()
    python_docx.Document().save(stream)
    return stream.getvalue()


def xlsx() -> bytes:
    stream = io.BytesIO()
    openpyxl.Workbook().save(stream)
    return stream.getvalue()


def xls() -> bytes:
    import xlwt

    book = xlwt.Workbook()
    book.add_sheet("表").write(0, 0, "项目")
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def ofd() -> bytes:
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        archive.writestr("OFD.xml", "<ofd:OFD/>")
    return stream.getvalue()


# --- workbooks: through the register upload page --------------------------------------------


def test_a_zip_bomb_register_is_refused_unparsed(client, supervisor, campaign):
    client.force_login(supervisor)
    response = client.post(
        "/register/", {"workbook": SimpleUploadedFile("台账.xlsx", zip_bomb(150))}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "压缩炸弹" in html or "解压后达150.0 MB" in html
    assert not ImportRun.objects.exists() and not Project.objects.exists()


def test_a_register_declaring_the_whole_grid_is_refused(client, supervisor, campaign):
    whole_grid = rewrite_sheet(
        small_workbook(),
        lambda xml: re.sub(rb'<dimension ref="[^"]+"', b'<dimension ref="A1:XFD1048576"', xml),
    )
    client.force_login(supervisor)
    response = client.post("/register/", {"workbook": SimpleUploadedFile("台账.xlsx", whole_grid)})
    assert "声明的范围A1:XFD1048576" in response.content.decode()
    assert not ImportRun.objects.exists() and not Project.objects.exists()


def test_a_register_over_the_size_limit_is_refused(client, supervisor, campaign, settings):
    settings.WORKBOOK_MAX_BYTES = 20_000
    client.force_login(supervisor)
    big = small_workbook(3000)
    assert len(big) > 20_000
    response = client.post("/register/", {"workbook": SimpleUploadedFile("台账.xlsx", big)})
    html = response.content.decode()
    assert response.status_code == 200
    assert re.search(r"19\.5\s?KB", html)  # the limit, in the form's Chinese message
    assert not ImportRun.objects.exists()


def test_a_zip_bomb_weekly_sheet_is_refused(client, reporter, project):
    client.force_login(reporter)
    response = client.post(
        "/week/sheet/", {"workbook": SimpleUploadedFile("周报.xlsx", zip_bomb(150)), "submit": "0"}
    )
    assert response.status_code == 200 and "压缩炸弹" in response.content.decode()


# --- evidence: through the problem pages -----------------------------------------------------

REFUSED = "文件内容与扩展名不符"


def test_html_renamed_jpg_is_refused_when_raising_a_problem(client, reporter, project):
    client.force_login(reporter)
    response = client.post(
        reverse("problems:new", args=[project.pk]),
        {
            "category": "land",
            "title": "用地指标未落实",
            "need": "需协调45亩用地指标。",
            "files": [SimpleUploadedFile("现场照片.jpg", HTML, "image/jpeg")],
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert f"现场照片.jpg：{REFUSED}" in html
    assert not Problem.objects.exists() and not EvidenceFile.objects.exists()


def test_html_renamed_pdf_is_refused_as_an_answer(client, project, department, handler, reporter):
    problem = ProblemFactory(project=project, department=department, raised_by=reporter)
    client.force_login(handler)
    response = client.post(
        reverse("problems:act", args=[problem.pk, "answer"]),
        {
            "answer-text": "见附件。",
            "answer-files": [SimpleUploadedFile("批复.pdf", HTML, "application/pdf")],
        },
    )
    assert response.status_code == 400 and REFUSED in response.content.decode()
    problem.refresh_from_db()
    assert not problem.files.exists() and problem.status != "answered"


def test_a_real_photo_and_pdf_are_kept(client, reporter, project):
    client.force_login(reporter)
    response = client.post(
        reverse("problems:new", args=[project.pk]),
        {
            "category": "land",
            "title": "用地指标未落实",
            "need": "需协调45亩用地指标。",
            "files": [
                SimpleUploadedFile("现场.jpg", image("JPEG"), "image/jpeg"),
                SimpleUploadedFile(
                    "红线图.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "application/pdf"
                ),
            ],
        },
    )
    assert response.status_code == 302
    assert sorted(Problem.objects.get().files.values_list("name", flat=True)) == [
        "现场.jpg",
        "红线图.pdf",
    ]


@pytest.mark.parametrize(
    "name, make",
    [
        ("批复.pdf", lambda: b"%PDF-1.4\n1 0 obj"),
        ("现场.jpg", lambda: image("JPEG")),
        ("现场.jpeg", lambda: image("JPEG")),
        ("截图.png", lambda: image("PNG")),
        ("手机.jpg", lambda: image("PNG")),  # a phone's .jpg holding a PNG is still an image
        ("动图.gif", lambda: image("GIF")),
        ("照片.webp", lambda: image("WEBP")),
        ("说明.docx", docx),
        ("台账.xlsx", xlsx),
        ("旧台账.xls", xls),
        ("旧文件.doc", xls),  # OLE documents pass for one another
        ("公文.ofd", ofd),
        ("材料.zip", ofd),
        ("说明.txt", lambda: "项目用地情况说明：已完成组卷。\n".encode()),
        ("说明.txt", lambda: "项目用地情况说明".encode("gb18030")),
    ],
)
def test_every_accepted_kind_passes_by_its_bytes(name, make):
    assert sniff.accepted(name, make())


@pytest.mark.parametrize(
    "name, data",
    [
        ("现场.jpg", HTML),
        ("说明.txt", HTML),  # a browser shown "text" that begins with markup may render it
        ("图.png", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        ("说明.txt", b"\xef\xbb\xbf<html><script>alert(1)</script>"),
        ("批复.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00"),  # a Windows program
        ("说明.docx", b"%PDF-1.4\n"),  # a PDF is not a Word document
        ("现场.jpg", b"%PDF-1.4\n"),
        ("批复.pdf", b""),
        ("说明.txt", b"\x00\x01\x02binary"),
        ("病毒.exe", b"MZ\x90\x00"),
    ],
)
def test_bytes_that_disagree_with_the_name_are_refused(name, data):
    assert not sniff.accepted(name, data)


def test_a_notices_evidence_goes_through_the_same_field():
    from django.core.exceptions import ValidationError

    from escalation.forms import ActForm as NoticeActForm
    from problems.forms import EvidenceField

    field = NoticeActForm.base_fields["files"]
    assert isinstance(field, EvidenceField)
    with pytest.raises(ValidationError, match=REFUSED):
        field.clean([SimpleUploadedFile("整改报告.jpg", HTML, "image/jpeg")])
