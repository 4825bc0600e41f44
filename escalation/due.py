"""Which week the ladder looks at: each campaign's latest scored week."""

import datetime as dt

from django.db.models import Max

from projects import weeks
from projects.models import Campaign
from scoring.models import ScoringRun

from .services import ladder_run


def run_latest() -> list[str]:
    lines = []
    latest = ScoringRun.objects.values("campaign").annotate(week=Max("week"))
    campaigns = Campaign.objects.in_bulk([row["campaign"] for row in latest])
    for row in latest:
        outcome = ladder_run(campaign=campaigns[row["campaign"]], week=row["week"])
        lines.append(
            f"{campaigns[row['campaign']]} {weeks.week_label(row['week'])}: "
            f"+{len(outcome.opened)} notices, {len(outcome.proposed)} interviews, "
            f"-{len(outcome.closed)} closed"
        )
    return lines


def replay(campaign: Campaign) -> str:
    """Run the ladder over every scored week of a campaign in order, each as on the Monday after
    it: how the ladder would stand had it run all year (the demo district uses it). Nobody is
    told of past steps."""
    opened = proposed = closed = 0
    for week in (
        ScoringRun.objects.filter(campaign=campaign).order_by("week").values_list("week", flat=True)
    ):
        outcome = ladder_run(
            campaign=campaign, week=week, today=week + dt.timedelta(days=7), tell=False
        )
        opened, proposed = opened + len(outcome.opened), proposed + len(outcome.proposed)
        closed += len(outcome.closed)
    return f"{campaign}: +{opened} notices, {proposed} interviews, -{closed} closed"
