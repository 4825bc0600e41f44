"""Every URL against anonymous, the wrong role, the wrong unit (404) and the right role."""

import io

import pytest
from django.urls import reverse
from PIL import Image

from projects.models import SitePhoto
from tests.factories import WeeklyReportFactory

WEEK = "2026-W47"


@pytest.fixture
def report(project, reporter):
    return WeeklyReportFactory(project=project, submitted_by=reporter)


@pytest.fixture
def photo(report, reporter, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "blue").save(buffer, "JPEG")
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SitePhoto.objects.create(
        report=report,
        image=SimpleUploadedFile("site.jpg", buffer.getvalue(), "image/jpeg"),
        uploaded_by=reporter,
    )


def url_for(name, project, report, photo):
    return {
        "home": reverse("projects:home"),
        "this_week": reverse("projects:this_week"),
        "list": reverse("projects:list"),
        "detail": reverse("projects:detail", args=[project.pk]),
        "report_edit": reverse("projects:report_edit", args=[project.pk, WEEK]),
        "report": reverse("projects:report", args=[report.pk]),
        "photo": reverse("projects:photo", args=[photo.pk]),
        "review": reverse("projects:review"),
        "register": reverse("workbooks:register"),
        "register_export": reverse("workbooks:register_export"),
        "changes": reverse("projects:changes"),
    }[name]


# (url name, user fixture, expected status)
MATRIX = [
    ("home", "reporter", 302),
    ("this_week", "reporter", 200),
    ("this_week", "supervisor", 200),
    ("list", "reporter", 200),
    ("list", "manager", 200),
    ("detail", "reporter", 200),
    ("detail", "other_reporter", 404),
    ("detail", "supervisor", 200),
    ("detail", "manager", 200),
    ("detail", "leader_user", 200),
    ("detail", "handler", 404),
    ("report_edit", "reporter", 302),  # the report is submitted: shown read-only
    ("report_edit", "other_reporter", 404),
    ("report_edit", "supervisor", 403),
    ("report_edit", "manager", 403),
    ("report_edit", "handler", 404),
    ("report", "reporter", 200),
    ("report", "other_reporter", 404),
    ("report", "supervisor", 200),
    ("report", "handler", 404),
    ("photo", "reporter", 200),
    ("photo", "other_reporter", 404),
    ("photo", "supervisor", 200),
    ("review", "supervisor", 200),
    ("review", "reporter", 403),
    ("review", "manager", 403),
    ("register", "supervisor", 200),
    ("register", "reporter", 403),
    ("register", "manager", 403),
    ("register_export", "supervisor", 200),
    ("register_export", "leader_user", 403),
    ("changes", "supervisor", 200),
    ("changes", "reporter", 403),
    ("changes", "handler", 403),
]


@pytest.mark.parametrize("name", sorted({row[0] for row in MATRIX}))
def test_anonymous_is_sent_to_login(client, name, project, report, photo):
    response = client.get(url_for(name, project, report, photo))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(("name", "who", "status"), MATRIX)
def test_role_and_unit(request, client, name, who, status, project, report, photo, other_project):
    client.force_login(request.getfixturevalue(who))
    response = client.get(url_for(name, project, report, photo))
    assert response.status_code == status


@pytest.mark.parametrize(
    ("action", "who", "status"),
    [
        ("report_return", "reporter", 403),
        ("report_return", "manager", 403),
        ("report_accept", "reporter", 403),
        ("report_accept", "leader_user", 403),
        ("report_accept", "supervisor", 302),
        ("report_return", "supervisor", 302),
    ],
)
def test_review_actions(request, client, action, who, status, report):
    client.force_login(request.getfixturevalue(who))
    response = client.post(reverse(f"projects:{action}", args=[report.pk]), {"reason": "数据有误"})
    assert response.status_code == status
    report.refresh_from_db()
    expected = {"report_accept": "accepted", "report_return": "returned"}[action]
    assert (report.status == expected) == (status == 302)


def test_other_region_supervisor_sees_nothing(client, project, report):
    from accounts.choices import Role
    from tests.factories import RegionFactory, UserFactory

    elsewhere = RegionFactory(name="奎文区", code="kuiwen")
    outsider = UserFactory(username="sup2", role=Role.SUPERVISOR, region=elsewhere, unit=None)
    client.force_login(outsider)
    assert client.get(reverse("projects:detail", args=[project.pk])).status_code == 404
    assert client.get(reverse("projects:report", args=[report.pk])).status_code == 404
    response = client.post(reverse("projects:report_return", args=[report.pk]), {"reason": "x"})
    assert response.status_code == 404


def test_health_is_public(client, db):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json()["database"] == "ok"
