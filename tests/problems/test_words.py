"""What the problem pages call things, in Chinese as the officials read them: the accepted step,
the department's name, and the problems a meeting's decision may follow up."""

import datetime as dt

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.urls import reverse

from problems.models import Problem

from .conftest import NOW
from .factories import MeetingFactory, ProblemFactory

pytestmark = pytest.mark.usefixtures("chinese")


@pytest.fixture
def chinese(client):
    client.cookies["django_language"] = "zh-hans"
    with time_machine.travel(NOW, tick=False):
        yield


def test_accepting_a_problem_reads_as_accepted_for_handling_not_reviewed(client, problem, handler):
    client.force_login(handler)
    client.post(reverse("problems:act", args=[problem.pk, "accept"]), {"accept-text": ""})
    page = client.get(problem.get_absolute_url()).content.decode()
    timeline = page[page.index('class="timeline') :]
    assert "已受理" in timeline
    assert "已审核" not in timeline  # a weekly report is reviewed; a problem is accepted


def test_the_message_names_the_department_as_the_problem_page_does(
    client, reporter, project, route, department
):
    department.short_name = "自然资源局"
    department.save()
    client.force_login(reporter)
    response = client.post(
        reverse("problems:new", args=[project.pk]),
        {"category": "land", "title": "用地指标未落实", "need": "需协调45亩用地指标。"},
    )
    message = str(next(iter(get_messages(response.wsgi_request))))
    page = client.get(Problem.objects.get().get_absolute_url()).content.decode()
    assert "区自然资源局" in message
    assert "<strong>区自然资源局</strong>" in page


def test_the_follow_up_list_names_each_problem_with_its_project(
    client, supervisor, project, other_project, department
):
    same = [
        ProblemFactory(project=p, department=department, title="供电线路迁改")
        for p in (project, other_project)
    ]
    meeting = MeetingFactory(region=supervisor.region, recorded_by=supervisor)
    meeting.agenda.set(same)
    client.force_login(supervisor)
    form = client.get(reverse("problems:meeting", args=[meeting.pk])).context["form"]
    labels = [label for value, label in form.fields["parent"].choices if value]
    assert len(labels) == len(set(labels)) == 2
    assert {"OLED盖板项目", "5G新材料项目"} == {
        name for label in labels for name in ("OLED盖板项目", "5G新材料项目") if name in label
    }
    assert all(dt.date(2026, 11, 30).isoformat() in label for label in labels)
