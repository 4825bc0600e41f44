"""Report periods: ISO weeks, biweekly pairs, months, quarters, halves and years. Pure functions.

A period is closed on both ends (``start`` and ``end`` are days). Weeks are ISO weeks and belong
to the year, month, quarter or half of their Thursday, as the weekly reports and the campaigns do,
so every week falls in exactly one period of each kind.

Biweekly pairs are fixed to the campaign's first week (ISO week 1 of its year): W01/02, W03/04…
The service decides "every other week" from this, not a cron. In a year of 53 ISO weeks (2020,
2026) the lone 53rd week joins the pair before it: 2026-W51/53 covers three weeks, so no dispatch
pack covers a single week and none reaches into the next campaign.
"""

import dataclasses
import datetime as dt
import re

from projects.weeks import campaign_year

KINDS = ("weekly", "biweekly", "monthly", "quarterly", "halfyear", "annual")
DAY = dt.timedelta(days=1)
CN_DIGITS = "一二三四"

_PATTERNS = {
    "weekly": re.compile(r"^(\d{4})-W(\d{1,2})$"),
    "biweekly": re.compile(r"^(\d{4})-W(\d{1,2})(?:/W?(\d{1,2}))?$"),
    "monthly": re.compile(r"^(\d{4})-(\d{1,2})$"),
    "quarterly": re.compile(r"^(\d{4})-Q([1-4])$"),
    "halfyear": re.compile(r"^(\d{4})-H([12])$"),
    "annual": re.compile(r"^(\d{4})$"),
}
EXAMPLES = {
    "weekly": "2026-W47",
    "biweekly": "2026-W47/48",
    "monthly": "2026-11",
    "quarterly": "2026-Q4",
    "halfyear": "2026-H2",
    "annual": "2026",
}


def weeks_in_year(year: int) -> int:
    """52 or 53: 28 December is always in the last ISO week of its year."""
    return dt.date(year, 12, 28).isocalendar().week


def monday_of(year: int, week: int) -> dt.date:
    return dt.date.fromisocalendar(year, week, 1)


def _pair(year: int, week: int) -> tuple[int, int]:
    """The first and last ISO week of the biweekly period that holds ``week`` of ``year``."""
    last = weeks_in_year(year)
    first = week - (week - 1) % 2
    if first == last:  # the lone 53rd week joins the pair before it
        first -= 2
    end = first + 1
    if end + 1 == last and last % 2:
        end = last
    return first, end


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year + month // 12, month % 12 + 1, 1) - DAY


@dataclasses.dataclass(frozen=True, order=True)
class Period:
    """One period of a report kind; ``end`` is its last day."""

    kind: str
    start: dt.date
    end: dt.date

    @property
    def year(self) -> int:
        """The campaign year the period belongs to (the ISO year for weeks)."""
        return campaign_year(self.start) if self.is_weekly else self.start.year

    @property
    def is_weekly(self) -> bool:
        return self.kind in ("weekly", "biweekly")

    @property
    def label(self) -> str:
        """The canonical label: 2026-W47, 2026-W47/48, 2026-11, 2026-Q4, 2026-H2, 2026."""
        if self.is_weekly:
            year, first, _ = self.start.isocalendar()
            if self.kind == "weekly":
                return f"{year}-W{first:02d}"
            last = (self.end - 6 * DAY).isocalendar().week
            return f"{year}-W{first:02d}/{last:02d}"
        if self.kind == "monthly":
            return f"{self.start.year}-{self.start.month:02d}"
        if self.kind == "quarterly":
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        if self.kind == "halfyear":
            return f"{self.start.year}-H{1 if self.start.month <= 6 else 2}"
        return str(self.start.year)

    @property
    def display(self) -> str:
        """The period as an official document names it, in Chinese."""
        if self.is_weekly:
            year, first, _ = self.start.isocalendar()
            if self.kind == "weekly":
                return f"{year}年第{first}周"
            last = (self.end - 6 * DAY).isocalendar().week
            return f"{year}年第{first}—{last}周"
        year = self.start.year
        if self.kind == "monthly":
            return f"{year}年{self.start.month}月"
        if self.kind == "quarterly":
            return f"{year}年第{CN_DIGITS[(self.start.month - 1) // 3]}季度"
        if self.kind == "halfyear":
            return f"{year}年{'上' if self.start.month <= 6 else '下'}半年"
        return f"{year}年度"

    def weeks(self) -> list[dt.date]:
        """The Mondays of the ISO weeks whose Thursday falls in the period."""
        monday = self.start - (self.start.isoweekday() - 1) * DAY
        if monday + 3 * DAY < self.start:
            monday += 7 * DAY
        found = []
        while monday + 3 * DAY <= self.end:
            found.append(monday)
            monday += 7 * DAY
        return found

    @property
    def last_week(self) -> dt.date:
        """The Monday of the period's last week: the week its figures are taken as of."""
        return self.weeks()[-1]

    def previous(self) -> "Period":
        return containing(self.kind, self.start - DAY)

    def next(self) -> "Period":
        return containing(self.kind, self.end + DAY)

    def __str__(self) -> str:
        return self.label


