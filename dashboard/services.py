"""Writes of the dashboard: the year-end outlook, computed once a week is scored."""

import datetime as dt
from decimal import Decimal

from django.db.models import Sum
from django.utils import timezone

from projects.models import Campaign, MonthlyPlan, Project
from projects.plans import week_plan_due
from scoring.forecast import forecast_campaign

from .models import Outlook
from .selectors import project_trends


def _money(value: Decimal) -> str:
    return str(value.quantize(Decimal("0.01")))


def outlook_compute(*, campaign: Campaign, week: dt.date) -> Outlook:
    """Forecast the campaign's year end as of the Sunday that ends ``week`` and store it.

    Six queries whatever the number of projects: the trends (projects, recent reports,
    production nodes, exemptions; dashboard.selectors.project_trends), the monthly plan totals,
    and the upsert.
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
