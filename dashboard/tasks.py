"""Thin tasks of the dashboard."""

from celery import shared_task
from django.db.models import Max

from projects.models import Campaign
from scoring.models import ScoringRun

from .models import Outlook
from .rankings.running import running_refresh
from .services import outlook_compute


@shared_task
def refresh_outlooks() -> int:
    """After scoring: the running sums the rankings read, and each campaign's outlook."""
    for campaign in Campaign.objects.filter(pk__in=ScoringRun.objects.values("campaign")):
        running_refresh(campaign)
    return _refresh_outlooks()


def _refresh_outlooks() -> int:
    """Compute the outlook of each campaign's latest scored week when it is older than the run."""
    done = 0
    latest = ScoringRun.objects.values("campaign").annotate(week=Max("week"))
    for row in latest:
        run = ScoringRun.objects.get(campaign_id=row["campaign"], week=row["week"])
        stored = Outlook.objects.filter(campaign_id=row["campaign"], week=row["week"]).first()
        if stored is None or stored.computed_at < run.scored_at:
            outlook_compute(campaign=Campaign.objects.get(pk=row["campaign"]), week=row["week"])
            done += 1
    return done
