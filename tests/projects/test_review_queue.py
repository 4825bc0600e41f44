"""The supervisor's review queue: newest week first, a week filter, the submitter's name."""

import datetime as dt

import pytest
from django.urls import reverse

from accounts.choices import RegionLevel, Role
from projects.models import WeeklyReport
from projects.scope import campaign_reports_for, reports_for
from tests.factories import ProjectFactory, RegionFactory, UserFactory, WeeklyReportFactory

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


def reports(table_rows) -> list[WeeklyReport]:
    """The reports of a table's plain rows, in their order."""
    records = [r.record for r in table_rows]
    found = WeeklyReport.objects.select_related("project").in_bulk([r.pk for r in records])
    return [found[r.pk] for r in records]


def rows(response):
    return [(r.week, r.project.name) for r in reports(response.context["table"].rows)]


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


def test_a_page_of_the_queue_is_the_same_as_the_whole_queue_sorted(
    client, supervisor, campaign, unit, leader, settings
):
    """Pages are read from their own weeks: page by page they are the whole queue in order."""
    projects = [
        ProjectFactory(campaign=campaign, unit=unit, leader=leader, code=f"P{n * 7 % 23:02d}")
        for n in range(23)
    ]
    for i, week in enumerate((W46, W47, W48)):
        for project in projects[i * 4 :]:
            WeeklyReportFactory(project=project, week=week)
    expected = [
        (r.week, r.project.code, r.project_id)
        for r in WeeklyReport.objects.filter(status="submitted").select_related("project")
    ]
    expected.sort(key=lambda row: (-row[0].toordinal(), row[1], row[2]))
    client.force_login(supervisor)
    shown = []
    for page in (1, 2, 3, 4, 5):  # 57 reports, 14 a page
        response = client.get(reverse("projects:review"), {"page": page, "per_page": 14})
        table = response.context["table"]
        shown += [(r.week, r.project.code, r.project_id) for r in reports(table.page)]
        assert table.paginator.count == len(expected) == 23 + 19 + 15
    assert shown == expected
    one_week = client.get(
        reverse("projects:review"), {"week": "2026-W47", "page": 2, "per_page": 5}
    )
    rows = [(r.week, r.project.code) for r in reports(one_week.context["table"].page)]
    assert rows == [(w, c) for w, c, _ in expected if w == W47][5:10]


@pytest.mark.parametrize("who", ["supervisor", "city", "superuser", "reporter", "inactive"])
def test_the_reports_through_the_campaigns_are_the_users_own(
    who, supervisor, reporter, project, other_project
):
    """The review queue reads a region-wide user's reports by campaign ids: the same reports."""
    city = RegionFactory(level=RegionLevel.CITY)
    supervisor.region.parent = city
    supervisor.region.save()
    elsewhere = ProjectFactory()  # another district's
    for p in (project, other_project, elsewhere):
        WeeklyReportFactory(project=p)
    user = {
        "supervisor": supervisor,
        "city": UserFactory(role=Role.SUPERVISOR, region=city, unit=None),
        "superuser": UserFactory(is_superuser=True, role=Role.ADMIN),
        "reporter": reporter,
        "inactive": UserFactory(role=Role.SUPERVISOR, region=city, unit=None, is_active=False),
    }[who]
    assert set(campaign_reports_for(user)) == set(reports_for(user))


@pytest.mark.parametrize(
    "column", ["week", "project", "unit", "ytd_investment", "status", "is_late", "submitted_by"]
)
def test_sorted_by_any_column_the_pages_show_each_report_once(client, supervisor, campaign, column):
    """Every report waiting ties on its status, many on their week, unit or submitter: each
    column's order ends with the report's id, so paging neither repeats nor skips one."""
    projects = [ProjectFactory(campaign=campaign, code=f"R{n:02}") for n in range(9)]
    for week in (W46, W47):
        for project in projects:
            WeeklyReportFactory(project=project, week=week, is_late=week == W46)
    waiting = set(WeeklyReport.objects.filter(status="submitted").values_list("pk", flat=True))
    client.force_login(supervisor)
    for sort in (column, f"-{column}"):
        shown = []
        for page in (1, 2, 3):
            response = client.get(
                reverse("projects:review"), {"sort": sort, "per_page": 7, "page": page}
            )
            shown += [row.record.pk for row in response.context["table"].page]
        assert sorted(shown) == sorted(waiting), sort
