"""Fixtures of the security tests: the audit administrator, a PostgreSQL-only mark, and a small
demo district built once per module and wiped afterwards, with one of every object a page can be
about (files, an archived report, an import run…)."""

import datetime as dt
import io
import random
from io import StringIO

import pytest
from axes.utils import reset
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import override_settings
from django.urls import reverse
from PIL import Image

from accounts.choices import Role
from demo.district import reset_region, seed_demo
from projects.weeks import SHANGHAI
from tests.factories import RegionFactory, UserFactory

MOMENT = dt.datetime(2026, 11, 28, 18, 0, tzinfo=SHANGHAI)  # a Saturday evening


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(out, "PNG")
    return out.getvalue()


def _files(campaign, supervisor):
    """A site photo, a problem's evidence and a notice's file, stored in MEDIA_ROOT."""
    from escalation.models import NoticeEvent, NoticeFile
    from problems.models import EvidenceFile, ProblemEvent
    from projects.models import SitePhoto, WeeklyReport

    report = WeeklyReport.objects.filter(project__campaign=campaign).first()
    photo = SitePhoto(report=report, uploaded_by=supervisor)
    photo.image.save("site.png", ContentFile(_png()), save=True)
    event = ProblemEvent.objects.filter(problem__project__campaign=campaign).first()
    evidence = EvidenceFile(
        problem=event.problem, event=event, name="e.png", size=10, uploaded_by=supervisor
    )
    evidence.file.save("e.png", ContentFile(_png()), save=True)
    step = NoticeEvent.objects.filter(notice__project__campaign=campaign).first()
    if step is not None:
        kept = NoticeFile(notice=step.notice, event=step, name="n.png", size=10)
        kept.uploaded_by = supervisor
        kept.file.save("n.png", ContentFile(_png()), save=True)


def _import_run(campaign, supervisor):
    """A register workbook read and waiting for its confirmation (the mapping form)."""
    from workbooks.export import export_register
    from workbooks.services import import_start

    out = io.BytesIO()
    export_register(campaign, out)  # the register as it stands: every row would be unchanged
    upload = SimpleUploadedFile("台账.xlsx", out.getvalue())
    import_start(campaign=campaign, user=supervisor, upload=upload, inline=True)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """Every kind of object a page can be about: projects, reports, scores, problems, rounds,
    notices, instructions, an exemption, files, an import run and archived reports."""
    from accounts.choices import Role
    from accounts.models import User
    from demo.ladder import demo_workflow, replay
    from demo.observation import seed_observation
    from demo.problems import seed_problems
    from reports.due import reports_backfill
    from scoring.due import score_due_weeks
    from scoring.services import exemption_grant

    media = override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media"))
    media.enable()
    with django_db_blocker.unblock():
        summary = seed_demo(projects=8, weeks=5, today=MOMENT, reset=True, stdout=StringIO())
        campaign = summary.campaigns[-1]
        supervisor = User.objects.filter(role=Role.SUPERVISOR, region=campaign.region).first()
        seed_problems(campaign, random.Random(1))
        seed_observation(campaign, random.Random(1))
        score_due_weeks(campaign_ids=[campaign.pk], now=MOMENT)
        replay(campaign)
        demo_workflow(campaign, now=MOMENT)
        exemption_grant(
            project=campaign.projects.order_by("code").last(), kind="force_majeure",
            reason="暴雨停工", starts=dt.date(2026, 11, 9), ends=dt.date(2026, 11, 15),
            user=supervisor,
        )  # fmt: skip
        reports_backfill(campaign=campaign, now=MOMENT, recent={"weekly": 1})
        _files(campaign, supervisor)
        _import_run(campaign, supervisor)
        yield summary
        for region in {c.region for c in summary.campaigns}:
            reset_region(region)
    media.disable()


PASSWORD = "pass-12345"  # tests.factories.UserFactory's
GOOD = "Qing-he-2026"  # satisfies the default policy

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the trigger is PostgreSQL's; CI and scripts/test with DATABASE_URL run it",
)


@pytest.fixture
def auditor(region):
    return UserFactory(username="auditor", role=Role.AUDITOR, region=region, unit=None)


@pytest.fixture(autouse=True)
def _no_attempts(db):
    """Each test starts with nobody locked out (axes keeps its counts in the database)."""
    reset()
    yield
    reset()


@pytest.fixture
def security_admin(region):
    return UserFactory(username="security", role=Role.SECURITY, region=region, unit=None)


@pytest.fixture
def other_region(db):
    return RegionFactory(name="奎文区", code="kuiwen")


@pytest.fixture
def enforced(settings):
    settings.PASSWORD_CHANGE_ENFORCED = True


def sign_in(client, username, password, address="10.1.1.1", **extra):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address, **extra
    )


def signed_in(response) -> bool:
    return response.status_code == 302 and reverse("login") not in response["Location"]
