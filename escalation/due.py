"""Which week the ladder looks at: each campaign's latest scored week."""

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
