"""China's working days: the official holidays and 调休 working weekends, the district's own
days, and what happens in a year the library does not know yet."""

import datetime as dt

import pytest

from escalation.rules import LadderRules, notice_deadline
from projects import checks, weeks, workdays

D = dt.date


def test_a_deadline_on_national_day_moves_to_the_next_working_day():
    assert not workdays.is_working_day(D(2026, 10, 1))
    assert workdays.on_or_after(D(2026, 10, 1)) == D(2026, 10, 8)


def test_a_tiaoxiu_saturday_is_a_working_day():
    assert D(2026, 10, 10).isoweekday() == 6
    assert workdays.is_working_day(D(2026, 10, 10))
    assert workdays.on_or_after(D(2026, 10, 10)) == D(2026, 10, 10)
    assert not workdays.is_working_day(D(2026, 10, 11))  # an ordinary Sunday


def test_first_working_day_of_the_month():
    assert workdays.first_working_day(2026, 10) == D(2026, 10, 8)
    assert workdays.first_working_day(2026, 11) == D(2026, 11, 2)  # 1 November is a Sunday
    assert workdays.add_working_days(D(2026, 9, 30), 2) == D(2026, 10, 9)


def test_the_districts_own_days(settings):
    settings.DISTRICT_DAYS_OFF = ["2026-11-20"]
    settings.DISTRICT_WORKDAYS = ["2026-11-22"]
    assert not workdays.is_working_day(D(2026, 11, 20))
    assert workdays.is_working_day(D(2026, 11, 22))  # a Sunday the district works


def test_a_year_the_library_does_not_know_counts_monday_to_friday():
    assert not workdays.known(2099)
    assert workdays.is_working_day(D(2099, 1, 1))  # a Thursday; its holidays are not known
    assert not workdays.is_working_day(D(2099, 1, 3))


def test_the_weekly_deadline_moves_off_a_holiday():
    # The report of 2026-W40 is due Monday 5 October at noon: a holiday, so Thursday the 8th.
    due = weeks.report_deadline(D(2026, 9, 28))
    assert due == dt.datetime(2026, 10, 8, 12, 0, tzinfo=weeks.SHANGHAI)
    assert weeks.report_deadline(D(2026, 11, 16)).date() == D(2026, 11, 23)


def test_a_notice_deadline_moves_off_a_holiday():
    assert notice_deadline(D(2026, 9, 17), LadderRules(notice_days=14)) == D(2026, 10, 8)


@pytest.mark.django_db
def test_the_system_check_warns_for_an_unknown_year(monkeypatch):
    monkeypatch.setattr(workdays, "known", lambda year: False)
    [warning] = checks.check_calendar()
    assert warning.id == "projects.W001"
    monkeypatch.setattr(workdays, "known", lambda year: True)
    assert checks.check_calendar() == []
