"""Year-end forecast of a campaign's targets from each project's trend. Pure functions.

A project's year-end investment is its year-to-date figure plus its recent weekly pace (the
average weekly increase over the last ``window`` reported weeks) times the weeks left. The
campaign's forecast is the sum; the projects that carry the gap are those forecast below plan.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0")


@dataclass(frozen=True)
class ProjectTrend:
    """What the forecast needs of one project: its plan and its reported figures, oldest first."""

    key: int
    name: str
    annual_plan: Decimal
    series: tuple[tuple[dt.date, Decimal], ...]  # (week Monday, year-to-date)
    target: str = "accelerate"  # "production" or "accelerate"
    production_planned: dt.date | None = None
    production_reached: dt.date | None = None
    exempt: bool = False


@dataclass(frozen=True)
class ProjectForecast:
    key: int
    name: str
    annual_plan: Decimal
    ytd: Decimal
    weekly_pace: Decimal
    year_end: Decimal
    shortfall: Decimal  # plan − year_end, never negative
    reaches_production: bool | None  # None when the project is not due to enter production
    exempt: bool


@dataclass(frozen=True)
class CampaignForecast:
    target: Decimal
    ytd: Decimal
    year_end: Decimal
    gap: Decimal  # target − year_end; positive means the target will be missed by this much
    production_target: int
    production_expected: int
    accelerate_target: int
    accelerate_on_track: int
    carriers: list[ProjectForecast] = field(default_factory=list)

    @property
    def investment_missed(self) -> bool:
        return self.gap > 0


def weeks_left(today: dt.date, year: int) -> int:
    """Whole weeks from ``today`` to 31 December of ``year``."""
    end = dt.date(year, 12, 31)
    return max((end - today).days, 0) // 7


def weekly_pace(series: tuple[tuple[dt.date, Decimal], ...], window: int = 8) -> Decimal:
    """The average weekly increase over the last ``window`` weeks of the series; weeks with no
    report in between count by the calendar, so a silent project does not look fast."""
    if len(series) < 2:
        return ZERO
    recent = series[-(window + 1) :]
    (first_week, first), (last_week, last) = recent[0], recent[-1]
    weeks = max((last_week - first_week).days // 7, 1)
    return max((last - first) / weeks, ZERO).quantize(CENT, rounding=ROUND_HALF_UP)


def forecast_project(trend: ProjectTrend, today: dt.date, year: int) -> ProjectForecast:
    ytd = trend.series[-1][1] if trend.series else ZERO
    pace = weekly_pace(trend.series)
    year_end = (ytd + pace * weeks_left(today, year)).quantize(CENT, rounding=ROUND_HALF_UP)
    reaches = None
    if trend.target == "production":
        if trend.production_reached:
            reaches = True
        else:
            # Due this year and not overdue, and the money is on course: counted as expected.
            planned_ok = trend.production_planned is None or trend.production_planned >= today
            reaches = planned_ok and year_end >= trend.annual_plan * Decimal("0.9")
    return ProjectForecast(
        key=trend.key,
        name=trend.name,
        annual_plan=trend.annual_plan,
        ytd=ytd,
        weekly_pace=pace,
        year_end=year_end,
        shortfall=max(trend.annual_plan - year_end, ZERO),
        reaches_production=reaches,
        exempt=trend.exempt,
    )


def forecast_campaign(
    trends: list[ProjectTrend],
    *,
    today: dt.date,
    year: int,
    investment_target: Decimal,
    production_target: int,
    accelerate_target: int,
    carriers: int = 10,
) -> CampaignForecast:
    """The campaign's year-end outlook and the projects that carry the investment gap."""
    projects = [forecast_project(trend, today, year) for trend in trends]
    year_end = sum((p.year_end for p in projects), ZERO)
    by_target = {t.key: t.target for t in trends}
    behind = sorted(
        (p for p in projects if p.shortfall > 0 and not p.exempt),
        key=lambda p: (-p.shortfall, p.key),
    )
    return CampaignForecast(
        target=investment_target,
        ytd=sum((p.ytd for p in projects), ZERO),
        year_end=year_end,
        gap=investment_target - year_end,
        production_target=production_target,
        production_expected=sum(1 for p in projects if p.reaches_production),
        accelerate_target=accelerate_target,
        accelerate_on_track=sum(
            1 for p in projects if by_target[p.key] == "accelerate" and p.shortfall == 0
        ),
        carriers=behind[:carriers],
    )
