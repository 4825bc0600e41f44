"""The ladder across week boundaries: red, red → notice; deadline passed → interview proposed;
blue → notice closed. With its e-mails, pages, records and the printable notice."""

import datetime as dt
import subprocess
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from accounts.choices import Role
from escalation.models import Interview, NoticeStatus, SupervisionNotice
from escalation.services import ladder_run
from scoring.models import WeeklyScore
from scoring.versions import rubric_version_current
from tests.factories import UserFactory
from tests.outbox.helpers import send_due_after

W = {n: dt.date.fromisocalendar(2026, n, 1) for n in range(44, 52)}


@pytest.fixture
def eager():
    from config.celery_app import app

    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = False


@pytest.fixture
def people(reporter, supervisor, leader_user):
    return reporter, supervisor, leader_user


def score(project, week, card, total):
    version = rubric_version_current(project.campaign)
    breakdown = {
        "total": str(total),
        "card": card,
        "card_note": f"总分 {total}",
        "exempt": False,
        "items": [
            {
                "key": "investment",
                "points": str(total),
                "max_points": "100",
                "inputs": {},
                "note": "",
            }
        ],
        "triggers": [{"key": "investment_gap", "note": "投资完成率 50%"}] if card == "red" else [],
    }
    WeeklyScore.objects.update_or_create(
        project=project,
        week=week,
        defaults={
            "rubric_version": version,
            "total": Decimal(total),
            "card": card,
            "breakdown": breakdown,
            "scored_at": dt.datetime(2026, 11, 1, tzinfo=dt.UTC),
        },
    )


def run(project, week, today, django_capture_on_commit_callbacks):
    """The ladder's run, then the outbox's sends once the batch window has passed."""
    with django_capture_on_commit_callbacks(execute=True):
        outcome = ladder_run(campaign=project.campaign, week=week, today=today)
    send_due_after()
    return outcome


def told(since: int) -> set[str]:
    return {address for m in mail.outbox[since:] for address in m.to}


def test_the_ladder_up_and_down(project, people, eager, django_capture_on_commit_callbacks):
    reporter, supervisor, leader_user = people
    score(project, W[44], "yellow", 70)
    score(project, W[45], "red", 50)
    assert run(project, W[45], W[46], django_capture_on_commit_callbacks).opened == []

    score(project, W[46], "red", 48)
    before = len(mail.outbox)
    outcome = run(project, W[46], W[47], django_capture_on_commit_callbacks)
    notice = SupervisionNotice.objects.get()
    assert outcome.opened == [notice.pk] and notice.number == 1
    assert notice.deadline == W[47] + dt.timedelta(days=14)
    assert "连续" in notice.reason or "Red card" in notice.reason
    assert "投资完成率 50%" in notice.reason
    assert told(before) == {reporter.email, supervisor.email, leader_user.email}
    text = " ".join(m.subject + m.body for m in mail.outbox[before:])
    assert "OLED盖板项目连续亮红牌" in text and "项目项目" not in text
    assert f"http://127.0.0.1:8000/ladder/notices/{notice.pk}/" in text

    # Again for the same week: nothing new, no second mail.
    sent = len(mail.outbox)
    again = run(project, W[46], W[47], django_capture_on_commit_callbacks)
    assert again.opened == [] and SupervisionNotice.objects.count() == 1
    assert len(mail.outbox) == sent

    score(project, W[47], "red", 52)
    score(project, W[48], "red", 55)
    on_deadline = run(project, W[48], notice.deadline, django_capture_on_commit_callbacks)
    assert on_deadline.proposed == []
    before = len(mail.outbox)
    after = run(
        project, W[48], notice.deadline + dt.timedelta(days=1), django_capture_on_commit_callbacks
    )
    assert len(after.proposed) == 1 and Interview.objects.get().notice == notice
    assert told(before) == {supervisor.email, leader_user.email}
    # Proposed once only.
    assert (
        run(
            project,
            W[48],
            notice.deadline + dt.timedelta(days=2),
            django_capture_on_commit_callbacks,
        ).proposed
        == []
    )

    score(project, W[49], "blue", 90)
    closed = run(project, W[49], W[50], django_capture_on_commit_callbacks)
    notice.refresh_from_db()
    assert closed.closed == [notice.pk]
    assert notice.status == NoticeStatus.CLOSED and notice.closed_on == W[49] + dt.timedelta(6)
    assert notice.history.count() == 2  # opened, closed: who, when and why kept


def test_clear_progress_after_the_deadline_proposes_no_interview(
    project, people, eager, django_capture_on_commit_callbacks
):
    score(project, W[45], "red", 50)
    score(project, W[46], "red", 50)
    run(project, W[46], W[47], django_capture_on_commit_callbacks)
    notice = SupervisionNotice.objects.get()
    score(project, W[47], "yellow", 65)
    late = notice.deadline + dt.timedelta(days=1)
    assert run(project, W[47], late, django_capture_on_commit_callbacks).proposed == []


