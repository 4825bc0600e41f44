"""A small demo district for the report tests, built once per module (seed_demo is fast at 50
projects and 10 weeks) and wiped afterwards so other test modules start empty."""

import dataclasses
import datetime as dt
import shutil
import subprocess
from decimal import Decimal

import pytest

from accounts.choices import Role
from accounts.models import Unit, User
from demo.district import reset_region, seed_demo
from observation.choices import RoundStatus
from observation.models import ObservationRound, ObservationScore
from projects.models import Campaign
from projects.weeks import SHANGHAI
from scoring.services import score_campaign_week

MOMENT = dt.datetime(2026, 11, 28, 18, 0, tzinfo=SHANGHAI)  # a Saturday evening
SCORED = [dt.date(2026, 9, 21) + dt.timedelta(weeks=n) for n in range(9)]  # W39..W47


@dataclasses.dataclass
class Demo:
    campaign: Campaign
    supervisor: User
    manager: User
    leader: User


def _problems(campaign: Campaign, supervisor: User) -> None:
    """One overdue problem routed to a department and one open meeting decision."""
    from problems.choices import Origin, Status
    from problems.models import Meeting, Problem

    department = Unit.objects.filter(region=campaign.region, is_department=True).first()
    project = campaign.projects.order_by("code")[0]
    reporter = User.objects.filter(role=Role.REPORTER, unit=project.unit)[0]
    raised = dt.datetime(2026, 10, 20, 9, tzinfo=SHANGHAI)
    Problem.objects.create(
        project=project,
        category="land",
        title="用地指标未落实",
        need="协调用地指标",
        department=department,
        status=Status.ASSIGNED,
        deadline=dt.date(2026, 10, 28),
        raised_by=reporter,
        created_at=raised,
        routed_at=raised,
        level=1,
    )
    meeting = Meeting.objects.create(
        region=campaign.region,
        held_on=dt.date(2026, 11, 13),
        attendees="分管副区长、各部门",
        recorded_by=supervisor,
    )
    Problem.objects.create(
        project=project,
        category="power",
        title="协调专线供电方案",
        need="供电公司出具方案",
        department=department,
        status=Status.ASSIGNED,
        deadline=dt.date(2026, 11, 20),
        origin=Origin.MEETING,
        meeting=meeting,
        raised_by=supervisor,
        created_at=raised,
    )


def _observation(campaign: Campaign, supervisor: User, leader: User) -> None:
    """A closed half-year round: the supervisor and a leader score three projects."""
    round_ = ObservationRound.objects.create(
        campaign=campaign,
        name="2026年下半年观摩",
        held_on=dt.date(2026, 11, 20),
        status=RoundStatus.CLOSED,
    )
    projects = list(campaign.projects.exclude(leader=leader.leader).order_by("code")[:3])
    for project, score in zip(
        projects, (Decimal("92"), Decimal("75.5"), Decimal("58")), strict=True
    ):
        for inspector, delta in ((supervisor, 0), (leader, 2)):
            ObservationScore.objects.create(
                round=round_,
                project=project,
                inspector=inspector,
                score=score + delta,
                commentary=f"{project.name}现场形象进度良好" if score > 70 else "现场进度滞后",
            )


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        summary = seed_demo(projects=50, weeks=10, today=MOMENT, reset=True)
        campaign = summary.campaigns[-1]
        for week in SCORED:
            score_campaign_week(campaign=campaign, week=week)
        users = User.objects.filter(region=campaign.region)
        found = Demo(
            campaign=campaign,
            supervisor=users.get(role=Role.SUPERVISOR),
            manager=users.get(role=Role.MANAGER),
            leader=users.filter(role=Role.LEADER).order_by("username").first(),
        )
        _problems(campaign, found.supervisor)
        _observation(campaign, found.supervisor, found.leader)
        yield found
        reset_region(campaign.region)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def pdf_text(path) -> str:
    """The PDF text in drawing order (-raw keeps a wrapped table cell together), whitespace
    removed."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: run scripts/system-packages")
    out = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, check=True)
    return "".join(out.stdout.decode("utf-8").split())
