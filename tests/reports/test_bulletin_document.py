"""The monthly 通报 as an official document: numbered with its report, laid out as GB/T 9704,
read back from PDF and Word, and each revision a new number."""

import subprocess

import pytest
from django.urls import reverse

from documents.models import DocumentKind
from documents.render.docx import docx_bytes
from documents.render.pdf import pdf_bytes
from reports import periods
from reports.bulletin import body_of
from reports.services import report_build, report_rebuild
from tests.documents.helpers import docx_of, docx_text

pytestmark = pytest.mark.django_db


def test_the_monthly_bulletin_is_issued_as_a_numbered_document(demo, client, tmp_path):
    report = report_build(
        campaign=demo.campaign, period=periods.parse("monthly", "2026-10"), send=False
    )
    document = report.document
    assert document.kind == DocumentKind.BULLETIN
    assert document.number.endswith("〔2026〕1号") and "通" in document.number
    assert document.title == "关于2026年10月全区重点项目建设情况的通报"
    snap = report.snapshot
    done = f"{float(snap['overview']['done']) / 10000:,.2f}"

    path = tmp_path / "bulletin.pdf"
    path.write_bytes(pdf_bytes(document))
    text = "".join(
        subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
        .stdout.decode()
        .split()
    )
    assert document.number in text and "各责任单位，各要素保障部门，各包靠领导：" in text
    assert f"累计完成投资{done}亿元" in text and "一、总体情况" in text and "下步工作" in text
    word = docx_text(docx_of(docx_bytes(document)))
    assert document.number in word and f"累计完成投资{done}亿元" in word
    red = snap["red_list"]
    if red:
        assert red[0]["name"] in word

    # A correction is a new revision: a new document with the next number.
    again = report_rebuild(report=report, user=demo.supervisor, reason="更正10月投资数据")
    assert again.document.sequence == document.sequence + 1

    client.force_login(demo.manager)
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert document.number in page
    assert reverse("documents:download", args=[document.pk, "docx"]) in page
    response = client.get(reverse("documents:download", args=[document.pk, "docx"]))
    assert response.status_code == 200


def test_the_body_is_made_of_the_snapshot_only(demo):
    from reports.services import snapshot_build

    snap = snapshot_build(demo.campaign, periods.parse("monthly", "2026-10"))
    blocks = body_of(snap)
    assert [b["text"] for b in blocks if b["type"] == "h1"] == [
        "一、总体情况",
        "二、投资完成情况",
        "三、红牌项目及原因",
        "四、周报报送情况",
        "五、问题办理情况",
        "六、下步工作",
    ]
    assert blocks == body_of(snap)  # pure: the same snapshot, the same body
