"""The half-year observation round's on-site scores feed the weekly "assessment" item."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from observation.models import ObservationRound, ObservationScore
from scoring.models import WeeklyScore
from scoring.services import score_campaign_week
from tests.scoring.factories import W47, make_project


def test_a_closed_round_scores_the_assessment(campaign, unit, leader, supervisor):
    project = make_project(campaign, unit, leader, "good")
    before = score_campaign_week(campaign=campaign, week=W47)[0]
    assert before.result.item("assessment").points == Decimal("10.00")  # no finding: full marks
    round_ = ObservationRound.objects.create(
        campaign=campaign,
        name="下半年观摩",
        held_on=dt.date(2026, 11, 18),
        status="closed",
        created_by=supervisor,
        closed_at=timezone.now(),
    )
    ObservationScore.objects.create(
        round=round_,
        project=project,
        inspector=supervisor,
        score=Decimal("60"),
        commentary="现场施工组织一般，安全文明施工需加强。",
    )
    score_campaign_week(campaign=campaign, week=W47)
    item = WeeklyScore.objects.get(project=project, week=W47).result.item("assessment")
    assert item.points == Decimal("6.00")
