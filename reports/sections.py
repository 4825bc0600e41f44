"""Sections shared by the report kinds, built from ``data`` reads with ``figures`` arithmetic.

Each function returns plain dicts and lists; a kind assembles them into its snapshot.
"""

import datetime as dt
from decimal import Decimal
from typing import Any

from projects.models import Campaign
from scoring.forecast import ProjectTrend, forecast_campaign
from scoring.results import reason_lines as reasons

from . import data, figures
from .data import ProjectRow
from .labels import CARDS, CATEGORIES, STAGES, TARGETS
from .periods import Period

ZERO = Decimal(0)


def header(campaign: Campaign, period: Period, title: str, week: dt.date) -> dict[str, Any]:
    return {
        "schema": 1,
        "kind": period.kind,
        "title": title,
        "period": period.label,
        "period_display": period.display,
        "start": period.start,
        "end": period.end,
        "campaign": {
            "id": campaign.pk,
            "name": campaign.name,
            "year": campaign.year,
            "region": campaign.region.name,
            "investment_target": campaign.investment_target,
            "production_target": campaign.production_target,
            "accelerate_target": campaign.accelerate_target,
        },
        "as_of": {"week": week, "sunday": week + dt.timedelta(days=6)},
    }


def overview(campaign: Campaign, rows: list[ProjectRow]) -> dict[str, Any]:
    """The campaign at a glance: money against plan, target and 序时进度; starts and production
    against target; the cards now and at the previous period's close."""
    money = figures.investment(
        sum((r.annual_plan for r in rows), ZERO),
        sum((r.due for r in rows), ZERO),
        sum((r.done for r in rows), ZERO),
    )
    return {
        "projects": len(rows),
        **money,
        "target": campaign.investment_target,
        "pct_target": figures.pct(money["done"], campaign.investment_target),
        "started": sum(r.started for r in rows),
        "start_due": sum(r.start_due or r.started for r in rows),
        "in_production": sum(r.in_production for r in rows),
        "production_due": sum(r.production_due for r in rows),
        "production_target": campaign.production_target,
        "cards": figures.card_counts(r.card for r in rows),
        "cards_prev": figures.card_counts(r.prev_card for r in rows),
        "exempt": sum(r.exempt for r in rows),
    }


def project_table(rows: list[ProjectRow]) -> list[dict[str, Any]]:
    """Every project with its figures: the Excel detail."""
    return [
        {
            "id": r.id,
            "code": r.code,
            "name": r.name,
            "unit": r.unit,
            "leader": r.leader,
            "category": CATEGORIES.get(r.category, r.category),
            "target": TARGETS.get(r.target, r.target),
            "stage": STAGES.get(r.stage, r.stage),
            **figures.investment(r.annual_plan, r.due, r.done),
            "card": r.card,
            "total": r.total,
            "prev_card": r.prev_card,
            "prev_total": r.prev_total,
            "exempt": r.exempt,
        }
        for r in rows
    ]


def by_unit(rows: list[ProjectRow]) -> list[dict[str, Any]]:
    return figures.groups(rows, key=lambda r: r.unit_id, name=lambda r: r.unit)


def by_leader(rows: list[ProjectRow]) -> list[dict[str, Any]]:
    return figures.groups(rows, key=lambda r: r.leader_id, name=lambda r: r.leader)


def card_list(rows: list[ProjectRow], notes: dict[int, dict], cards=("red",)) -> list[dict]:
    """The projects on ``cards`` (red first, lowest score first) with their reasons; exempt
    projects stay out of the list, as an approved exemption promises."""
    chosen = [r for r in rows if r.card in cards and not r.exempt]
    chosen.sort(key=lambda r: (cards.index(r.card), r.total or ZERO, r.code))
    return [
        {
            "code": r.code,
            "name": r.name,
            "unit": r.unit,
            "leader": r.leader,
            "card": r.card,
            "card_label": CARDS[r.card],
            "total": r.total,
            "prev_card": r.prev_card,
            "pct_of_due": figures.pct(r.done, r.due),
            "reasons": reasons(notes.get(r.id)),
        }
        for r in chosen
    ]


