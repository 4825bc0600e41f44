"""ISO weeks in Asia/Shanghai and the weekly reporting deadline. Pure functions, no database."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

from . import workdays

SHANGHAI = ZoneInfo("Asia/Shanghai")
WEEK_RE = re.compile(r"^(\d{4})-?W(\d{2})$")


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


def parse_week(text: str) -> dt.date:
    """'2026-W47' (or '2026W47') to its Monday; ValueError with a readable message otherwise."""
    match = WEEK_RE.match(text.strip())
    if not match:
        raise ValueError(f"not an ISO week like 2026-W47: {text!r}")
    year, week = int(match[1]), int(match[2])
    try:
        return dt.date.fromisocalendar(year, week, 1)
    except ValueError as exc:
        raise ValueError(f"{text!r} is not a week of {year}") from exc


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
