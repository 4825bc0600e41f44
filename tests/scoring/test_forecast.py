"""Year-end forecast: pace, weeks left, gap, production expectations, carriers of the gap."""

import datetime as dt
from decimal import Decimal as D

from scoring.forecast import (
    ProjectTrend,
    forecast_campaign,
    forecast_project,
    weekly_pace,
    weeks_left,
)

TODAY = dt.date(2026, 11, 25)


def series(*figures, start=dt.date(2026, 9, 28)):
    return tuple((start + dt.timedelta(weeks=i), D(f)) for i, f in enumerate(figures))


def test_weeks_left_counts_whole_weeks_to_new_year():
    assert weeks_left(dt.date(2026, 12, 24), 2026) == 1
    assert weeks_left(dt.date(2026, 12, 25), 2026) == 0
    assert weeks_left(dt.date(2027, 1, 2), 2026) == 0


def test_pace_is_average_weekly_increase_over_the_window():
    assert weekly_pace(series(100, 110, 130)) == D("15.00")
    assert weekly_pace(series(100)) == D("0")
    # A correction downwards never gives a negative pace.
    assert weekly_pace(series(100, 90)) == D("0")


def test_missing_weeks_count_by_the_calendar():
    gap = ((dt.date(2026, 11, 2), D(100)), (dt.date(2026, 11, 23), D(160)))
    assert weekly_pace(gap) == D("20.00")


def test_project_forecast_and_shortfall():
    trend = ProjectTrend(1, "甲", D(1000), series(500, 520, 540))
    result = forecast_project(trend, TODAY, 2026)
    assert result.year_end == D(540) + D(20) * weeks_left(TODAY, 2026)
    assert result.shortfall == D(1000) - result.year_end
    assert result.reaches_production is None


def test_production_expectation():
    reached = ProjectTrend(
        1,
        "甲",
        D(100),
        series(10, 20),
        target="production",
        production_reached=dt.date(2026, 10, 1),
    )
    overdue = ProjectTrend(
        2,
        "乙",
        D(100),
        series(100, 100),
        target="production",
        production_planned=dt.date(2026, 11, 1),
    )
    on_course = ProjectTrend(
        3,
        "丙",
        D(100),
        series(80, 85),
        target="production",
        production_planned=dt.date(2026, 12, 20),
    )
    slow = ProjectTrend(
        4,
        "丁",
        D(1000),
        series(80, 85),
        target="production",
        production_planned=dt.date(2026, 12, 20),
    )
    got = [
        forecast_project(t, TODAY, 2026).reaches_production
        for t in (reached, overdue, on_course, slow)
    ]
    assert got == [True, False, True, False]


def test_campaign_gap_and_carriers_skip_exempt_projects():
    trends = [
        ProjectTrend(1, "甲", D(1000), series(1000, 1000)),
        ProjectTrend(2, "乙", D(1000), series(100, 100)),
        ProjectTrend(3, "丙", D(1000), series(300, 300), exempt=True),
        ProjectTrend(4, "丁", D(1000), series(600, 600)),
    ]
    result = forecast_campaign(
        trends,
        today=TODAY,
        year=2026,
        investment_target=D(4000),
        production_target=0,
        accelerate_target=4,
    )
    assert result.year_end == D(2000)
    assert result.gap == D(2000) and result.investment_missed
    assert [c.key for c in result.carriers] == [2, 4]
    assert result.accelerate_on_track == 1


def test_campaign_ahead_of_target():
    trends = [ProjectTrend(1, "甲", D(100), series(50, 100))]
    result = forecast_campaign(
        trends,
        today=TODAY,
        year=2026,
        investment_target=D(100),
        production_target=0,
        accelerate_target=1,
    )
    assert result.gap < 0 and not result.investment_missed
    assert result.carriers == []
