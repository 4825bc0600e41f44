"""Period arithmetic: weeks across New Year, biweekly parity, months, quarters, halves, years.
Pure tests, no database."""

import datetime as dt

import pytest

from reports import periods
from reports.periods import Period, containing, latest_ended, parse, periods_of_year

D = dt.date


@pytest.mark.parametrize(
    ("kind", "label", "start", "end"),
    [
        ("weekly", "2026-W47", D(2026, 11, 16), D(2026, 11, 22)),
        ("biweekly", "2026-W47/48", D(2026, 11, 16), D(2026, 11, 29)),
        ("monthly", "2026-11", D(2026, 11, 1), D(2026, 11, 30)),
        ("quarterly", "2026-Q4", D(2026, 10, 1), D(2026, 12, 31)),
        ("halfyear", "2026-H2", D(2026, 7, 1), D(2026, 12, 31)),
        ("annual", "2026", D(2026, 1, 1), D(2026, 12, 31)),
    ],
)
def test_parse_and_label_round_trip(kind, label, start, end):
    period = parse(kind, label)
    assert (period.start, period.end) == (start, end)
    assert period.label == label
    assert parse(kind, period.label) == period


def test_iso_week_53_exists_only_in_long_years():
    assert parse("weekly", "2020-W53").start == D(2020, 12, 28)
    assert parse("weekly", "2026-W53").start == D(2026, 12, 28)  # 1 Jan 2026 is a Thursday
    with pytest.raises(ValueError, match="2025 has no ISO week 53"):
        parse("weekly", "2025-W53")
    with pytest.raises(ValueError, match="2021 has no ISO week 53"):
        parse("weekly", "2021-W53")
    assert periods.weeks_in_year(2020) == 53
    assert periods.weeks_in_year(2025) == 52


def test_weeks_across_new_year_belong_to_the_year_of_their_thursday():
    # Monday 29 December 2025 starts 2026-W01.
    week = containing("weekly", D(2025, 12, 31))
    assert week.label == "2026-W01"
    assert week.year == 2026
    assert week.previous().label == "2025-W52"
    assert parse("weekly", "2020-W53").next().label == "2021-W01"
    # 1 January 2021 (a Friday) is still in 2020-W53.
    assert containing("weekly", D(2021, 1, 1)).label == "2020-W53"


def test_biweekly_parity_is_fixed_to_the_first_week_of_the_campaign():
    assert containing("biweekly", D(2026, 1, 5)).label == "2026-W01/02"  # W02
    assert containing("biweekly", D(2026, 11, 23)).label == "2026-W47/48"
    assert parse("biweekly", "2026-W48").label == "2026-W47/48"
    with pytest.raises(ValueError, match="the pair is 2026-W47/48"):
        parse("biweekly", "2026-W48/49")
    # Every week of a year is in exactly one pair, and the pairs stay inside the year.
    for year in (2020, 2025, 2026):
        pairs = periods_of_year("biweekly", year)
        weeks = [w for p in pairs for w in p.weeks()]
        assert len(weeks) == periods.weeks_in_year(year) == len(set(weeks))
        assert all(p.year == year for p in pairs)


def test_the_lone_53rd_week_joins_the_pair_before_it():
    period = parse("biweekly", "2026-W53")
    assert period.label == "2026-W51/53"
    assert len(period.weeks()) == 3
    assert period.next().label == "2027-W01/02"
    assert parse("biweekly", "2027-W01").previous() == period
    assert parse("biweekly", "2020-W51/53").end == D(2021, 1, 3)
    assert len(periods_of_year("biweekly", 2025)) == 26


def test_months_quarters_halves_and_years():
    assert parse("monthly", "2024-02").end == D(2024, 2, 29)
    assert parse("monthly", "2026-12").next().label == "2027-01"
    assert parse("monthly", "2026-01").previous().label == "2025-12"
    assert containing("quarterly", D(2026, 8, 31)).label == "2026-Q3"
    assert parse("quarterly", "2026-Q1").previous().label == "2025-Q4"
    assert containing("halfyear", D(2026, 6, 30)).label == "2026-H1"
    assert parse("halfyear", "2026-H1").next().label == "2026-H2"
    assert parse("annual", "2026").previous().label == "2025"
    assert [p.label for p in periods_of_year("quarterly", 2026)] == [
        "2026-Q1",
        "2026-Q2",
        "2026-Q3",
        "2026-Q4",
    ]


def test_weeks_of_a_period_are_those_whose_thursday_falls_in_it():
    november = parse("monthly", "2026-11")
    # 30 Nov 2026 is a Monday whose Thursday is in December.
    assert november.weeks() == [D(2026, 11, 2), D(2026, 11, 9), D(2026, 11, 16), D(2026, 11, 23)]
    assert november.last_week == D(2026, 11, 23)
    # 1 Oct 2026 is a Thursday: the week of Monday 28 September belongs to October.
    assert parse("monthly", "2026-10").weeks()[0] == D(2026, 9, 28)
    year = parse("annual", "2026")
    assert len(year.weeks()) == 53
    assert year.weeks()[0] == D(2025, 12, 29)
    assert all(len(parse("monthly", f"2026-{m:02d}").weeks()) in (4, 5) for m in range(1, 13))


def test_latest_ended_is_the_period_before_today():
    assert latest_ended("weekly", D(2026, 11, 30)).label == "2026-W48"
    assert latest_ended("monthly", D(2026, 12, 1)).label == "2026-11"
    assert latest_ended("monthly", D(2026, 11, 30)).label == "2026-10"
    assert latest_ended("quarterly", D(2027, 1, 4)).label == "2026-Q4"
    assert latest_ended("halfyear", D(2026, 7, 1)).label == "2026-H1"
    assert latest_ended("annual", D(2027, 1, 2)).label == "2026"
    assert latest_ended("biweekly", D(2026, 11, 30)).label == "2026-W47/48"
    assert latest_ended("biweekly", D(2026, 11, 24)).label == "2026-W45/46"


def test_display_names_are_chinese():
    assert parse("weekly", "2026-W47").display == "2026年第47周"
    assert parse("biweekly", "2026-W47/48").display == "2026年第47—48周"
    assert parse("quarterly", "2026-Q4").display == "2026年第四季度"
    assert parse("halfyear", "2026-H1").display == "2026年上半年"
    assert parse("annual", "2026").display == "2026年度"


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("weekly", "2026-47"),
        ("monthly", "2026-13"),
        ("quarterly", "2026-Q5"),
        ("annual", "26"),
        ("fortnightly", "2026-W01"),
    ],
)
def test_bad_labels_say_what_is_expected(kind, text):
    with pytest.raises(ValueError):
        parse(kind, text)


def test_period_is_ordered_and_hashable():
    a, b = parse("monthly", "2026-10"), parse("monthly", "2026-11")
    assert a < b and len({a, b, Period("monthly", a.start, a.end)}) == 2
