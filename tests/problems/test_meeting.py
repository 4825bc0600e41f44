"""The biweekly dispatch meeting: its agenda, its record, its decisions following the loop."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from problems import overdue
from problems.choices import Level, Origin, Status
from problems.meetings import meeting_decide, meeting_record
from problems.models import Meeting, Problem
from problems.selectors import agenda, decisions_open

from .conftest import NOW, TODAY
from .factories import MeetingFactory, ProblemFactory

LATE = TODAY - dt.timedelta(days=2)


@pytest.fixture
def board(project, other_project, department, other_department):
    return {
        "late_a": ProblemFactory(project=project, department=department, deadline=LATE),
        "escalated_b": ProblemFactory(
            project=other_project,
            department=other_department,
            deadline=TODAY + dt.timedelta(days=5),
            level=Level.LEADER,
        ),
        "unrouted": ProblemFactory(
            project=project, department=None, status=Status.UNROUTED, deadline=LATE
        ),
        "on_time": ProblemFactory(
            project=project, department=department, deadline=TODAY + dt.timedelta(days=5)
        ),
        "closed_late": ProblemFactory(
            project=project,
            department=department,
            deadline=LATE,
            status=Status.CLOSED,
            closed_at=NOW,
            level=Level.HEAD,
        ),
        "answered_late": ProblemFactory(
            project=project, department=department, deadline=LATE, status=Status.ANSWERED
        ),
    }


def test_the_agenda_groups_overdue_and_escalated_problems_by_department(board, supervisor):
    groups = agenda(user=supervisor, today=TODAY)
    assert groups[0].department is None  # nobody has routed these: first
    assert {g.department for g in groups[1:]} == {
        board["late_a"].department,
        board["escalated_b"].department,
    }
    found = {p.title for g in groups for p in g.problems}
    assert found == {board["late_a"].title, board["escalated_b"].title, board["unrouted"].title}


@time_machine.travel(NOW)
def test_the_agenda_page_is_printable(client, board, supervisor):
    client.force_login(supervisor)
    response = client.get(reverse("problems:agenda"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "data-print" in html  # static/js/page.js prints (no inline script under the CSP)
    assert board["late_a"].title in html and board["on_time"].title not in html
    assert response.context["count"] == 3


@time_machine.travel(NOW)
def test_recording_the_meeting_keeps_its_agenda(client, board, supervisor):
    client.force_login(supervisor)
    response = client.post(
        reverse("problems:agenda"),
        {
            "held_on": "2026-11-18",
            "attendees": "常务副区长、区自然资源局",
            "notes": "逐项研究。",
        },
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == meeting.get_absolute_url()
    assert set(meeting.agenda.all()) == {board["late_a"], board["escalated_b"], board["unrouted"]}
    assert meeting.recorded_by == supervisor and meeting.region == supervisor.region


@time_machine.travel(NOW)
def test_a_meeting_in_the_future_is_not_recorded(client, supervisor):
    client.force_login(supervisor)
    response = client.post(
        reverse("problems:agenda"), {"held_on": "2026-11-19", "attendees": "某某"}
    )
    assert response.status_code == 400
    assert not Meeting.objects.exists()
    with pytest.raises(ValidationError):
        meeting_record(
            user=supervisor,
            region=supervisor.region,
            held_on=dt.date(2026, 12, 1),
            attendees="某某",
            now=NOW,
        )


@time_machine.travel(NOW)
def test_a_decision_enters_the_loop(client, board, supervisor, other_department, other_handler):
    meeting = MeetingFactory(region=supervisor.region, recorded_by=supervisor)
    meeting.agenda.set([board["late_a"]])
    client.force_login(supervisor)
    response = client.post(
        reverse("problems:decide", args=[meeting.pk]),
        {
            "parent": board["late_a"].pk,
            "department": other_department.pk,
            "category": "funds",
            "title": "拨付前期经费",
            "need": "财政局一周内拨付500万元。",
            "deadline": "2026-11-25",
        },
    )
    assert response.status_code == 302
    decision = Problem.objects.get(origin=Origin.MEETING)
    assert (decision.meeting, decision.parent, decision.project) == (
        meeting,
        board["late_a"],
        board["late_a"].project,
    )
    assert (decision.department, decision.status) == (other_department, Status.ASSIGNED)
    assert decision.deadline == dt.date(2026, 11, 25)
    note = board["late_a"].events.last()
    assert note.kind == "comment" and "拨付前期经费" in note.text
    # The owner sees it in its inbox; it is open on the next agenda; it escalates like any.
    client.force_login(other_handler)
    inbox = client.get(reverse("problems:inbox")).context["table"].page.object_list
    assert decision.pk in {row.record.pk for row in inbox}
    assert decision in decisions_open(user=supervisor)
    with time_machine.travel(dt.datetime(2026, 11, 26, 0, 0, 1, tzinfo=NOW.tzinfo)):
        overdue.overdue_climb(notify=False)
    decision.refresh_from_db()
    assert decision.level == Level.HEAD


def test_a_decision_checks_its_inputs(board, supervisor, project, other_project, department):
    meeting = MeetingFactory(region=supervisor.region, recorded_by=supervisor)
    with pytest.raises(ValidationError) as refused:
        meeting_decide(
            meeting=meeting,
            user=supervisor,
            project=other_project,
            department=department,
            category="land",
            title="x",
            need="y",
            deadline=TODAY - dt.timedelta(days=1),
            parent=board["late_a"],
            now=NOW,
        )
    assert set(refused.value.error_dict) == {"deadline", "parent"}


def test_only_supervisors_decide(board, reporter, project, department):
    meeting = MeetingFactory(region=project.campaign.region)
    with pytest.raises(ValidationError, match="Only a supervisor"):
        meeting_decide(
            meeting=meeting,
            user=reporter,
            project=project,
            department=department,
            category="land",
            title="x",
            need="y",
            deadline=TODAY,
            now=NOW,
        )


@time_machine.travel(NOW)
def test_the_meeting_page(client, supervisor, board):
    meeting = MeetingFactory(region=supervisor.region, recorded_by=supervisor)
    meeting.agenda.set([board["late_a"]])
    client.force_login(supervisor)
    response = client.get(reverse("problems:meeting", args=[meeting.pk]))
    assert response.status_code == 200
    assert list(response.context["form"].fields["parent"].queryset) == [board["late_a"]]
    empty = client.post(reverse("problems:decide", args=[meeting.pk]), {})
    assert empty.status_code == 400
    assert "Choose the project" in empty.content.decode()
