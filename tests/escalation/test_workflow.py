"""The notice's workflow across weeks with fixed dates: issued, signed for, answered, returned,
answered again, accepted and closed; every step in its log with who, when and why; the ladder
after it; and a notice unsigned or unanswered past its deadline climbing like a problem."""

import datetime as dt

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from escalation import flow
from escalation.models import EventKind, Interview, NoticeStatus, SupervisionNotice
from escalation.services import ladder_run, notice_act, notices_climb

from .conftest import W, at, score_red

pytestmark = pytest.mark.django_db


def kinds(notice):
    return [e.kind for e in notice.events.order_by("created_at", "pk")]


def test_signed_answered_returned_answered_closed(
    issued, clock, reporter, supervisor, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    notice = issued
    assert notice.status == NoticeStatus.ISSUED
    assert notice.sign_deadline == dt.date(2026, 11, 25)
    assert notice.deadline == dt.date(2026, 12, 7)
    assert notice.doc_number == "寒重督〔2026〕1号"

    clock.move_to(at(dt.date(2026, 11, 24), 9))
    notice = notice_act(notice=notice, user=reporter, action="sign", text="已收到，马上落实")
    assert notice.status == NoticeStatus.SIGNED
    assert notice.signed_by == reporter and notice.signed_at == at(dt.date(2026, 11, 24), 9)

    clock.move_to(at(dt.date(2026, 12, 1), 15))
    evidence = SimpleUploadedFile("整改方案.pdf", b"%PDF-1.4 plan", content_type="application/pdf")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        notice = notice_act(
            notice=notice,
            user=reporter,
            action="answer",
            text="已倒排工期，增加两个施工班组。",
            files=[evidence],
        )
    assert notice.status == NoticeStatus.ANSWERED
    answer = notice.events.get(kind=EventKind.ANSWER)
    assert answer.files.get().name == "整改方案.pdf"
    assert [m.to for m in mail.outbox] == [[supervisor.email]]

    clock.move_to(at(dt.date(2026, 12, 2), 11))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        notice = notice_act(
            notice=notice,
            user=supervisor,
            action="return",
            text="未说明资金到位时间",
            deadline=dt.date(2026, 12, 10),
        )
    assert notice.status == NoticeStatus.RETURNED and notice.deadline == dt.date(2026, 12, 10)
    assert mail.outbox[0].to == [reporter.email] and "未说明资金到位时间" in mail.outbox[0].body

    clock.move_to(at(dt.date(2026, 12, 8), 16))
    notice = notice_act(notice=notice, user=reporter, action="answer", text="资金12月5日已到位。")
    clock.move_to(at(dt.date(2026, 12, 9), 10))
    notice = notice_act(notice=notice, user=supervisor, action="accept")
    assert notice.status == NoticeStatus.CLOSED and notice.closed_on == dt.date(2026, 12, 9)

    log = list(notice.events.order_by("created_at", "pk"))
    assert [e.kind for e in log] == ["issue", "sign", "answer", "return", "answer", "accept"]
    assert [e.actor for e in log] == [None, reporter, reporter, supervisor, reporter, supervisor]
    assert log[3].text == "未说明资金到位时间" and log[3].deadline == dt.date(2026, 12, 10)
    assert [e.created_at.date() for e in log[1:]] == [
        dt.date(2026, 11, 24),
        dt.date(2026, 12, 1),
        dt.date(2026, 12, 2),
        dt.date(2026, 12, 8),
        dt.date(2026, 12, 9),
    ]
    # The red weeks this notice answered are spent: a new notice needs two new red weeks.
    score_red(project := notice.project, W[49])
    assert ladder_run(campaign=project.campaign, week=W[49], today=W[50]).opened == []
    score_red(project, W[50])
    assert ladder_run(campaign=project.campaign, week=W[50], today=W[51]).opened == []
    score_red(project, W[51])
    opened = ladder_run(campaign=project.campaign, week=W[51], today=W[52]).opened
    assert len(opened) == 1
    assert SupervisionNotice.objects.get(pk=opened[0]).doc_number == "寒重督〔2026〕2号"


def test_the_pages_show_each_step(issued, clock, client, reporter, supervisor):
    client.force_login(reporter)
    page = client.get(issued.get_absolute_url()).content.decode()
    assert "签收" in page and "寒重督〔2026〕1号" in page
    response = client.post(reverse("escalation:act", args=[issued.pk, "sign"]), {"sign-text": ""})
    assert response.status_code == 302
    issued.refresh_from_db()
    assert issued.status == NoticeStatus.SIGNED
    # The project page shows the notice and its log.
    project_page = client.get(issued.project.get_absolute_url()).content.decode()
    assert issued.get_status_display() in project_page and "签收" in project_page


def test_a_blue_week_closes_the_notice_at_any_node(issued, clock, reporter):
    notice_act(notice=issued, user=reporter, action="sign")
    score_red(issued.project, W[48], total="90", card="blue")
    closed = ladder_run(campaign=issued.campaign, week=W[48], today=W[49]).closed
    issued.refresh_from_db()
    assert closed == [issued.pk] and issued.status == NoticeStatus.CLOSED
    assert kinds(issued) == ["issue", "sign", "close"]
    assert issued.events.last().actor is None and "W48" in issued.events.last().text


def test_unsigned_past_its_deadline_climbs(
    issued,
    clock,
    head,
    reporter,
    supervisor,
    leader_user,
    client,
    django_capture_on_commit_callbacks,
):
    mail.outbox.clear()
    clock.move_to(at(dt.date(2026, 11, 25), 23))  # the last day to sign: not yet overdue
    assert notices_climb() == []
    clock.move_to(at(dt.date(2026, 11, 26), 9))
    with django_capture_on_commit_callbacks(execute=True):
        first = notices_climb()
    issued.refresh_from_db()
    assert issued.level == 1 and len(first) == 1
    assert "2026-11-25" in first[0].text and first[0].kind == EventKind.ESCALATE
    assert [m.to for m in mail.outbox] == [[head.email]]
    assert notices_climb() == []  # safe to run again: nothing new, no second mail

    clock.move_to(at(dt.date(2026, 12, 1), 9))  # five days later: the responsible leader
    with django_capture_on_commit_callbacks(execute=True):
        notices_climb()
    issued.refresh_from_db()
    assert issued.level == 2 and mail.outbox[-1].to == [leader_user.email]

    clock.move_to(at(dt.date(2026, 12, 6), 9))  # and the dispatch meeting
    with django_capture_on_commit_callbacks(execute=True):
        notices_climb()
    issued.refresh_from_db()
    assert issued.level == 3 and mail.outbox[-1].to == [supervisor.email]
    client.force_login(supervisor)
    agenda = client.get(reverse("problems:agenda")).content.decode()
    assert issued.title in agenda
    # Climbing never decides an interview: the ladder's own rules do.
    assert not Interview.objects.exists()

    # Signed at last: the clock now runs towards the answer deadline, from level 0.
    notice = notice_act(notice=issued, user=reporter, action="sign")
    assert notice.level == 0
    clock.move_to(at(dt.date(2026, 12, 8), 9))
    climbed = notices_climb()
    notice.refresh_from_db()
    assert notice.level == 1 and "2026-12-07" in climbed[0].text
    assert kinds(notice) == ["issue", "escalate", "escalate", "escalate", "sign", "escalate"]


def test_an_answer_awaiting_review_does_not_climb(issued, clock, reporter):
    notice_act(notice=issued, user=reporter, action="sign")
    notice_act(notice=issued, user=reporter, action="answer", text="已整改")
    clock.move_to(at(dt.date(2026, 12, 20)))
    assert notices_climb() == []


def test_the_interview_is_proposed_by_the_ladder_and_logged(issued, clock, supervisor):
    score_red(issued.project, W[48])
    score_red(issued.project, W[49])
    ladder_run(campaign=issued.campaign, week=W[49], today=dt.date(2026, 12, 8))
    assert Interview.objects.get().notice == issued
    assert kinds(issued)[-1] == EventKind.PROPOSE


def test_refusals_are_coded(issued, reporter, supervisor):
    with pytest.raises(flow.MoveNotAllowed) as refused:
        notice_act(notice=issued, user=reporter, action="answer", text="先反馈")
    assert refused.value.code == "no_such_move"
    with pytest.raises(flow.MoveNotAllowed) as refused:
        notice_act(notice=issued, user=supervisor, action="sign")
    assert refused.value.code == "wrong_actor"
    notice_act(notice=issued, user=reporter, action="sign")
    with pytest.raises(flow.MoveNotAllowed) as refused:
        notice_act(notice=issued, user=reporter, action="answer", text="   ")
    assert refused.value.code == "text_required"
    issued.refresh_from_db()
    assert kinds(issued) == ["issue", "sign"]  # nothing refused reached the log