def card_changes(rows: list[ProjectRow]) -> list[dict[str, Any]]:
    """Projects whose card changed since the previous close, worst change first."""
    order = {"blue": 0, "yellow": 1, "red": 2, "": 3}
    changed = [r for r in rows if r.prev_card and r.card and r.card != r.prev_card]
    changed.sort(key=lambda r: (order[r.prev_card] - order[r.card], r.code))
    return [
        {
            "code": r.code,
            "name": r.name,
            "unit": r.unit,
            "from": r.prev_card,
            "to": r.card,
            "worse": order[r.card] > order[r.prev_card],
            "total": r.total,
            "prev_total": r.prev_total,
        }
        for r in changed
    ]


def late_reporters(
    rows: list[ProjectRow], reported: dict[int, tuple[int, int]], weeks: int
) -> list[dict[str, Any]]:
    """Units with late or missing weekly reports over ``weeks`` weeks, named with their
    reporters, worst first."""
    units: dict[int, dict[str, Any]] = {}
    for r in rows:
        counted, late = reported.get(r.id, (0, 0))
        missing = max(weeks - counted, 0)
        if not (missing or late):
            continue
        unit = units.setdefault(
            r.unit_id,
            {"unit_id": r.unit_id, "unit": r.unit, "late": 0, "missing": 0, "projects": []},
        )
        unit["late"] += late
        unit["missing"] += missing
        unit["projects"].append({"name": r.name, "late": late, "missing": missing})
    people = data.reporters(units)
    for unit_id, unit in units.items():
        unit["reporters"] = "、".join(u.get_full_name() or u.username for u in people[unit_id])
    return sorted(units.values(), key=lambda u: (-u["missing"], -u["late"], u["unit"]))


def rankings(campaign: Campaign, rows: list[ProjectRow], period: Period) -> dict[str, list]:
    """Projects, units and leaders ranked by their average weekly score over the period, with
    the change of rank since the previous period of the same kind."""
    current = figures.weekly_scores(data.weekly_totals(campaign, period.weeks()))
    previous = figures.weekly_scores(data.weekly_totals(campaign, period.previous().weeks()))
    return ranking_sets(rows, current, previous)


def ranking_sets(rows: list[ProjectRow], current: dict, previous: dict) -> dict[str, list]:
    """Projects, units and leaders ranked from per-project (score, weeks) maps."""
    names = {r.id: r.name for r in rows}
    return {
        "projects": figures.standings(current, previous, names),
        "units": figures.standings(
            current,
            previous,
            names,
            {r.id: r.unit_id for r in rows},
            {r.unit_id: r.unit for r in rows},
        ),
        "leaders": figures.standings(
            current,
            previous,
            names,
            {r.id: r.leader_id for r in rows},
            {r.leader_id: r.leader for r in rows},
        ),
    }


def forecast(campaign: Campaign, rows: list[ProjectRow], week: dt.date) -> dict[str, Any]:
    """The year-end outlook from each project's recent pace (scoring.forecast)."""
    series = data.series(campaign, week)
    sunday = week + dt.timedelta(days=6)
    trends = [
        ProjectTrend(
            key=r.id,
            name=r.name,
            annual_plan=r.annual_plan,
            series=tuple(series.get(r.id, [])) or ((week, r.done),),
            target=r.target,
            # Overdue and not reached: the forecast does not count it into production.
            production_planned=sunday - dt.timedelta(days=1) if r.production_due else None,
            production_reached=sunday if r.in_production else None,
            exempt=r.exempt,
        )
        for r in rows
    ]
    outlook = forecast_campaign(
        trends,
        today=sunday,
        year=campaign.year,
        investment_target=campaign.investment_target,
        production_target=campaign.production_target,
        accelerate_target=campaign.accelerate_target,
        carriers=10,
    )
    return {
        "year_end": outlook.year_end,
        "gap": outlook.gap,
        "pct_target": figures.pct(outlook.year_end, campaign.investment_target),
        "production_expected": outlook.production_expected,
        "accelerate_on_track": outlook.accelerate_on_track,
        "carriers": [
            {"name": p.name, "year_end": p.year_end, "shortfall": p.shortfall}
            for p in outlook.carriers
        ],
    }


def cards_by_week(campaign: Campaign, period: Period) -> list[dict[str, Any]]:
    return [
        {"week": monday, "blue": blue, "yellow": yellow, "red": red}
        for monday, blue, yellow, red in data.card_runs(campaign, period.weeks())
    ]
