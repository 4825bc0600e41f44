"""序时进度: how much of an annual plan is due by a given day. Pure functions, no database."""

import calendar
import datetime as dt
from collections.abc import Mapping
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def plan_due_by(monthly: Mapping[int, Decimal], day: dt.date) -> Decimal:
    """The plan due by the end of ``day``: every earlier month in full, the current month spread
    evenly over its days. ``monthly`` maps month (1-12) to amount; missing months are zero."""
    due = sum((monthly.get(month, Decimal(0)) for month in range(1, day.month)), Decimal(0))
    days_in_month = calendar.monthrange(day.year, day.month)[1]
    due += monthly.get(day.month, Decimal(0)) * Decimal(day.day) / Decimal(days_in_month)
    return due.quantize(CENT, rounding=ROUND_HALF_UP)


def week_plan_due(monthly: Mapping[int, Decimal], monday: dt.date, year: int) -> Decimal:
    """The plan due by the Sunday that ends the week of ``monday``, within the campaign ``year``."""
    sunday = monday + dt.timedelta(days=6)
    if sunday.year < year:
        return Decimal("0.00")
    if sunday.year > year:
        sunday = dt.date(year, 12, 31)
    return plan_due_by(monthly, sunday)


def progress_ratio(done: Decimal, due: Decimal) -> Decimal | None:
    """Done as a percentage of what is due, unrounded (every rule compares this); None when
    nothing is due yet."""
    if due <= 0:
        return None
    return done * 100 / due


def shown_ratio(ratio: Decimal) -> Decimal:
    """The ratio as a page shows it, to 0.1 and rounded down, so that what is shown is below a
    threshold exactly when the ratio is: 69.95% shows as 69.9%, never as 70.0%."""
    return ratio.quantize(Decimal("0.1"), rounding=ROUND_FLOOR)
