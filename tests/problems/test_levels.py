"""Escalation levels: pure date arithmetic. No database."""

import datetime as dt

import pytest

from problems.choices import Level
from problems.levels import level_for, next_climb

DEADLINE = dt.date(2026, 11, 30)


@pytest.mark.parametrize(
    ("today", "step", "level"),
    [
        (dt.date(2026, 11, 1), 5, Level.DEPARTMENT),
        (DEADLINE, 5, Level.DEPARTMENT),  # due today is not late
        (dt.date(2026, 12, 1), 5, Level.HEAD),  # the first day late
        (dt.date(2026, 12, 5), 5, Level.HEAD),  # five days late: still the head
        (dt.date(2026, 12, 6), 5, Level.LEADER),
        (dt.date(2026, 12, 10), 5, Level.LEADER),
        (dt.date(2026, 12, 11), 5, Level.MEETING),
        (dt.date(2027, 6, 1), 5, Level.MEETING),  # the meeting is the top
        (dt.date(2026, 12, 1), 1, Level.HEAD),
        (dt.date(2026, 12, 2), 1, Level.LEADER),
        (dt.date(2026, 12, 3), 1, Level.MEETING),
        (dt.date(2026, 12, 14), 14, Level.HEAD),
        (dt.date(2026, 12, 15), 14, Level.LEADER),
    ],
)
def test_level_for(today, step, level):
    assert level_for(DEADLINE, today, step) == level


@pytest.mark.parametrize("level", [0, 1, 2])
def test_next_climb_is_the_first_day_of_the_next_level(level):
    day = next_climb(DEADLINE, 5, level)
    assert level_for(DEADLINE, day, 5) == level + 1
    assert level_for(DEADLINE, day - dt.timedelta(days=1), 5) == level


def test_no_climb_above_the_meeting():
    assert next_climb(DEADLINE, 5, Level.MEETING) is None


def test_a_step_must_be_a_day_at_least():
    with pytest.raises(ValueError):
        level_for(DEADLINE, DEADLINE, 0)
