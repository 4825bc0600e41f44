"""Every URL of the reports app for every role: anonymous → login, reporters and department
handlers → 403, managers and leaders read, supervisors publish; another region's report → 404."""

import uuid

import pytest
from django.urls import resolve, reverse

from accounts.choices import Role
from audit.kinds import Kind
from audit.models import Entry
from reports import periods
from reports.choices import ReportKind
from reports.models import Report
from reports.services import report_build
from tests.factories import (
    CampaignFactory,
    RegionFactory,
    UserFactory,
)

from .helpers import mailing_list, small_district

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(campaign, unit, leader):
    small_district(campaign, unit, leader)
    mailing_list(campaign.region, ReportKind.WEEKLY, "a@example.gov.cn")
    return report_build(campaign=campaign, period=periods.parse("weekly", "2026-W47"))


def urls(report):
    return {
        "archive": ("get", reverse("reports:archive")),
        "detail": ("get", reverse("reports:detail", args=[report.pk])),
        "pdf": ("get", reverse("reports:download", args=[report.pk, "pdf"])),
        "xlsx": ("get", reverse("reports:download", args=[report.pk, "xlsx"])),
        "rebuild": ("post", reverse("reports:rebuild", args=[report.pk])),
        "resend": ("post", reverse("reports:resend", args=[report.pk])),
    }


READ = {"archive", "detail", "pdf", "xlsx"}
PUBLISH = {"rebuild", "resend"}


@pytest.mark.parametrize(
    ("who", "allowed", "forbidden"),
    [
        ("reporter", set(), READ | PUBLISH),
        ("handler", set(), READ | PUBLISH),
        ("manager_user", READ, PUBLISH),
        ("leader_user", READ, PUBLISH),
        ("supervisor", READ | PUBLISH, set()),
    ],
)
def test_permissions(request, client, report, who, allowed, forbidden):
    user = request.getfixturevalue(who)
    client.force_login(user)
    for name, (method, url) in urls(report).items():
        response = getattr(client, method)(url, {"reason": "x", "status": "closed"})
        if name in forbidden:
            assert response.status_code == 403, (who, name)
        else:
            assert name in allowed
            assert response.status_code in (200, 302), (who, name, response.status_code)


@pytest.fixture
def manager_user(manager):
    return manager


def test_anonymous_goes_to_login(client, report):
    for name, (method, url) in urls(report).items():
        response = getattr(client, method)(url)
        assert response.status_code == 302, name
        assert reverse("login") in response["Location"], name


def test_another_regions_report_is_not_found(client, report):
    other = RegionFactory(code="weicheng", name="潍城区")
    CampaignFactory(region=other)
    stranger = UserFactory(username="sup2", role=Role.SUPERVISOR, region=other, unit=None)
    client.force_login(stranger)
    assert client.get(reverse("reports:detail", args=[report.pk])).status_code == 404
    assert client.get(reverse("reports:download", args=[report.pk, "pdf"])).status_code == 404
    page = client.get(reverse("reports:archive"))
    assert page.status_code == 200 and "2026-W47" not in page.content.decode()


def test_weekly_report_urls_of_projects_still_resolve():
    """/reports/<int>/ belongs to the weekly reports of projects.urls, not to this app."""
    assert resolve("/reports/12/").view_name == "projects:report"
    assert resolve("/reports/12/accept/").view_name == "projects:report_accept"
    assert resolve("/reports/").view_name == "reports:archive"


def test_archive_lists_period_revision_and_recipients(
    client, supervisor, report, django_assert_max_num_queries
):
    client.force_login(supervisor)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("reports:archive"))
    html = page.content.decode()
    assert "2026-W47" in html and "每周梳理" in html
    for ordering in (
        "period",
        "-period",
        "title",
        "campaign",
        "revision",
        "status",
        "built_at",
        "recipients",
    ):
        assert client.get(reverse("reports:archive"), {"sort": ordering}).status_code == 200
    assert (
        client.get(reverse("reports:archive"), {"kind": "weekly", "period": "W47"}).status_code
        == 200
    )


def test_report_page_shows_the_document_and_downloads(client, manager, report):
    client.force_login(manager)
    html = client.get(report.get_absolute_url()).content.decode()
    assert "寒亭区重点项目建设大比拼" in html and "本周亮牌情况" in html
    assert "Build new revision" not in html and "生成新版本" not in html  # managers read only
    pdf = client.get(reverse("reports:download", args=[report.pk, "pdf"]))
    assert pdf["Content-Type"] == "application/pdf"
    xlsx = client.get(reverse("reports:download", args=[report.pk, "xlsx"]))
    assert "attachment" in xlsx["Content-Disposition"]
    # The security audit log: each file fetched, by whom.
    fetched = Entry.objects.filter(kind=Kind.DOWNLOAD, detail=f"report {report.pk}")
    assert sorted(fetched.values_list("target", flat=True)) == [
        f"{report.file_stem}.pdf",
        f"{report.file_stem}.xlsx",
    ]
    assert set(fetched.values_list("username", flat=True)) == {manager.username}
    assert client.get(reverse("reports:download", args=[report.pk, "doc"])).status_code == 404


def test_supervisor_rebuilds_a_new_revision(
    client, supervisor, report, settings, django_capture_on_commit_callbacks
):
    from config.celery_app import app

    app.conf.task_always_eager = True
    try:
        client.force_login(supervisor)
        with django_capture_on_commit_callbacks(execute=True):
            form = {"reason": "更正投资数据", "token": uuid.uuid4().hex}
            response = client.post(reverse("reports:rebuild", args=[report.pk]), form)
            again = client.post(reverse("reports:rebuild", args=[report.pk]), form)  # 2 clicks
    finally:
        app.conf.task_always_eager = False
    assert response.status_code == again.status_code == 302
    assert Report.objects.count() == 2  # one new revision for the double click
    latest = Report.objects.order_by("-revision").first()
    assert (latest.revision, latest.reason, latest.built_by) == (2, "更正投资数据", supervisor)
    assert (
        client.post(reverse("reports:rebuild", args=[report.pk]), {"reason": ""}).status_code == 302
    )
    assert Report.objects.count() == 2  # no reason, no revision


def test_supervisor_resends_to_one_recipient_of_the_list_only(client, supervisor, report):
    from outbox.choices import Status
    from outbox.models import Message
    from reports import delivery

    delivery.deliveries_create(report=report)
    [(to, _label), *_rest] = delivery.resend_choices(report)
    client.force_login(supervisor)
    page = client.get(reverse("reports:detail", args=[report.pk]))
    assert to in page.content.decode()
    url = reverse("reports:resend", args=[report.pk])
    token = uuid.uuid4().hex
    before = Message.objects.count()
    for _click in range(2):
        assert client.post(url, {"to": to, "token": token}).status_code == 302
    resent = Message.objects.filter(context__resend=True)
    assert Message.objects.count() == before + 1 and resent.get().status == Status.READY
    # An address typed into the form (not one the report went to) is refused.
    client.post(url, {"to": "email:x@example.gov.cn", "token": uuid.uuid4().hex})
    assert not Message.objects.filter(address="x@example.gov.cn").exists()
