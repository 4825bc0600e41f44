"""China's working days: the State Council's holidays and 调休 working weekends, and the
district's own extra days off. Deadlines and "the first working day of the month" use it.

The calendar comes from ``chinesecalendar`` (PyPI ``chinese-calendar``), a kept library that
publishes each year's official arrangement soon after the State Council announces it (usually
in November or December for the year after). It knows only the years it has data for. Beyond
them we fall back to Monday–Friday, plus the district's settings, and say so: a warning in the
log once per year and ``manage.py check`` (W001) while the current or next year is missing —
the cure is upgrading the package, or listing the days in ``DISTRICT_DAYS_OFF`` and
``DISTRICT_WORKDAYS`` meanwhile.

Pure functions of a date and the two settings; no database.
"""

import datetime as dt
import functools
import logging
from collections.abc import Iterable

import chinese_calendar
from django.conf import settings

log = logging.getLogger(__name__)
DAY = dt.timedelta(days=1)


@functools.cache
def _warn_unknown(year: int) -> None:
    log.warning("chinesecalendar has no data for %s: counting Monday to Friday", year)


def known(year: int) -> bool:
    """Whether the official calendar of ``year`` is known to the installed library."""
    try:
        chinese_calendar.is_workday(dt.date(year, 6, 1))
    except NotImplementedError:
        return False
    return True


def _dates(values: Iterable[object]) -> set[dt.date]:
    found: set[dt.date] = set()
    for value in values:
        try:
            found.add(dt.date.fromisoformat(str(value).strip()))
        except ValueError:
            log.error("not a date in the district's calendar settings: %r", value)
    return found


def is_working_day(day: dt.date) -> bool:
    """A working day in the district: the district's own settings first, then the official
    calendar (holidays off, 调休 weekends on), Monday–Friday for a year it does not know."""
    if day in _dates(settings.DISTRICT_DAYS_OFF):
        return False
    if day in _dates(settings.DISTRICT_WORKDAYS):
        return True
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        _warn_unknown(day.year)
        return day.isoweekday() <= 5


def on_or_after(day: dt.date) -> dt.date:
    """``day`` if it is a working day, else the next one: where a deadline falling on a
    holiday or a weekend moves to."""
    for _n in range(60):  # the longest holiday is eight days; this only guards a bad setting
        if is_working_day(day):
            return day
        day += DAY
    return day


def first_working_day(year: int, month: int) -> dt.date:
    """The first working day of a month (the monthly bulletin's day)."""
    return on_or_after(dt.date(year, month, 1))


def add_working_days(day: dt.date, count: int) -> dt.date:
    """The ``count``-th working day after ``day``."""
    while count > 0:
        day += DAY
        if is_working_day(day):
            count -= 1
    return day
