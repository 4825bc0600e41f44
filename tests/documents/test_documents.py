"""The documents a district issues: frozen figures, GB/T 9704 layout, numbers, PDF and Word
read back, and who may download them."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from audit.kinds import Kind
from audit.models import Entry
from documents.models import Counter, Document, DocumentKind
from documents.render.docx import docx_bytes
from documents.render.pdf import pdf_bytes
from documents.services import number_take
from escalation.models import Interview
from escalation.services import ladder_run
from tests.escalation.conftest import W, score_red

from .helpers import docx_of, docx_text, pdf_pages, pdf_text

pytestmark = pytest.mark.django_db


def test_the_notice_is_frozen_as_of_its_issue_date(issued, client, reporter, tmp_path):
    document = issued.documents.get(kind=DocumentKind.NOTICE)
    assert document.content["as_of"] == "2026-11-22"
    assert document.content["figures"]["ytd_done"] == "103.40"
    before = pdf_text(pdf_bytes(document), tmp_path)
    # Later: the unit reports 6,487 万元, the week is re-scored, the register moves on.
    project = issued.project
    project.ytd_investment = Decimal("6487.00")
    project.save()
    score_red(project, W[47], ytd="6487.00", total="58.00")
    score_red(project, W[48], ytd="6487.00", total="58.00")
    document.refresh_from_db()
    assert document.content["figures"]["ytd_done"] == "103.40"
    after = pdf_text(pdf_bytes(document), tmp_path)
    assert after == before
    assert "103.40" in after and "6,487" not in after and "2026年11月22日" in after
    client.force_login(reporter)
    page = client.get(issued.get_absolute_url()).content.decode()
    assert "103.40" in page and "6,487" not in page and "2026-11-22" in page


def test_the_notice_pdf_reads_back(issued, tmp_path):
    data = pdf_bytes(issued.documents.get())
    text = pdf_text(data, tmp_path)
    for expected in (
        "寒亭区重点项目建设大比拼工作专班",  # the red issuing mark
        "寒重督〔2026〕1号",
        "关于OLED盖板项目建设进度滞后的督办通知书",
        "区住建局：",
        "年度累计完成（万元）103.40",
        "4,000.00",
        "2026年11月25日前在系统内签收",
        "2026年12月7日前书面反馈",
        "寒亭区重大项目服务中心",
        "二〇二六年十一月二十三日",
        "抄送：张副区长（包靠领导），寒亭区委办公室，寒亭区政府办公室。",
        "2026年11月23日印发",
    ):
        assert expected in text, expected
    info = pdf_pages(data, tmp_path)
    assert "595.276 x 841.89 pts (A4)" in info


def test_the_notice_docx_reads_back(issued):
    document = issued.documents.get()
    word = docx_of(docx_bytes(document))
    text = docx_text(word)
    for expected in (
        "寒重督〔2026〕1号",
        "关于OLED盖板项目建设进度滞后的督办通知书",
        "区住建局：",
        "103.40",
        "二〇二六年十一月二十三日",
        "抄送：",
    ):
        assert expected in text, expected
    section = word.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = [section.top_margin, section.bottom_margin, section.left_margin, section.right_margin]
    assert [round(m.mm) for m in margins] == [37, 35, 28, 26]
    # The mark is red, the title 2号 (22 pt), the body 3号 (16 pt) in 仿宋.
    mark = word.paragraphs[0].runs[0]
    assert str(mark.font.color.rgb) == "E60012"
    title = next(p for p in word.paragraphs if "督办通知书" in p.text and "关于" in p.text)
    assert title.runs[0].font.size.pt == 22
    body = next(p for p in word.paragraphs if p.text.startswith("你单位"))
    assert body.runs[0].font.size.pt == 16
    fonts = body.runs[0]._element.rPr.rFonts
    assert fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia") == (
        "仿宋_GB2312"
    )
    assert word.core_properties.subject == "寒重督〔2026〕1号"


def test_interview_and_accountability_are_issued_printed_and_logged(
    issued, client, supervisor, tmp_path
):
    score_red(issued.project, W[48])
    score_red(issued.project, W[49])
    ladder_run(campaign=issued.campaign, week=W[49], today=dt.date(2026, 12, 8))
    assert Interview.objects.get().notice == issued
    client.force_login(supervisor)
    client.post(
        reverse("escalation:schedule", args=[issued.pk]),
        {"person": "区住建局局长", "when": "2026-12-10T09:30", "place": "区政府3号会议室"},
    )
    interview_doc = Document.objects.get(kind=DocumentKind.INTERVIEW)
    assert interview_doc.number == "寒重约〔2026〕1号" and interview_doc.interview.notice == issued
    text = pdf_text(pdf_bytes(interview_doc), tmp_path)
    assert "约谈通知书" in text and "区住建局局长" in text and "区政府3号会议室" in text
    assert "2026年12月10日09:30" in text and "经寒重督〔2026〕1号督办" in text
    client.post(reverse("escalation:record", args=[issued.pk]), {"record": "承诺两周内复工。"})
    client.post(
        reverse("escalation:accountability", args=[issued.pk]),
        {
            "decided_on": "2026-12-20",
            "person": "项目专班负责人",
            "measure": "通报批评",
            "reason": "约谈后仍无明显进展",
        },
    )
    proposal = Document.objects.get(kind=DocumentKind.ACCOUNTABILITY)
    assert proposal.number == "寒重问〔2026〕1号" and proposal.addressee == "寒亭区纪委监委"
    assert proposal.issued_on == dt.date(2026, 12, 20)
    word = docx_text(docx_of(docx_bytes(proposal)))
    assert "建议对项目专班负责人予以通报批评" in word and "约谈区住建局局长" in word
    # The log has every step, and the badge says how far the ladder has gone.
    kinds = list(issued.events.values_list("kind", flat=True))
    assert kinds == ["issue", "propose", "schedule", "hold", "account"]
    page = client.get(issued.get_absolute_url()).content.decode()
    assert "已提出问责" in page and "寒重约〔2026〕1号" in page and "寒重问〔2026〕1号" in page


def test_the_regions_settings_head_the_next_documents(issued, region):
    first = issued.documents.get()
    region.doc_issuer = "寒亭区重点项目建设指挥部"
    region.doc_prefix = "寒项"
    region.doc_date_style = "arabic"
    region.save()
    from escalation.papers import notice_document

    again = notice_document(issued, red_weeks=2, issued_on=dt.date(2026, 12, 1))
    assert again.number == "寒项督〔2026〕2号"
    assert again.content["letterhead"]["issuer"] == "寒亭区重点项目建设指挥部"
    assert again.content["date_text"] == "2026年12月1日"
    first.refresh_from_db()
    assert first.number == "寒重督〔2026〕1号"  # an issued document never changes
    assert first.content["letterhead"]["issuer"] == "寒亭区重点项目建设大比拼工作专班"


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("reporter", 200),
        ("supervisor", 200),
        ("manager", 200),
        ("leader_user", 200),
        ("other_reporter", 404),
        ("handler", 404),
    ],
)
def test_who_may_download(request, client, issued, who, status):
    document = issued.documents.get()
    client.force_login(request.getfixturevalue(who))
    for fmt in ("pdf", "docx"):
        response = client.get(reverse("documents:download", args=[document.pk, fmt]))
        assert response.status_code == status
    mine = f"document {document.pk} "
    downloads = Entry.objects.filter(kind=Kind.DOWNLOAD, detail__startswith=mine)
    if status == 200:
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
        assert "filename*=UTF-8''" in response["Content-Disposition"]
        # The security audit log: both files, by whom, from where.
        assert sorted(downloads.values_list("target", flat=True)) == [
            f"{document.file_stem}.docx",
            f"{document.file_stem}.pdf",
        ]
        assert set(downloads.values_list("address", flat=True)) == {"127.0.0.1"}
    else:
        assert not downloads.exists()


@pytest.mark.parametrize("fmt", ["doc", "exe", "%00", "pdf.."])
def test_a_hostile_format_is_404(client, issued, reporter, fmt):
    client.force_login(reporter)
    response = client.get(f"/documents/{issued.documents.get().pk}/{fmt}/")
    assert response.status_code == 404


def test_a_rollback_gives_the_number_back(region):
    from django.db import transaction

    with transaction.atomic():
        assert number_take(region=region, kind="notice", year=2026) == 1
    with pytest.raises(RuntimeError), transaction.atomic():
        assert number_take(region=region, kind="notice", year=2026) == 2
        raise RuntimeError("the notice could not be stored")
    with transaction.atomic():
        assert number_take(region=region, kind="notice", year=2026) == 2  # no gap
        assert number_take(region=region, kind="interview", year=2026) == 1  # per kind
        assert number_take(region=region, kind="notice", year=2027) == 1  # per year
    assert Counter.objects.get(kind="notice", year=2026).last == 2


@pytest.mark.django_db(transaction=True)
def test_a_number_is_taken_only_inside_a_transaction(region):
    with pytest.raises(RuntimeError):
        number_take(region=region, kind="notice", year=2026)
