"""Raising a problem and every move through the services: routing, the log, history, files."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from problems import services
from problems.choices import Action, EventKind, Status
from problems.flow import MoveNotAllowed
from problems.models import EvidenceFile, Problem, ProblemEvent
from tests.factories import DepartmentFactory, RegionFactory

from .conftest import NOW, TODAY
from .factories import CategoryRouteFactory, ProblemFactory


def raise_land(project, reporter, **extra):
    data = {"category": "land", "title": "用地指标未落实", "need": "需协调45亩用地指标。"}
    return services.problem_raise(project=project, user=reporter, now=NOW, **{**data, **extra})


def act(problem, user, action, text="", **extra):
    return services.problem_act(
        problem=problem, user=user, action=action, text=text, now=NOW, **extra
    )


def test_a_problem_goes_straight_to_the_routed_department(project, reporter, route, department):
    problem = raise_land(project, reporter, week=dt.date(2026, 11, 9))
    assert problem.status == Status.ASSIGNED
    assert problem.department == department
    # Ten days fall on Saturday 28 November: the deadline moves to Monday, a working day.
    assert problem.deadline == dt.date(2026, 11, 30)
    assert problem.routed_at == NOW
    event = problem.events.get()
    assert (event.kind, event.actor, event.to_status) == (EventKind.RAISE, reporter, "assigned")
    assert event.department == department
    assert problem.history.count() == 1


def test_with_no_route_a_supervisor_must_route_it(project, reporter, settings):
    settings.PROBLEM_DAYS_TO_SOLVE = 12
    problem = raise_land(project, reporter, category="gas")
    assert problem.status == Status.UNROUTED
    assert problem.department is None
    assert problem.deadline == TODAY + dt.timedelta(days=12)


def test_a_city_route_serves_its_districts(project, reporter):
    city = RegionFactory(code="weifang", name="潍坊市", level="city")
    project.campaign.region.parent = city
    project.campaign.region.save()
    bureau = DepartmentFactory(region=city, name="市自然资源局")
    CategoryRouteFactory(region=city, category="land", department=bureau, days_to_solve=20)
    problem = raise_land(project, reporter)
    assert problem.department == bureau
    assert problem.deadline == TODAY + dt.timedelta(days=20)


def test_the_routes_escalation_step_is_kept_on_the_problem(project, reporter, route, settings):
    settings.PROBLEM_ESCALATION_DAYS = 4
    assert raise_land(project, reporter).step_days == 4
    route.escalation_days = 2
    route.save()
    assert raise_land(project, reporter).step_days == 2


def test_only_the_projects_reporters_raise(project, other_reporter, supervisor, handler):
    for user in (other_reporter, supervisor, handler):
        with pytest.raises(ValidationError, match="Only a reporter"):
            raise_land(project, user)
    assert not Problem.objects.exists()


def test_raising_checks_dates_and_fields(project, reporter):
    with pytest.raises(ValidationError) as refused:
        raise_land(project, reporter, needed_by=TODAY - dt.timedelta(days=1))
    assert "needed_by" in refused.value.error_dict
    with pytest.raises(ValidationError) as refused:
        raise_land(project, reporter, title="  ")
    assert "title" in refused.value.error_dict


def test_files_come_with_the_raising(project, reporter, route):
    upload = SimpleUploadedFile("红线图.pdf", b"%PDF-1.4 map", "application/pdf")
    problem = raise_land(project, reporter, files=[upload])
    stored = EvidenceFile.objects.get()
    assert (stored.problem, stored.event.kind, stored.name) == (problem, "raise", "红线图.pdf")
    assert stored.size == len(b"%PDF-1.4 map")


def test_the_loop_from_acceptance_to_closing(problem, reporter, handler):
    act(problem, handler, Action.ACCEPT)
    act(problem, handler, Action.ASK, "请补充红线图。")
    act(problem, reporter, Action.PROVIDE, "已补充。")
    evidence = SimpleUploadedFile("批复.pdf", b"%PDF answer", "application/pdf")
    act(problem, handler, Action.ANSWER, "指标已下达。", files=[evidence])
    problem.refresh_from_db()
    assert problem.status == Status.ANSWERED and problem.answered_at == NOW
    act(problem, reporter, Action.CONFIRM)
    problem.refresh_from_db()
    assert problem.status == Status.CLOSED
    assert problem.closed_at == NOW
    assert problem.solved_days == 2  # raised 2026-11-16, closed 2026-11-18
    kinds = list(problem.events.values_list("kind", "from_status", "to_status", "actor__username"))
    assert kinds == [
        ("raise", "", "assigned", "reporter"),
        ("accept", "assigned", "accepted", "handler"),
        ("ask", "accepted", "info_requested", "handler"),
        ("provide", "info_requested", "accepted", "reporter"),
        ("answer", "accepted", "answered", "handler"),
        ("confirm", "answered", "closed", "reporter"),
    ]
    assert problem.events.get(kind="answer").files.get().name == "批复.pdf"
    assert problem.history.count() == 1 + 5  # the factory's row and one version per move
    assert problem.history.first().history_user == reporter


def test_reopening_clears_the_answer_and_the_closing(problem, reporter, handler):
    act(problem, handler, Action.ANSWER, "已办结。")
    act(problem, reporter, Action.CONFIRM)
    act(problem, reporter, Action.REOPEN, "又断电了。")
    problem.refresh_from_db()
    assert problem.status == Status.REOPENED
    assert (problem.answered_at, problem.closed_at, problem.solved_days) == (None, None, None)
    assert problem.events.last().text == "又断电了。"


def test_declining_hands_it_back_for_routing(problem, handler, supervisor, other_department):
    act(problem, handler, Action.DECLINE, "属财政局职责。")
    problem.refresh_from_db()
    assert (problem.status, problem.department) == (Status.UNROUTED, None)
    act(problem, supervisor, Action.ROUTE, department=other_department)
    problem.refresh_from_db()
    assert problem.status == Status.ASSIGNED
    assert problem.department == other_department
    assert problem.deadline == dt.date(2026, 11, 30)  # the default 10 days, off the weekend
    event = problem.events.last()
    assert (event.kind, event.department, event.deadline) == (
        "route",
        other_department,
        problem.deadline,
    )


def test_a_supervisor_redirects_with_a_deadline(problem, supervisor, other_department):
    act(
        problem,
        supervisor,
        Action.ROUTE,
        department=other_department,
        deadline=dt.date(2026, 12, 24),
    )
    problem.refresh_from_db()
    assert (problem.department, problem.deadline) == (other_department, dt.date(2026, 12, 24))


def test_routing_checks_department_and_deadline(problem, supervisor):
    with pytest.raises(ValidationError) as refused:
        act(problem, supervisor, Action.ROUTE)
    assert "department" in refused.value.error_dict
    far = DepartmentFactory(region=RegionFactory(code="elsewhere", name="别处"))
    with pytest.raises(ValidationError) as refused:
        act(problem, supervisor, Action.ROUTE, department=far)
    assert "department" in refused.value.error_dict
    with pytest.raises(ValidationError) as refused:
        act(
            problem,
            supervisor,
            Action.ROUTE,
            department=problem.department,
            deadline=TODAY - dt.timedelta(days=1),
        )
    assert "deadline" in refused.value.error_dict


def test_a_forbidden_move_changes_nothing(problem, reporter, handler, other_handler, manager):
    with pytest.raises(MoveNotAllowed, match="Only the department it is routed to"):
        act(problem, reporter, Action.ANSWER, "我自己答复")
    with pytest.raises(MoveNotAllowed):
        act(problem, other_handler, Action.ACCEPT)
    with pytest.raises(MoveNotAllowed):
        act(problem, manager, Action.COMMENT, "只读")
    with pytest.raises(MoveNotAllowed, match="cannot be given the action"):
        act(problem, reporter, Action.CONFIRM)
    problem.refresh_from_db()
    assert problem.status == Status.ASSIGNED
    assert problem.events.count() == 1


def test_the_second_of_two_moves_is_judged_on_the_first_ones_result(problem, handler, reporter):
    stale = Problem.objects.get(pk=problem.pk)
    act(problem, handler, Action.ANSWER, "已办结。")
    with pytest.raises(MoveNotAllowed):
        act(stale, handler, Action.ACCEPT)  # the page was opened before the answer


def test_a_comment_keeps_the_status(problem, leader_user):
    act(problem, leader_user, Action.COMMENT, "请加快办理。")
    problem.refresh_from_db()
    assert problem.status == Status.ASSIGNED
    assert problem.events.last().acting_as == "leader"


def test_withdrawing_ends_the_loop(problem, reporter):
    act(problem, reporter, Action.WITHDRAW, "方案调整。")
    problem.refresh_from_db()
    assert problem.status == Status.WITHDRAWN and problem.closed_at == NOW
    assert problem.solved_days is None


def test_a_meetings_action_owned_by_a_units_reporters(project, reporter, supervisor):
    from problems.meetings import meeting_decide
    from tests.problems.factories import MeetingFactory

    meeting = MeetingFactory(region=project.campaign.region, recorded_by=supervisor)
    action = meeting_decide(
        meeting=meeting,
        user=supervisor,
        project=project,
        department=project.unit,
        category="other",
        title="倒排工期",
        need="加派施工力量。",
        deadline=dt.date(2026, 11, 25),
        now=NOW,
    )
    act(action, reporter, Action.ANSWER, "已加派两个班组。")
    with pytest.raises(MoveNotAllowed):
        act(action, reporter, Action.CONFIRM)  # the meeting (its supervisors) confirms
    act(action, supervisor, Action.CONFIRM)
    action.refresh_from_db()
    assert action.status == Status.CLOSED


def test_the_log_is_append_only(problem):
    event = problem.events.get()
    event.text = "改写"
    with pytest.raises(ValueError):
        event.save()
    with pytest.raises(ValueError):
        event.delete()
    assert ProblemEvent.objects.get(pk=event.pk).text == problem.need


def test_nothing_is_deleted(problem):
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        problem.delete()  # its log protects it


def test_constraints_hold_in_the_database(problem):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Problem.objects.filter(pk=problem.pk).update(status=Status.UNROUTED)
    with pytest.raises(IntegrityError), transaction.atomic():
        Problem.objects.filter(pk=problem.pk).update(level=4)
    with pytest.raises(IntegrityError), transaction.atomic():
        Problem.objects.filter(pk=problem.pk).update(status=Status.CLOSED)


def test_factory_problem_is_valid(problem):
    problem.full_clean()
    assert ProblemFactory._meta.model is Problem
