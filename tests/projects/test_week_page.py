"""The reporter's "this week" page: each project's line, and the reports sent back of other
weeks, read together in one query of reports."""

import datetime as dt

import time_machine
from django.urls import reverse

from projects.weeks import SHANGHAI
from tests.factories import ProjectFactory, WeeklyReportFactory

NOW = dt.datetime(2026, 11, 20, 10, 0, tzinfo=SHANGHAI)
WEEK, EARLIER, OLDEST = dt.date(2026, 11, 16), dt.date(2026, 11, 9), dt.date(2026, 10, 26)


@time_machine.travel(NOW)
def test_lines_and_returned_reports(client, reporter, campaign, unit, other_unit, leader):
    drafted, back, sent, missing = (
        ProjectFactory(campaign=campaign, unit=unit, leader=leader, code=f"P{n}", name=f"项目{n}")
        for n in range(4)
    )
    WeeklyReportFactory(project=drafted, week=WEEK, status="draft")
    WeeklyReportFactory(project=back, week=WEEK, status="returned", return_reason="本周数字不对")
    WeeklyReportFactory(project=sent, week=WEEK, status="submitted", is_late=True)
    # Sent back in earlier weeks: listed oldest first; accepted ones are not.
    WeeklyReportFactory(project=missing, week=EARLIER, status="returned", return_reason="缺照片")
    WeeklyReportFactory(project=drafted, week=OLDEST, status="returned", return_reason="投资偏高")
    WeeklyReportFactory(project=sent, week=EARLIER, status="accepted")
    # Another unit's report sent back is not this reporter's.
    other = ProjectFactory(campaign=campaign, unit=other_unit, leader=leader, name="别人的项目")
    WeeklyReportFactory(project=other, week=EARLIER, status="returned", return_reason="别人的")
    client.force_login(reporter)

    response = client.get(reverse("projects:this_week"))

    rows = response.context["rows"]
    assert [(row.project.code, row.status) for row in rows] == [
        ("P0", "draft"),
        ("P1", "returned"),
        ("P2", "submitted"),
        ("P3", "missing"),
    ]
    assert rows[2].report.is_late and rows[3].report is None
    returned = response.context["returned"]
    assert [(r.project.name, r.week) for r in returned] == [("项目0", OLDEST), ("项目3", EARLIER)]
    html = response.content.decode()
    assert "本周数字不对" in html and "缺照片" in html and "投资偏高" in html
    assert "别人的" not in html
    assert response.context["counts"] == {"draft": 1, "returned": 1, "submitted": 1, "missing": 1}


@time_machine.travel(NOW)
def test_another_weeks_page_lists_this_weeks_returned_report(
    client, reporter, campaign, unit, leader
):
    project = ProjectFactory(campaign=campaign, unit=unit, leader=leader)
    WeeklyReportFactory(project=project, week=WEEK, status="returned", return_reason="重填")
    client.force_login(reporter)

    response = client.get(reverse("projects:this_week"), {"week": "2026-W46"})

    assert [row.status for row in response.context["rows"]] == ["missing"]
    assert [r.week for r in response.context["returned"]] == [WEEK]