def test_notice_numbers_follow_each_other(
    campaign, unit, leader, eager, django_capture_on_commit_callbacks
):
    from tests.factories import ProjectFactory

    projects = [ProjectFactory(campaign=campaign, unit=unit, leader=leader) for _ in range(3)]
    for p in projects:
        score(p, W[45], "red", 40)
        score(p, W[46], "red", 40)
    run(projects[0], W[46], W[47], django_capture_on_commit_callbacks)
    assert sorted(SupervisionNotice.objects.values_list("number", flat=True)) == [1, 2, 3]


@pytest.fixture
def notice(project, people, eager, django_capture_on_commit_callbacks):
    score(project, W[45], "red", 50)
    score(project, W[46], "red", 50)
    run(project, W[46], W[47], django_capture_on_commit_callbacks)
    found = SupervisionNotice.objects.get()
    score(project, W[47], "red", 50)
    run(project, W[47], found.deadline + dt.timedelta(days=1), django_capture_on_commit_callbacks)
    return found


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("manager", 200),
        ("supervisor", 200),
        ("reporter", 200),
        ("leader_user", 200),
        ("other_reporter", 404),
        ("handler", 404),
    ],
)
def test_notice_page_scope(request, client, notice, who, status):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("escalation:notice", args=[notice.pk])).status_code == status
    assert client.get(reverse("escalation:ladder")).status_code == 200


def test_anonymous_goes_to_login(client, notice):
    for url in (reverse("escalation:ladder"), reverse("escalation:notice", args=[notice.pk])):
        assert client.get(url)["Location"].startswith("/accounts/login/")


def test_supervisor_schedules_records_and_holds_accountable(client, supervisor, reporter, notice):
    client.force_login(reporter)
    url = reverse("escalation:schedule", args=[notice.pk])
    assert client.post(url, {}).status_code == 403
    client.force_login(supervisor)
    client.post(
        url, {"person": "区住建局局长", "when": "2026-12-20T09:30", "place": "区政府3号会议室"}
    )
    interview = Interview.objects.get()
    assert interview.status == "scheduled" and interview.place == "区政府3号会议室"
    client.post(reverse("escalation:record", args=[notice.pk]), {"record": "承诺两周内复工。"})
    interview.refresh_from_db()
    assert interview.status == "held" and interview.handled_by == supervisor
    response = client.post(
        reverse("escalation:accountability", args=[notice.pk]),
        {
            "decided_on": "2026-12-28",
            "person": "项目专班负责人",
            "measure": "通报批评",
            "reason": "约谈后仍无明显进展",
        },
    )
    assert response.status_code == 302
    assert notice.accountabilities.get().recorded_by == supervisor
    # An incomplete record is refused and nothing is written.
    client.post(reverse("escalation:accountability", args=[notice.pk]), {"person": "x"})
    assert notice.accountabilities.count() == 1


def test_the_notice_prints_as_a_pdf_in_chinese(client, manager, notice, tmp_path):
    client.force_login(manager)
    response = client.get(reverse("escalation:notice_pdf", args=[notice.pk]), follow=True)
    assert response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "notice.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    text = text.replace("\n", "")
    assert "督办通知书" in text
    assert notice.project.name in text
    assert "寒重督〔2026〕1号" in text


def test_a_unit_without_email_gets_no_mail_but_the_notice_stands(
    project, eager, django_capture_on_commit_callbacks
):
    UserFactory(username="nomail", role=Role.REPORTER, unit=project.unit, email="")
    score(project, W[45], "red", 50)
    score(project, W[46], "red", 50)
    run(project, W[46], W[47], django_capture_on_commit_callbacks)
    assert SupervisionNotice.objects.count() == 1
    assert mail.outbox == []


def test_the_threshold_comes_from_the_campaigns_rubric(
    project, admin_user, eager, django_capture_on_commit_callbacks
):
    from scoring.rubric import Rubric
    from scoring.versions import rubric_version_adopt, rubric_version_create

    rules = Rubric(notice_red_weeks=3).to_dict()
    version = rubric_version_create(
        campaign=project.campaign, rules=rules, note="三周红牌才督办", user=admin_user
    )
    rubric_version_adopt(version=version, user=admin_user)
    for n in (44, 45, 46):
        score(project, W[n], "red", 50)
    assert run(project, W[45], W[46], django_capture_on_commit_callbacks).opened == []
    assert len(run(project, W[46], W[47], django_capture_on_commit_callbacks).opened) == 1
