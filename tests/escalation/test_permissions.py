"""Who may do each step of a notice: the table itself, then the pages as each role."""

import pytest
from django.urls import reverse

from audit.kinds import Kind
from audit.models import Entry
from escalation import flow
from escalation.flow import Action, Actor
from escalation.models import NoticeStatus
from escalation.services import notice_act
from tests.factories import RegionFactory, UserFactory

pytestmark = pytest.mark.django_db
S = NoticeStatus


@pytest.mark.parametrize(
    ("status", "action", "actor", "target"),
    [
        (S.ISSUED, Action.SIGN, Actor.UNIT, S.SIGNED),
        (S.SIGNED, Action.ANSWER, Actor.UNIT, S.ANSWERED),
        (S.RETURNED, Action.ANSWER, Actor.UNIT, S.ANSWERED),
        (S.ANSWERED, Action.RETURN, Actor.SUPERVISOR, S.RETURNED),
        (S.ANSWERED, Action.ACCEPT, Actor.SUPERVISOR, S.CLOSED),
        (S.SIGNED, Action.CLOSE, Actor.SYSTEM, S.CLOSED),
    ],
)
def test_the_table_allows(status, action, actor, target):
    assert flow.move(status, action, {actor}, "理由") == target


@pytest.mark.parametrize(
    ("status", "action", "actor", "code"),
    [
        (S.ISSUED, Action.SIGN, Actor.SUPERVISOR, "wrong_actor"),
        (S.ISSUED, Action.ANSWER, Actor.UNIT, "no_such_move"),
        (S.SIGNED, Action.ACCEPT, Actor.SUPERVISOR, "no_such_move"),
        (S.ANSWERED, Action.ACCEPT, Actor.UNIT, "wrong_actor"),
        (S.ANSWERED, Action.RETURN, Actor.UNIT, "wrong_actor"),
        (S.CLOSED, Action.SIGN, Actor.UNIT, "no_such_move"),
        (S.CLOSED, Action.CLOSE, Actor.SYSTEM, "no_such_move"),
        (S.SIGNED, Action.CLOSE, Actor.SUPERVISOR, "wrong_actor"),
    ],
)
def test_the_table_refuses_with_a_code(status, action, actor, code):
    with pytest.raises(flow.MoveNotAllowed) as refused:
        flow.move(status, action, {actor}, "理由")
    assert refused.value.code == code


def test_text_is_required_where_the_table_says():
    with pytest.raises(flow.MoveNotAllowed) as refused:
        flow.move(S.ANSWERED, Action.RETURN, {Actor.SUPERVISOR}, "  ")
    assert refused.value.code == "text_required"
    assert flow.move(S.ANSWERED, Action.ACCEPT, {Actor.SUPERVISOR}, "") == S.CLOSED


def test_allowed_actions_per_actor():
    assert flow.allowed_actions(S.ISSUED, {Actor.UNIT}) == [Action.SIGN]
    assert flow.allowed_actions(S.ISSUED, {Actor.SUPERVISOR}) == []
    assert flow.allowed_actions(S.ANSWERED, {Actor.SUPERVISOR}) == [Action.RETURN, Action.ACCEPT]


@pytest.fixture
def people(request, reporter, other_reporter, supervisor, manager, leader_user, handler):
    far = RegionFactory(code="weicheng", name="潍城区")
    far_supervisor = UserFactory(username="far", role="supervisor", region=far, unit=None)
    return {
        "reporter": reporter,
        "other_reporter": other_reporter,
        "supervisor": supervisor,
        "manager": manager,
        "leader_user": leader_user,
        "handler": handler,
        "far_supervisor": far_supervisor,
    }


# The page's answer, then what signing for it answers, for each role.
SIGN = [
    ("reporter", 200, 302, NoticeStatus.SIGNED),
    ("supervisor", 200, 302, NoticeStatus.ISSUED),  # refused with a message, nothing changes
    ("manager", 200, 403, NoticeStatus.ISSUED),
    ("leader_user", 200, 403, NoticeStatus.ISSUED),
    ("other_reporter", 404, 404, NoticeStatus.ISSUED),
    ("handler", 404, 404, NoticeStatus.ISSUED),
    ("far_supervisor", 404, 404, NoticeStatus.ISSUED),
]


