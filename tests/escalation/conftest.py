"""Fixtures of the notice workflow: a project red in W46 and W47 (figures in its breakdown),
the ladder run on Monday 2026-11-23, a clock to move, Celery run eagerly."""

import datetime as dt
from decimal import Decimal

import pytest

from accounts.choices import Role
from escalation.models import SupervisionNotice
from escalation.services import ladder_run
from projects.weeks import SHANGHAI
from scoring.models import WeeklyScore
from scoring.versions import rubric_version_current
from tests.factories import UserFactory

W = {n: dt.date.fromisocalendar(2026, n, 1) for n in range(40, 53)}


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=SHANGHAI)


def score_red(project, week, total="42.50", ytd="103.40", due="4000.00", card="red"):
    """A stored score whose breakdown carries the investment figures, as the scoring run's."""
    ratio = (Decimal(ytd) * 100 / Decimal(due)).quantize(Decimal("0.1"))
    WeeklyScore.objects.update_or_create(
        project=project,
        week=week,
        defaults={
            "rubric_version": rubric_version_current(project.campaign),
            "total": Decimal(total),
            "card": card,
            "breakdown": {
                "total": total,
                "card": card,
                "card_note": f"总分 {total}",
                "exempt": False,
                "items": [
                    {
                        "key": "investment",
                        "points": total,
                        "max_points": "100",
                        "inputs": {"plan_due": due, "ytd_done": ytd, "ratio": str(ratio)},
                        "note": f"年度累计完成 {ytd} 万元，序时计划 {due} 万元，完成率 {ratio}%",
                    }
                ],
                "triggers": [
                    {"key": "investment_gap", "note": f"投资完成率 {ratio}%，落后序时进度"}
                ]
                if card == "red"
                else [],
            },
            "scored_at": at(week + dt.timedelta(days=7), 13),
        },
    )


@pytest.fixture
def eager():
    from config.celery_app import app

    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = False


@pytest.fixture
def clock(time_machine):
    time_machine.move_to(at(W[48]), tick=False)
    return time_machine


@pytest.fixture
def head(unit):
    return UserFactory(
        username="unit-head", role=Role.REPORTER, region=unit.region, unit=unit, is_head=True
    )


@pytest.fixture
def issued(
    clock, project, reporter, supervisor, leader_user, eager, django_capture_on_commit_callbacks
):
    """The notice the ladder issues on Monday 2026-11-23 after two red weeks."""
    score_red(project, W[46])
    score_red(project, W[47])
    with django_capture_on_commit_callbacks(execute=True):
        ladder_run(campaign=project.campaign, week=W[47], today=W[48])
    return SupervisionNotice.objects.get()
