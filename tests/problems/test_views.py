"""The pages of the loop through the test client: raise, answer with a file, confirm, filter."""

import datetime as dt

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from audit.kinds import Kind
from audit.models import Entry
from problems.choices import Level, Status
from problems.models import Problem

from .conftest import NOW, TODAY
from .factories import ProblemFactory

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def pdf(name="答复.pdf", body=b"%PDF-1.4 answer"):
    return SimpleUploadedFile(name, body, "application/pdf")


def test_raise_from_the_weekly_entry(client, reporter, project, route, department):
    client.force_login(reporter)
    url = reverse("problems:new", args=[project.pk]) + "?week=2026-W46"
    page = client.get(url)
    assert page.status_code == 200 and "2026-W46" in page.content.decode()
    response = client.post(
        url,
        {
            "category": "land",
            "title": "用地指标未落实",
            "need": "需协调45亩用地指标。",
            "needed_by": "2026-12-31",
            "files": [pdf("红线图.pdf")],
        },
    )
    problem = Problem.objects.get()
    assert response.status_code == 302 and response["Location"] == problem.get_absolute_url()
    assert problem.week == dt.date(2026, 11, 9)
    assert (problem.department, problem.status) == (department, Status.ASSIGNED)
    assert problem.files.get().name == "红线图.pdf"
    page = client.get(response["Location"])
    assert "Problem sent straight to" in page.content.decode()


def test_raise_with_no_route_says_a_supervisor_will_route_it(client, reporter, project):
    client.force_login(reporter)
    client.post(
        reverse("problems:new", args=[project.pk]),
        {"category": "gas", "title": "燃气未接入", "need": "需接入中压管道。"},
    )
    assert Problem.objects.get().status == Status.UNROUTED


def test_a_bad_raise_keeps_what_was_typed(client, reporter, project):
    client.force_login(reporter)
    response = client.post(
        reverse("problems:new", args=[project.pk]),
        {
            "category": "land",
            "title": "",
            "need": "需协调45亩用地指标。",
            "needed_by": "2026-01-01",
            "files": [pdf("病毒.exe")],
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "需协调45亩用地指标。" in html
    assert "this kind of file is not accepted" in html
    assert not Problem.objects.exists()


def test_answer_with_a_file_then_confirm(client, problem, handler, reporter):
    client.force_login(handler)
    page = client.get(problem.get_absolute_url()).content.decode()
    assert f'action="/problems/{problem.pk}/answer/"' in page
    response = client.post(
        reverse("problems:act", args=[problem.pk, "answer"]),
        {
            "answer-text": "指标已下达，见附件。",
            "answer-files": [pdf()],
        },
    )
    assert response.status_code == 302
    problem.refresh_from_db()
    assert problem.status == Status.ANSWERED
    evidence = problem.files.get()
    client.force_login(reporter)
    download = client.get(reverse("problems:file", args=[evidence.pk]))
    assert b"".join(download.streaming_content) == b"%PDF-1.4 answer"
    # The security audit log keeps who fetched which evidence file.
    assert Entry.objects.filter(
        kind=Kind.DOWNLOAD, username="reporter", detail=f"problem file {evidence.pk}"
    ).exists()
    page = client.get(problem.get_absolute_url()).content.decode()
    assert "指标已下达，见附件。" in page and f'action="/problems/{problem.pk}/confirm/"' in page
    client.post(reverse("problems:act", args=[problem.pk, "confirm"]), {"confirm-text": ""})
    problem.refresh_from_db()
    assert problem.status == Status.CLOSED


def test_a_move_without_its_reason_keeps_the_page(client, problem, handler):
    client.force_login(handler)
    response = client.post(
        reverse("problems:act", args=[problem.pk, "decline"]), {"decline-text": ""}
    )
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    problem.refresh_from_db()
    assert problem.status == Status.ASSIGNED


def test_a_supervisor_routes_from_the_page(client, problem, supervisor, other_department):
    client.force_login(supervisor)
    form = next(
        f for f in client.get(problem.get_absolute_url()).context["forms"] if f.action == "route"
    )
    assert other_department in form.fields["department"].queryset
    client.post(
        reverse("problems:act", args=[problem.pk, "route"]),
        {"route-department": other_department.pk, "route-deadline": "2026-12-20"},
    )
    problem.refresh_from_db()
    assert (problem.department, problem.deadline) == (other_department, dt.date(2026, 12, 20))


def test_filters(client, supervisor, project, other_project, department, other_department):
    late = ProblemFactory(
        project=project,
        department=department,
        deadline=TODAY,
        level=2,
        title="用地逾期",
        category="land",
    )
    late.deadline = TODAY - dt.timedelta(days=1)
    late.save()
    ProblemFactory(
        project=other_project, department=other_department, category="funds", title="资金缺口"
    )
    ProblemFactory(
        project=project, department=department, status=Status.CLOSED, closed_at=NOW, title="已销号"
    )
    client.force_login(supervisor)

    def titles(**params):
        response = client.get(reverse("problems:list"), {"status": "", **params})
        return sorted(row.record["title"] for row in response.context["table"].page.object_list)

    assert titles(overdue="true") == ["用地逾期"]
    assert titles(overdue="false") == ["已销号", "资金缺口"]
    assert titles(status="open") == ["用地逾期", "资金缺口"]
    assert titles(status="closed") == ["已销号"]
    assert titles(category="funds") == ["资金缺口"]
    assert titles(department=other_department.pk) == ["资金缺口"]
    assert titles(level=Level.LEADER) == ["用地逾期"]
    assert titles(q=other_project.name) == ["资金缺口"]
    assert titles(q="逾期") == ["用地逾期"]
    opened = client.get(reverse("problems:list"))  # no status asked: what is still open
    assert opened.context["filter"].form["status"].value() == "open"
    assert len(opened.context["table"].page.object_list) == 2


def test_the_project_page_shows_its_problems_and_the_button(client, reporter, project, problem):
    problem.level = Level.MEETING
    problem.deadline = TODAY - dt.timedelta(days=12)
    problem.save()
    client.force_login(reporter)
    html = client.get(reverse("projects:detail", args=[project.pk])).content.decode()
    assert reverse("problems:new", args=[project.pk]) in html
    assert problem.title in html and "↑ Dispatch meeting" in html
    assert "12 days overdue" in html


def test_the_weekly_entry_links_to_raising(client, reporter, project):
    client.force_login(reporter)
    html = client.get(reverse("projects:report_edit", args=[project.pk, "2026-W46"]))
    assert reverse("problems:new", args=[project.pk]) + "?week=2026-W46" in html.content.decode()


def test_the_escalated_are_highlighted_in_lists(client, supervisor, problem):
    problem.level = Level.LEADER
    problem.save()
    client.force_login(supervisor)
    html = client.get(reverse("problems:list")).content.decode()
    assert '<tr class="level-2' in html and "↑ Responsible leader" in html
