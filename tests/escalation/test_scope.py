"""Another region's notice answers 404 at every address of the ladder, and another region's ladder
page names none of its notices, interviews or accountability records (escalation.scope)."""

import datetime as dt

import pytest
from django.urls import reverse

from escalation.models import Accountability, Interview, NoticeStatus
from escalation.services import accountability_record, ladder_run
from tests.escalation.conftest import W, score_red
from tests.factories import RegionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def far_supervisor():
    far = RegionFactory(code="weicheng", name="潍城区")
    return UserFactory(username="far", role="supervisor", region=far, unit=None)


@pytest.fixture
def climbed(issued, supervisor, django_capture_on_commit_callbacks):
    """The notice still red past its deadline (an interview proposed), held accountable."""
    score_red(issued.project, W[48])
    score_red(issued.project, W[49])
    with django_capture_on_commit_callbacks(execute=True):
        ladder_run(
            campaign=issued.project.campaign,
            week=W[49],
            today=issued.deadline + dt.timedelta(days=1),
            tell=False,
        )
    accountability_record(
        project=issued.project,
        notice=issued,
        decided_on=W[50],
        person="项目专班负责人",
        measure="通报批评",
        reason="约谈后仍无明显进展",
        user=supervisor,
    )
    assert Interview.objects.filter(notice=issued).exists()
    return issued


def test_every_address_of_a_notice_is_404_to_another_region(client, climbed, far_supervisor):
    client.force_login(far_supervisor)
    pk = climbed.pk
    for name in ("escalation:notice", "escalation:notice_pdf"):
        assert client.get(reverse(name, args=[pk])).status_code == 404, name
    posts = {
        reverse("escalation:act", args=[pk, "sign"]): {},
        reverse("escalation:schedule", args=[pk]): {
            "person": "x",
            "when": "2026-12-20T09:30",
            "place": "y",
        },
        reverse("escalation:record", args=[pk]): {"record": "x"},
        reverse("escalation:accountability", args=[pk]): {
            "decided_on": "2026-12-28",
            "person": "x",
            "measure": "y",
            "reason": "z",
        },
    }
    for url, data in posts.items():
        assert client.post(url, data).status_code == 404, url
    climbed.refresh_from_db()
    assert climbed.status == NoticeStatus.ISSUED
    assert Interview.objects.get(notice=climbed).place == ""
    assert Accountability.objects.count() == 1


def test_another_regions_ladder_names_none_of_it(client, climbed, supervisor, far_supervisor):
    name = climbed.project.name
    client.force_login(supervisor)
    assert client.get(reverse("escalation:ladder")).content.decode().count(name) >= 3
    client.force_login(far_supervisor)
    page = client.get(reverse("escalation:ladder")).content.decode()
    assert name not in page and "约谈后仍无明显进展" not in page
