"""The escalation ladder's rules: red, red → notice; deadline passed → interview; blue → closed."""

import datetime as dt
from decimal import Decimal as D

from escalation.rules import (
    LadderRules,
    OpenNotice,
    Step,
    WeekCard,
    consecutive_red,
    next_step,
    notice_deadline,
)

RULES = LadderRules()
W = [dt.date(2026, 10, 26) + dt.timedelta(weeks=i) for i in range(6)]


def cards(*pairs):
    return [WeekCard(W[i], card, D(total)) for i, (card, total) in enumerate(pairs)]


def test_consecutive_red_counts_back_from_the_latest_week():
    assert consecutive_red(cards(("red", 50), ("yellow", 70), ("red", 50), ("red", 40))) == 2
    assert consecutive_red(cards(("red", 50), ("red", 50), ("yellow", 70))) == 0


def test_a_missing_week_breaks_the_run():
    history = [WeekCard(W[0], "red", D(50)), WeekCard(W[2], "red", D(50))]
    assert consecutive_red(history) == 1


def test_one_red_week_opens_nothing_two_open_a_notice():
    today = W[2]
    assert next_step(cards(("yellow", 70), ("red", 50)), None, today, RULES) is Step.NONE
    assert next_step(cards(("red", 55), ("red", 50)), None, today, RULES) is Step.OPEN_NOTICE


def test_threshold_from_the_rubric():
    class Rubric:
        notice_red_weeks = 3

    rules = LadderRules.from_rubric(Rubric())
    assert rules.notice_red_weeks == 3 and rules.notice_days == 14
    assert next_step(cards(("red", 55), ("red", 50)), None, W[2], rules) is Step.NONE


def test_deadline_passed_without_progress_proposes_an_interview_once():
    notice = OpenNotice(W[1], D(50), notice_deadline(W[1], RULES))
    history = cards(("red", 50), ("red", 50), ("red", 52), ("yellow", 58))
    assert next_step(history, notice, notice.deadline, RULES) is Step.NONE  # on the day: not yet
    after = notice.deadline + dt.timedelta(days=1)
    assert next_step(history, notice, after, RULES) is Step.PROPOSE_INTERVIEW
    proposed = OpenNotice(W[1], D(50), notice.deadline, interview_proposed=True)
    assert next_step(history, proposed, after, RULES) is Step.NONE


def test_clear_progress_after_the_deadline_proposes_nothing():
    notice = OpenNotice(W[1], D(50), notice_deadline(W[1], RULES))
    history = cards(("red", 50), ("red", 50), ("yellow", 60))
    assert next_step(history, notice, notice.deadline + dt.timedelta(days=3), RULES) is Step.NONE


def test_blue_closes_the_notice():
    notice = OpenNotice(W[1], D(50), notice_deadline(W[1], RULES))
    history = cards(("red", 50), ("red", 50), ("blue", 90))
    assert next_step(history, notice, W[2], RULES) is Step.CLOSE_NOTICE


def test_red_weeks_a_closed_notice_answered_are_spent():
    history = cards(("red", 50), ("red", 50), ("red", 50), ("red", 50))
    assert consecutive_red(history, after=W[2]) == 1
    assert next_step(history, None, W[4], RULES, closed_after=W[2]) is Step.NONE
    assert next_step(history, None, W[4], RULES, closed_after=W[1]) is Step.OPEN_NOTICE


def test_the_sign_for_deadline_comes_from_the_rubric():
    from escalation.rules import sign_deadline
    from scoring.rubric import Rubric

    assert sign_deadline(W[0], RULES) == W[0] + dt.timedelta(days=2)
    rules = LadderRules.from_rubric(Rubric(notice_sign_days=3))
    assert sign_deadline(W[0], rules) == W[0] + dt.timedelta(days=3)
