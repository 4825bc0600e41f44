"""The supervisor's review queue: newest week first, a week filter, the submitter's name."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.factories import WeeklyReportFactory

W46, W47, W48 = dt.date(2026, 11, 9), dt.date(2026, 11, 16), dt.date(2026, 11, 23)


@pytest.fixture
def queue(project, other_project, reporter):
    reporter.first_name, reporter.username = "王建国", "wjg2026"
    reporter.save()
    return [
        WeeklyReportFactory(project=project, week=W46, submitted_by=reporter),
        WeeklyReportFactory(project=other_project, week=W48, submitted_by=reporter),
        WeeklyReportFactory(project=project, week=W47, submitted_by=reporter),
        WeeklyReportFactory(project=other_project, week=W47, status="accepted"),  # not waiting
    ]


def rows(response):
    return [(r.record.week, r.record.project.name) for r in response.context["table"].rows]


def test_newest_week_first(client, supervisor, queue):
    client.force_login(supervisor)
    response = client.get(reverse("projects:review"))
    assert [week for week, _name in rows(response)] == [W48, W47, W46]


def test_the_submitter_is_named_not_his_login(client, supervisor, queue):
    client.force_login(supervisor)
    body = client.get(reverse("projects:review")).content.decode()
    assert "王建国" in body and "wjg2026" not in body


def test_the_week_filter_offers_the_waiting_weeks(client, supervisor, queue):
    client.force_login(supervisor)
    response = client.get(reverse("projects:review"), {"week": "2026-W47"})
    assert rows(response) == [(W47, queue[2].project.name)]
    offered = [value for value, _label in response.context["filter"].form.fields["week"].choices]
    assert offered == ["", "2026-W48", "2026-W47", "2026-W46"]


@pytest.mark.parametrize("week", ["abc", "2026-W99", "2026-W45", "%00", "9" * 40])
def test_a_bad_week_is_said_not_a_500(client, supervisor, queue, week):
    client.force_login(supervisor)
    response = client.get(reverse("projects:review"), {"week": week})
    assert response.status_code == 200
    assert rows(response) == []
    assert "该周没有待审核的周报" in response.content.decode()


def test_only_supervisors_review(client, reporter, queue):
    client.force_login(reporter)
    assert client.get(reverse("projects:review")).status_code == 403
