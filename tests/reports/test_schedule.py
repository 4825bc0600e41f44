"""The schedule's decisions (which periods are due, built once), the reminders before the weekly
deadline (only while reports are missing, once per unit and week), and the observation
assessment the scoring app takes."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core import mail

from observation.choices import RoundStatus
from observation.models import ObservationRound, ObservationScore
from observation.selectors import observation_assessment
from outbox.choices import Status
from outbox.models import Message
from projects.weeks import SHANGHAI
from reports import due, periods, reminders
from reports.models import Reminder, Report
from tests.factories import ProjectFactory
from tests.outbox.helpers import send_due

from .helpers import small_district

pytestmark = pytest.mark.django_db


def at(day: int, hour: int, month: int = 11) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, tzinfo=SHANGHAI)


@pytest.fixture
def district(campaign, unit, leader):
    small_district(campaign, unit, leader)
    return campaign


def test_a_week_is_due_after_its_deadline_and_its_scoring(district):
    weekly = periods.parse("weekly", "2026-W47")
    assert not due.is_ready(district, weekly, at(23, 11))  # deadline Monday 12:00
    assert due.is_ready(district, weekly, at(23, 13))  # scored
    unscored = periods.parse("weekly", "2026-W48")
    assert not due.is_ready(district, unscored, at(30, 13))  # waits for the scoring run…
    assert due.is_ready(district, unscored, dt.datetime(2026, 12, 1, 13, tzinfo=SHANGHAI))  # …a day


def test_monthly_reports_wait_for_a_working_day(district):
    october = periods.parse("monthly", "2026-10")
    assert not due.is_ready(district, october, at(7, 10))  # Saturday
    assert due.is_ready(district, october, at(9, 10))  # Monday


def test_the_monthly_bulletin_waits_out_the_national_holiday(district):
    """September's bulletin: 1–7 October 2026 are the National Day holiday, so it comes on
    Thursday the 8th (the first working day of October); Saturday the 10th is a 调休 working
    day, when it may come too."""
    september = periods.parse("monthly", "2026-09")
    assert not due.is_ready(district, september, at(1, 10, month=10))
    assert not due.is_ready(district, september, at(5, 10, month=10))  # a Monday, but a holiday
    assert due.is_ready(district, september, at(8, 10, month=10))
    assert due.is_ready(district, september, at(10, 10, month=10))  # 调休 Saturday


def test_every_other_week_is_decided_by_the_service(district):
    built = due.build_due_reports(at(16, 13))
    kinds = {r.kind: r.period for r in built}
    assert kinds["biweekly"] == "2026-W45/46" and kinds["weekly"] == "2026-W46"
    again = due.build_due_reports(at(23, 13))  # a week later: a weekly digest, no new pack
    assert {(r.kind, r.period) for r in again} == {("weekly", "2026-W47")}
    assert due.build_due_reports(at(23, 14)) == []  # safe to run twice
    assert Report.objects.filter(kind="biweekly").count() == 1


def test_reminders_go_to_units_still_missing_reports_once_a_week(
    district, unit, other_unit, other_reporter, reporter, settings
):
    late = ProjectFactory(campaign=district, unit=other_unit, name="迟报的项目")
    assert reminders.reminders_create(at(22, 8)) == []  # the window opens 24 h before
    ids = reminders.reminders_create(at(23, 8))
    assert [Reminder.objects.get(pk=pk).unit for pk in ids] == [other_unit]  # unit has all its
    assert reminders.reminders_create(at(23, 9)) == []  # once per unit and week
    with time_machine.travel(at(23, 8), tick=False):
        send_due()
    assert [m.to for m in mail.outbox] == [[other_reporter.email]]
    assert (
        late.name in mail.outbox[0].body
        and "2026-W47" in mail.outbox[0].subject + mail.outbox[0].body
    )
    assert reminders.reminders_create(at(23, 13)) == []  # after the deadline: too late


def test_a_unit_that_caught_up_is_not_mailed(district, other_unit, other_reporter):
    from tests.factories import WeeklyReportFactory

    late = ProjectFactory(campaign=district, unit=other_unit)
    [pk] = reminders.reminders_create(at(23, 8))
    WeeklyReportFactory(project=late, week=dt.date(2026, 11, 16))
    with time_machine.travel(at(23, 9), tick=False):
        assert send_due() == []
    assert mail.outbox == []
    [message] = Message.objects.filter(ref=f"reminder:{pk}")
    assert message.status == Status.SKIPPED  # on record: decided, and why it was not sent


def test_observation_assessment_feeds_the_scoring_item(
    district, project, supervisor, manager, other_project
):
    round_ = ObservationRound.objects.create(
        campaign=district, name="观摩", held_on=dt.date(2026, 11, 18), status=RoundStatus.CLOSED
    )
    for inspector, score in ((supervisor, "80"), (manager, "91")):
        ObservationScore.objects.create(
            round=round_, project=project, inspector=inspector, score=Decimal(score)
        )
    ObservationRound.objects.create(  # an open round does not count yet
        campaign=district, name="补充观摩", held_on=dt.date(2026, 11, 19)
    ).scores.create(project=project, inspector=supervisor, score=Decimal(10))
    ids = [project.pk, other_project.pk]
    assert observation_assessment(ids, dt.date(2026, 11, 16)) == {
        project.pk: Decimal("8.55"),
        other_project.pk: None,
    }
    assert observation_assessment(ids, dt.date(2026, 11, 9)) == {
        project.pk: None,
        other_project.pk: None,
    }
