"""The week rule with no database: a week is its ISO Monday (2026-W53 included), parsed from
"2026-W53", refused in the user's language when it is any other day."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from projects import weeks
from projects.fields import WeekField, require_monday

W53 = dt.date(2026, 12, 28)  # 2026-W53, campaign 2026's last week


def test_parse_week_reads_2026_w53_as_monday_28_december():
    assert weeks.parse_week("2026-W53") == W53
    assert weeks.parse_week("2026W53") == W53
    assert weeks.parse_week(" 2027-W01 ") == dt.date(2027, 1, 4)


@pytest.mark.parametrize("text", ["2027-W53", "2026-W00", "2026-53", "W53", ""])
def test_parse_week_refuses_what_is_not_a_week(text):
    with pytest.raises(ValueError):
        weeks.parse_week(text)


def test_every_day_of_w53_belongs_to_the_monday_of_28_december():
    days = [W53 + dt.timedelta(days=n) for n in range(7)]  # Monday 28 Dec to Sunday 3 Jan 2027
    assert {weeks.week_start(day) for day in days} == {W53}
    assert [weeks.is_monday(day) for day in days] == [True] + [False] * 6
    assert weeks.week_label(W53) == "2026-W53" and weeks.campaign_year(days[-1]) == 2026


def test_require_monday_lets_a_monday_and_no_week_pass():
    require_monday(W53)
    require_monday(None)


def test_require_monday_refuses_a_tuesday_in_the_users_language():
    with pytest.raises(ValidationError) as refused:
        require_monday(W53 + dt.timedelta(days=1))
    assert refused.value.code == "not_monday"
    with translation.override("en"):
        assert refused.value.messages == [
            "A week must be a Monday (the first day of its ISO week)."
        ]
    with translation.override("zh-hans"):
        assert refused.value.messages == ["周次须为星期一（所在 ISO 周的第一天）。"]


def test_the_week_field_validates_with_the_same_rule():
    field = WeekField()
    assert field.clean(W53, None) == W53
    with pytest.raises(ValidationError) as refused:
        field.clean(dt.date(2027, 1, 3), None)  # Sunday of 2026-W53
    assert [error.code for error in refused.value.error_list] == ["not_monday"]
