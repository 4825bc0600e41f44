"""The demo problems: routes, every state, escalated levels and a meeting, on the demo district."""

import datetime as dt
import random

import pytest

from demo.district import seed_demo
from demo.problems import seed_problems
from problems.choices import Level, Origin, Status
from problems.models import CategoryRoute, Meeting, OverdueStep, Problem
from problems.selectors import overdue_own_problems
from projects.weeks import SHANGHAI

NOW = dt.datetime(2026, 11, 18, 18, 0, tzinfo=SHANGHAI)


@pytest.fixture
def demo(db):
    summary = seed_demo(projects=20, weeks=3, today=NOW)
    campaign = next(c for c in summary.campaigns if c.year == 2026)
    return campaign, seed_problems(campaign, random.Random(7), now=NOW)


def test_seed_problems(demo):
    campaign, counts = demo
    assert CategoryRoute.objects.filter(region=campaign.region).count() == counts["routes"] == 9
    problems = Problem.objects.filter(project__campaign=campaign)
    statuses = set(problems.values_list("status", flat=True))
    assert statuses == {s.value for s in Status}
    levels = set(problems.values_list("level", flat=True))
    assert levels == {lvl.value for lvl in Level}
    meeting = Meeting.objects.get(region=campaign.region)
    assert meeting.decisions.count() == 3 and meeting.agenda.exists()
    assert problems.filter(origin=Origin.MEETING).count() == 3
    # Every problem has a log that starts with its raising, in time order.
    for problem in problems:
        events = list(problem.events.all())
        assert events[0].kind == "raise"
        assert [e.created_at for e in events] == sorted(e.created_at for e in events)
        assert all(e.created_at <= NOW for e in events)
        problem.full_clean()
    # Escalations are recorded, and no e-mail was queued for invented history.
    assert OverdueStep.objects.exists()
    from outbox.models import Message

    assert not Message.objects.exists()  # the demo's past tells nobody
    # One action of the meeting is the project unit's own, and overdue.
    ids = list(campaign.projects.values_list("pk", flat=True))
    assert sum(overdue_own_problems(ids, dt.date(2026, 11, 22)).values()) >= 1


def test_the_demo_region_can_still_be_reset(demo):
    seed_demo(projects=5, weeks=2, today=NOW, reset=True)
    assert not Problem.objects.exists()


def test_seeding_leaves_other_regions_alone(db):
    from tests.factories import CampaignFactory, ProjectFactory, RegionFactory
    from tests.problems.factories import ProblemFactory

    far = ProjectFactory(campaign=CampaignFactory(region=RegionFactory(code="anqiu", name="安丘")))
    late = ProblemFactory(project=far, deadline=dt.date(2026, 11, 1))
    summary = seed_demo(projects=8, weeks=2, today=NOW)
    seed_problems(next(c for c in summary.campaigns if c.year == 2026), random.Random(3), now=NOW)
    late.refresh_from_db()
    assert late.level == Level.DEPARTMENT  # its escalation (and e-mail) is the beat job's
    assert not OverdueStep.objects.filter(problem=late).exists()
