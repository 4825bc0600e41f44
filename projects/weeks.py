"""ISO weeks in Asia/Shanghai, the campaign a week belongs to, and the weekly reporting deadline.
Pure functions, no database.

The one rule for weeks and campaigns (:func:`campaign_year`): an ISO week belongs to the campaign
of its ISO year, the year of its Thursday. 2026-W53 (Monday 28 December 2026 to Sunday 3 January
2027) is campaign 2026's last week; campaign 2027 starts with 2027-W01 on Monday 4 January 2027.
The weekly entry, scoring, reminders, reports and the demo all ask this module, never the
calendar year of a Monday or a Sunday. 序时进度 stays calendar-dated: the plan due by a week of the
campaign stops at 31 December (``plans.week_plan_due``).
"""

import datetime as dt
from zoneinfo import ZoneInfo

from config.dates import parse_week as parse_week  # the one parser, with the dates people type

from . import workdays

SHANGHAI = ZoneInfo("Asia/Shanghai")


def is_monday(day: dt.date) -> bool:
    """Whether ``day`` can stand for its week: weeks are stored as their Monday, day 1 of ISO."""
    return day.isoweekday() == 1


def week_start(day: dt.date) -> dt.date:
    """The Monday of the ISO week that holds ``day``."""
    return day - dt.timedelta(days=day.isoweekday() - 1)


def local_today(now: dt.datetime | None = None) -> dt.date:
    now = now or dt.datetime.now(tz=SHANGHAI)
    return now.astimezone(SHANGHAI).date()


def current_week(now: dt.datetime | None = None) -> dt.date:
    return week_start(local_today(now))


def week_label(monday: dt.date) -> str:
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


def campaign_year(day: dt.date) -> int:
    """The year of the campaign the ISO week holding ``day`` belongs to: its ISO year."""
    return day.isocalendar().year


def campaign_first_week(year: int) -> dt.date:
    """The Monday of ISO week 1 of ``year`` (it may fall in late December of the year before)."""
    return dt.date.fromisocalendar(year, 1, 1)


def campaign_last_week(year: int) -> dt.date:
    """The Monday of the last ISO week of ``year`` (W52 or W53; 28 December is always in it)."""
    return week_start(dt.date(year, 12, 28))


def campaign_weeks(year: int) -> list[dt.date]:
    """Every Monday of the campaign ``year``: its ISO weeks, 52 or 53 of them."""
    return weeks_between(campaign_first_week(year), campaign_last_week(year))


def month_first_week(monday: dt.date) -> dt.date:
    """The first Monday of the month the week of ``monday`` counts in: weeks count in the month
    of their Thursday, as they count in the year of their Thursday (and as the reports do)."""
    first_of_month = (monday + dt.timedelta(days=3)).replace(day=1)
    first = week_start(first_of_month)
    return first if first + dt.timedelta(days=3) >= first_of_month else first + dt.timedelta(7)


def report_deadline(monday: dt.date, weekday: int = 1, at: dt.time = dt.time(12, 0)) -> dt.datetime:
    """When the report of the week starting ``monday`` is due: ``weekday`` (1 = Monday) of the
    following week at ``at``, Asia/Shanghai; on a holiday, the next working day (调休 included)."""
    day = workdays.on_or_after(monday + dt.timedelta(days=7 + weekday - 1))
    return dt.datetime.combine(day, at, tzinfo=SHANGHAI)


def reporting_week(
    now: dt.datetime | None = None, weekday: int = 1, at: dt.time = dt.time(12, 0)
) -> dt.date:
    """The week officials are reporting on now: last week until its deadline, then this week."""
    now = now or dt.datetime.now(tz=SHANGHAI)
    this = current_week(now)
    last = this - dt.timedelta(days=7)
    return last if now < report_deadline(last, weekday, at) else this


def weeks_between(first: dt.date, last: dt.date) -> list[dt.date]:
    """Every Monday from the week of ``first`` to the week of ``last``, inclusive."""
    monday, end = week_start(first), week_start(last)
    weeks = []
    while monday <= end:
        weeks.append(monday)
        monday += dt.timedelta(days=7)
    return weeks
