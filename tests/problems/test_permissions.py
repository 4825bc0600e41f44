"""Every URL of the loop against anonymous, the wrong role (403), the wrong unit or region (404)
and the right role."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.choices import Role
from problems.choices import Action
from problems.services import problem_act
from tests.factories import RegionFactory, UserFactory

from .factories import MeetingFactory


@pytest.fixture
def far_supervisor(db):
    region = RegionFactory(code="anqiu", name="安丘市")
    return UserFactory(username="far", role=Role.SUPERVISOR, region=region, unit=None)


@pytest.fixture
def evidence(problem, handler):
    upload = SimpleUploadedFile("答复.pdf", b"%PDF answer", "application/pdf")
    problem_act(problem=problem, user=handler, action=Action.ANSWER, text="已办结", files=[upload])
    return problem.files.get()


@pytest.fixture
def meeting(region, supervisor, problem):
    meeting = MeetingFactory(region=region, recorded_by=supervisor)
    meeting.agenda.set([problem])
    return meeting


def url(name, problem, project, evidence, meeting):
    return {
        "list": reverse("problems:list"),
        "inbox": reverse("problems:inbox"),
        "stats": reverse("problems:stats"),
        "new": reverse("problems:new", args=[project.pk]),
        "detail": reverse("problems:detail", args=[problem.pk]),
        "comment": reverse("problems:act", args=[problem.pk, "comment"]),
        "file": reverse("problems:file", args=[evidence.pk]),
        "agenda": reverse("problems:agenda"),
        "meeting": reverse("problems:meeting", args=[meeting.pk]),
        "decide": reverse("problems:decide", args=[meeting.pk]),
    }[name]


ALL_ROLES = [
    "reporter",
    "other_reporter",
    "handler",
    "other_handler",
    "supervisor",
    "manager",
    "leader_user",
    "far_supervisor",
]
# (url name, user fixture, GET status); None = anonymous.
GET_MATRIX = [
    *[("list", who, 200) for who in ALL_ROLES],
    *[("stats", who, 200) for who in ALL_ROLES],
    ("inbox", "reporter", 200),
    ("inbox", "handler", 200),
    ("inbox", "supervisor", 200),
    ("inbox", "manager", 403),
    ("inbox", "leader_user", 403),
    ("new", "reporter", 200),
    ("new", "other_reporter", 404),
    ("new", "supervisor", 403),
    ("new", "manager", 403),
    ("new", "leader_user", 403),
    ("new", "far_supervisor", 404),
    # The handler sees the project (a problem is routed to the department) but raises nothing.
    ("new", "handler", 403),
    ("new", "other_handler", 404),
    ("detail", "reporter", 200),
    ("detail", "other_reporter", 404),
    ("detail", "handler", 200),
    ("detail", "other_handler", 404),
    ("detail", "supervisor", 200),
    ("detail", "manager", 200),
    ("detail", "leader_user", 200),
    ("detail", "far_supervisor", 404),
    ("comment", "reporter", 405),
    ("file", "reporter", 200),
    ("file", "handler", 200),
    ("file", "supervisor", 200),
    ("file", "other_reporter", 404),
    ("file", "other_handler", 404),
    ("file", "far_supervisor", 404),
    ("agenda", "supervisor", 200),
    ("agenda", "manager", 200),
    ("agenda", "reporter", 403),
    ("agenda", "handler", 403),
    ("agenda", "leader_user", 403),
    ("agenda", "far_supervisor", 200),
    ("meeting", "supervisor", 200),
    ("meeting", "manager", 200),
    ("meeting", "reporter", 403),
    ("meeting", "handler", 403),
    ("meeting", "far_supervisor", 404),
    ("decide", "supervisor", 405),
]
POST_MATRIX = [
    ("comment", "reporter", 302),
    ("comment", "handler", 302),
    ("comment", "supervisor", 302),
    ("comment", "leader_user", 302),
    ("comment", "manager", 403),
    ("comment", "other_handler", 404),
    ("comment", "far_supervisor", 404),
    ("agenda", "manager", 403),
    ("agenda", "reporter", 403),
    ("decide", "manager", 403),
    ("decide", "reporter", 403),
    ("decide", "far_supervisor", 404),
    ("decide", "supervisor", 400),  # an empty decision: the form says what is missing
]
NAMES = sorted({name for name, _w, _s in GET_MATRIX + POST_MATRIX})


@pytest.fixture
def urls(problem, project, evidence, meeting):
    return lambda name: url(name, problem, project, evidence, meeting)


@pytest.mark.parametrize("name", NAMES)
def test_anonymous_is_sent_to_log_in(client, urls, name):
    response = client.get(urls(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(("name", "who", "status"), GET_MATRIX)
def test_get(request, client, urls, name, who, status):
    client.force_login(request.getfixturevalue(who))
    assert client.get(urls(name)).status_code == status


@pytest.mark.parametrize(("name", "who", "status"), POST_MATRIX)
def test_post(request, client, urls, name, who, status):
    client.force_login(request.getfixturevalue(who))
    data = {"comment-text": "请加快。"}
    assert client.post(urls(name), data).status_code == status


def test_an_unknown_action_is_not_found(client, reporter, problem):
    client.force_login(reporter)
    response = client.post(reverse("problems:act", args=[problem.pk, "delete"]))
    assert response.status_code == 404


def test_a_forbidden_move_says_why_and_changes_nothing(client, reporter, problem):
    client.force_login(reporter)
    response = client.post(
        reverse("problems:act", args=[problem.pk, "answer"]), {"answer-text": "我来答复"}
    )
    assert response.status_code == 400
    assert "Only the department it is routed to may answer" in response.content.decode()
    problem.refresh_from_db()
    assert problem.status == "assigned"
