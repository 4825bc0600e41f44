"""三权分立 on the pages: the system, security and audit administrators read what their region
shows but review, accept and keep nothing of the business; supervisors do."""

import pytest
from django.urls import reverse

from accounts.choices import Role
from projects.choices import ReportStatus
from tests.factories import UserFactory, WeeklyReportFactory

pytestmark = pytest.mark.django_db

ADMINISTRATORS = [Role.ADMIN, Role.SECURITY, Role.AUDITOR]


@pytest.fixture
def submitted(project):
    return WeeklyReportFactory(project=project, status=ReportStatus.SUBMITTED)


@pytest.mark.parametrize("role", ADMINISTRATORS)
def test_an_administrator_cannot_review_accept_or_keep_the_register(
    client, region, submitted, role
):
    client.force_login(UserFactory(role=role, region=region, unit=None, is_staff=True))
    assert client.get(reverse("projects:review")).status_code == 403
    assert client.post(reverse("projects:report_accept", args=[submitted.pk])).status_code == 403
    assert client.get(reverse("workbooks:register")).status_code == 403
    submitted.refresh_from_db()
    assert submitted.status == ReportStatus.SUBMITTED  # nothing changed


def test_the_system_administrator_keeps_the_rubric_and_sees_no_review_link(client, campaign):
    client.force_login(
        UserFactory(role=Role.ADMIN, region=campaign.region, unit=None, is_staff=True)
    )
    page = client.get(reverse("scoring:rubric"))
    assert page.status_code == 200
    assert reverse("projects:review") not in page.content.decode()


def test_a_supervisor_accepts(client, supervisor, submitted):
    client.force_login(supervisor)
    assert client.post(reverse("projects:report_accept", args=[submitted.pk])).status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == ReportStatus.ACCEPTED


@pytest.mark.parametrize(
    ("role", "start"), [(Role.SECURITY, "security:lockouts"), (Role.AUDITOR, "audit:log")]
)
def test_the_security_and_audit_administrators_start_on_their_own_page(client, region, role, start):
    client.force_login(UserFactory(role=role, region=region, unit=None, is_staff=True))
    response = client.get(reverse("projects:home"))
    assert response.status_code == 302 and response["Location"] == reverse(start)
    page = client.get(response["Location"])
    assert page.status_code == 200
    # Their menu is their own work: no register, dashboard or problems to open.
    for name in ("projects:list", "dashboard:dashboard", "problems:list"):
        assert f'href="{reverse(name)}"' not in page.content.decode()