def containing(kind: str, day: dt.date) -> Period:
    """The period of ``kind`` that holds ``day`` (for weeks: the ISO week of ``day``)."""
    if kind == "weekly":
        monday = day - (day.isoweekday() - 1) * DAY
        return Period(kind, monday, monday + 6 * DAY)
    if kind == "biweekly":
        year, week, _ = day.isocalendar()
        first, last = _pair(year, week)
        return Period(kind, monday_of(year, first), monday_of(year, last) + 6 * DAY)
    if kind == "monthly":
        return Period(kind, day.replace(day=1), _month_end(day.year, day.month))
    if kind == "quarterly":
        first = (day.month - 1) // 3 * 3 + 1
        return Period(kind, dt.date(day.year, first, 1), _month_end(day.year, first + 2))
    if kind == "halfyear":
        first = 1 if day.month <= 6 else 7
        return Period(kind, dt.date(day.year, first, 1), _month_end(day.year, first + 5))
    if kind == "annual":
        return Period(kind, dt.date(day.year, 1, 1), dt.date(day.year, 12, 31))
    raise ValueError(f"unknown report kind {kind!r}; one of {', '.join(KINDS)}")


def parse(kind: str, text: str) -> Period:
    """A label of ``kind`` to its period; a biweekly one may name either week of the pair
    (2026-W48 gives 2026-W47/48). ValueError with a readable message otherwise."""
    pattern = _PATTERNS.get(kind)
    if pattern is None:
        raise ValueError(f"unknown report kind {kind!r}; one of {', '.join(KINDS)}")
    match = pattern.match(text.strip())
    if not match:
        raise ValueError(f"not a {kind} period like {EXAMPLES[kind]}: {text!r}")
    year, number = int(match[1]), int(match[2]) if match.lastindex and match.lastindex > 1 else 0
    if kind in ("weekly", "biweekly"):
        if not 1 <= number <= weeks_in_year(year):
            raise ValueError(f"{year} has no ISO week {number} (it has {weeks_in_year(year)})")
        period = containing(kind, monday_of(year, number))
        if (
            kind == "biweekly"
            and match[3]
            and period.label != f"{year}-W{number:02d}/{int(match[3]):02d}"
        ):
            raise ValueError(f"{text!r} is not a biweekly period; the pair is {period.label}")
        return period
    if kind == "monthly":
        if not 1 <= number <= 12:
            raise ValueError(f"no month {number} in {text!r}")
        return containing(kind, dt.date(year, number, 1))
    if kind == "quarterly":
        return containing(kind, dt.date(year, 3 * number - 2, 1))
    if kind == "halfyear":
        return containing(kind, dt.date(year, 6 * number - 5, 1))
    return containing(kind, dt.date(year, 1, 1))


def latest_ended(kind: str, today: dt.date) -> Period:
    """The period of ``kind`` that ended most recently before ``today``."""
    return containing(kind, today).previous()


def periods_of_year(kind: str, year: int) -> list[Period]:
    """Every period of ``kind`` of a campaign year, in order."""
    first = monday_of(year, 1) if kind in ("weekly", "biweekly") else dt.date(year, 1, 1)
    period, found = containing(kind, first), []
    while period.year == year:
        found.append(period)
        period = period.next()
    return found
