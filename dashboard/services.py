"""Writes of the dashboard: the year-end outlook, computed once a week is scored."""

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.db.models import Sum
from django.utils import timezone

from projects.choices import NodeKind
from projects.models import COUNTED, Campaign, Milestone, MonthlyPlan, Project, WeeklyReport
from projects.plans import plan_due_by
from scoring.forecast import ProjectTrend, forecast_campaign
from scoring.models import Exemption

from .models import Outlook

PACE_WEEKS = 9  # eight weekly increases


def _money(value: Decimal) -> str:
    return str(value.quantize(Decimal("0.01")))


def outlook_compute(*, campaign: Campaign, week: dt.date) -> Outlook:
    """Forecast the campaign's year end as of the Sunday that ends ``week`` and store it.

    Six queries whatever the number of projects: projects, recent reports, production nodes,
    exemptions, the monthly plan totals, and the upsert.
    """
    as_of = week + dt.timedelta(days=6)
    projects = list(
        Project.objects.filter(campaign=campaign).values("pk", "name", "annual_plan", "target")
    )
    series: dict[int, list] = defaultdict(list)
    for project_id, monday, ytd in (
        WeeklyReport.objects.filter(
            COUNTED,
            project__campaign=campaign,
            week__gte=week - dt.timedelta(weeks=PACE_WEEKS - 1),
            week__lte=week,
        )
        .order_by("project_id", "week")
        .values_list("project_id", "week", "ytd_investment")
    ):
        if campaign.holds_week(monday):
            series[project_id].append((monday, ytd))
    production = {
        row["project_id"]: row
        for row in Milestone.objects.filter(
            project__campaign=campaign, kind=NodeKind.PRODUCTION
        ).values("project_id", "planned_date", "reached_on")
    }
    exempt = set(
        Exemption.objects.filter(Exemption.covering(week), project__campaign=campaign).values_list(
            "project_id", flat=True
        )
    )
    trends = [
        ProjectTrend(
            key=p["pk"],
            name=p["name"],
            annual_plan=p["annual_plan"],
            series=tuple(series.get(p["pk"], ())),
            target=p["target"],
            production_planned=production.get(p["pk"], {}).get("planned_date"),
            production_reached=production.get(p["pk"], {}).get("reached_on"),
            exempt=p["pk"] in exempt,
        )
        for p in projects
    ]
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
    due = plan_due_by(monthly, min(as_of, campaign.last_day)) if as_of.year >= campaign.year else 0
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