@pytest.mark.parametrize(("who", "page", "post", "after"), SIGN)
def test_signing_for_it(client, issued, people, who, page, post, after):
    client.force_login(people[who])
    assert client.get(issued.get_absolute_url()).status_code == page
    response = client.post(reverse("escalation:act", args=[issued.pk, "sign"]), {})
    assert response.status_code == post
    issued.refresh_from_db()
    assert issued.status == after


REVIEW = [
    ("supervisor", NoticeStatus.CLOSED),
    ("reporter", NoticeStatus.ANSWERED),
    ("manager", NoticeStatus.ANSWERED),
    ("leader_user", NoticeStatus.ANSWERED),
    ("far_supervisor", NoticeStatus.ANSWERED),
]


@pytest.mark.parametrize(("who", "after"), REVIEW)
def test_accepting_an_answer(client, issued, people, reporter, who, after):
    notice_act(notice=issued, user=reporter, action="sign")
    notice_act(notice=issued, user=reporter, action="answer", text="已整改")
    client.force_login(people[who])
    client.post(reverse("escalation:act", args=[issued.pk, "accept"]), {})
    issued.refresh_from_db()
    assert issued.status == after


def test_the_page_offers_each_person_only_their_steps(client, issued, reporter, supervisor):
    client.force_login(reporter)
    page = client.get(issued.get_absolute_url()).content.decode()
    assert reverse("escalation:act", args=[issued.pk, "sign"]) in page
    client.force_login(supervisor)
    page = client.get(issued.get_absolute_url()).content.decode()
    assert "/act/" not in page


@pytest.mark.parametrize("action", ["close", "nonsense", "%00", "sign%2F..%2F"])
def test_hostile_steps_are_404(client, issued, reporter, action):
    client.force_login(reporter)
    response = client.post(f"/ladder/notices/{issued.pk}/act/{action}/", {})
    assert response.status_code == 404


def test_an_evidence_file_reaches_only_those_who_see_the_notice(
    client, issued, reporter, other_reporter, supervisor, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    notice_act(notice=issued, user=reporter, action="sign")
    client.force_login(reporter)
    response = client.post(
        reverse("escalation:act", args=[issued.pk, "answer"]),
        {"answer-text": "附整改方案", "answer-files": SimpleUploadedFile("方案.pdf", b"%PDF-1.4")},
    )
    assert response.status_code == 302
    evidence = issued.files.get()
    url = reverse("escalation:file", args=[evidence.pk])
    client.force_login(supervisor)
    assert client.get(url).status_code == 200
    client.force_login(other_reporter)
    assert client.get(url).status_code == 404
    # The security audit log: the supervisor's download, not the refused one.
    downloads = Entry.objects.filter(kind=Kind.DOWNLOAD, detail=f"notice file {evidence.pk}")
    assert list(downloads.values_list("username", flat=True)) == ["supervisor"]


def test_a_bad_file_type_is_refused_with_a_message(client, issued, reporter):
    from django.core.files.uploadedfile import SimpleUploadedFile

    notice_act(notice=issued, user=reporter, action="sign")
    client.force_login(reporter)
    response = client.post(
        reverse("escalation:act", args=[issued.pk, "answer"]),
        {"answer-text": "附件", "answer-files": SimpleUploadedFile("x.exe", b"MZ")},
        follow=True,
    )
    issued.refresh_from_db()
    assert issued.status == NoticeStatus.SIGNED
    assert "x.exe" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/ladder/?page=-1",
        "/ladder/?page=abc",
        "/ladder/?sort=%00",
        "/ladder/?sort=nonsense&page=99999999",
        "/ladder/notices/99999999999999999999/",
        "/ladder/files/99999999999999999999/",
        "/documents/99999999999999999999/pdf/",
        "/instructions/99999999999999999999/",
    ],
)
def test_hostile_addresses_answer_a_page_or_404(client, issued, supervisor, url):
    client.force_login(supervisor)
    assert client.get(url).status_code in (200, 404)
