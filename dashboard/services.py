"""Writes of the dashboard: the year-end outlook, computed once a week is scored, and the
rankings' running sums kept up to date after each scoring."""

import datetime as dt
from decimal import Decimal

from django.db.models import Max, Sum
from django.utils import timezone

from projects.models import Campaign, MonthlyPlan, Project
from projects.plans import week_plan_due
from scoring.forecast import forecast_campaign
from scoring.models import ScoringRun

from .models import Outlook
from .rankings.running import running_refresh
from .selectors import project_trends


def _money(value: Decimal) -> str:
    return str(value.quantize(Decimal("0.01")))


def outlook_compute(*, campaign: Campaign, week: dt.date) -> Outlook:
    """Forecast the campaign's year end as of the Sunday that ends ``week`` and store it.

    Seven queries whatever the number of projects: the trends (projects, recent reports,
    production nodes, exemptions; dashboard.selectors.project_trends), the plans' history mark,
    the monthly plan totals, and the upsert.
    """
    as_of = week + dt.timedelta(days=6)
    trends = project_trends(Project.objects.filter(campaign=campaign), campaign, week)
    result = forecast_campaign(
        trends,
        today=as_of,
        year=campaign.year,
        investment_target=campaign.investment_target,
        production_target=campaign.production_target,
        accelerate_target=campaign.accelerate_target,
    )
    # Read before the sums: a plan changed in between is then newer than the mark, and the
    # league adds the plans up again rather than trust these totals (dashboard.league).
    plans_seen = (
        MonthlyPlan.history.order_by("-history_id").values_list("history_id", flat=True).first()
    )
    monthly = dict(
        MonthlyPlan.objects.filter(project__campaign=campaign)
        .values("month")
        .annotate(total=Sum("amount"))
        .values_list("month", "total")
    )
    due = week_plan_due(monthly, week, campaign.year)  # as the dashboard's targets read it
    data = {
        "as_of": as_of.isoformat(),
        "target": _money(result.target),
        "ytd": _money(result.ytd),
        "due": _money(Decimal(due)),
        # the plan's monthly totals, so the league reads any week's 序时进度 without them
        "monthly": {str(month): _money(total) for month, total in monthly.items()},
        "plans_seen": plans_seen,
        "year_end": _money(result.year_end),
        "gap": _money(result.gap),
        "production_target": result.production_target,
        "production_expected": result.production_expected,
        "accelerate_target": result.accelerate_target,
        "accelerate_on_track": result.accelerate_on_track,
        "carriers": [
            {
                "project": c.key,
                "name": c.name,
                "annual_plan": _money(c.annual_plan),
                "ytd": _money(c.ytd),
                "year_end": _money(c.year_end),
                "shortfall": _money(c.shortfall),
            }
            for c in result.carriers
        ],
    }
    outlook, _created = Outlook.objects.update_or_create(
        campaign=campaign, week=week, defaults={"data": data, "computed_at": timezone.now()}
    )
    return outlook


def outlooks_refresh() -> int:
    """Compute the outlook of each campaign's latest scored week when it is older than that
    week's scoring; how many were computed (none on a second run)."""
    done = 0
    latest = ScoringRun.objects.values("campaign").annotate(week=Max("week"))
    for row in latest:
        run = ScoringRun.objects.get(campaign_id=row["campaign"], week=row["week"])
        stored = Outlook.objects.filter(campaign_id=row["campaign"], week=row["week"]).first()
        if stored is None or stored.computed_at < run.scored_at:
            outlook_compute(campaign=Campaign.objects.get(pk=row["campaign"]), week=row["week"])
            done += 1
    return done


def dashboard_refresh() -> int:
    """After scoring: the running sums the rankings read, then each campaign's outlook; how
    many outlooks were computed. Safe to run twice."""
    for campaign in Campaign.objects.filter(pk__in=ScoringRun.objects.values("campaign")):
        running_refresh(campaign)
    return outlooks_refresh()
