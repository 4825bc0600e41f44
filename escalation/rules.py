"""The escalation ladder (督办 → 约谈 → 问责) as pure rules over a project's weekly cards.

- ``notice_red_weeks`` consecutive red weeks open a supervision notice (督办单) to the
  responsible unit, due ``notice_days`` later;
- a notice past its deadline without clear progress (the weekly total has not risen by
  ``progress_points`` since the notice opened, and the card is not blue) proposes an interview
  (约谈) of the responsible person, once;
- a project that turns blue again closes its open notice;
- after a notice is closed (the project turned blue, or a supervisor accepted the unit's answer)
  only red weeks scored after it was closed count towards the next one;
- the unit signs for a notice within ``notice_sign_days``; a notice unsigned or unanswered past
  its deadline climbs like an overdue problem (``problems.levels``), which never decides an
  interview: only the rule above does;
- accountability (问责) is only ever recorded by a supervisor, never decided by a rule.
Thresholds come from the campaign's rubric.
"""

import datetime as dt
import enum
from dataclasses import dataclass
from decimal import Decimal

from projects import workdays
from scoring.rubric import Rubric


@dataclass(frozen=True)
class LadderRules:
    notice_red_weeks: int = 2
    notice_days: int = 14
    progress_points: Decimal = Decimal("10")
    notice_sign_days: int = 2

    @classmethod
    def from_rubric(cls, rubric: Rubric) -> "LadderRules":
        """Read the thresholds of a scoring.rubric.Rubric; missing ones keep the defaults."""
        defaults = cls()
        return cls(
            notice_red_weeks=getattr(rubric, "notice_red_weeks", defaults.notice_red_weeks),
            notice_days=getattr(rubric, "notice_days", defaults.notice_days),
            progress_points=Decimal(getattr(rubric, "progress_points", defaults.progress_points)),
            notice_sign_days=getattr(rubric, "notice_sign_days", defaults.notice_sign_days),
        )


@dataclass(frozen=True)
class WeekCard:
    week: dt.date
    card: str
    total: Decimal


@dataclass(frozen=True)
class OpenNotice:
    opened_week: dt.date
    opened_total: Decimal
    deadline: dt.date
    interview_proposed: bool = False


class Step(enum.Enum):
    NONE = "none"
    OPEN_NOTICE = "open_notice"
    PROPOSE_INTERVIEW = "propose_interview"
    CLOSE_NOTICE = "close_notice"


def consecutive_red(history: list[WeekCard], after: dt.date | None = None) -> int:
    """Red weeks in a row ending with the latest week; a week with no score breaks the run, and
    so does the week ``after`` (the last notice closed then: its red weeks are spent)."""
    count, expected = 0, None
    for card in reversed(history):
        if after is not None and card.week <= after:
            break
        if expected is not None and card.week != expected:
            break
        if card.card != "red":
            break
        count += 1
        expected = card.week - dt.timedelta(days=7)
    return count


def clear_progress(notice: OpenNotice, latest: WeekCard, rules: LadderRules) -> bool:
    return latest.card == "blue" or latest.total - notice.opened_total >= rules.progress_points


def next_step(
    history: list[WeekCard],
    notice: OpenNotice | None,
    today: dt.date,
    rules: LadderRules,
    closed_after: dt.date | None = None,
) -> Step:
    """What the ladder does for one project after its latest scored week (oldest first);
    ``closed_after`` is the last week whose red card a closed notice already answered."""
    if not history:
        return Step.NONE
    latest = history[-1]
    if notice is not None:
        if latest.card == "blue":
            return Step.CLOSE_NOTICE
        if (
            today > notice.deadline
            and not notice.interview_proposed
            and not clear_progress(notice, latest, rules)
        ):
            return Step.PROPOSE_INTERVIEW
        return Step.NONE
    if consecutive_red(history, closed_after) >= rules.notice_red_weeks:
        return Step.OPEN_NOTICE
    return Step.NONE


def notice_deadline(scored_on: dt.date, rules: LadderRules) -> dt.date:
    """The notice's days from the scoring, moved off a holiday or weekend (China's calendar)."""
    return workdays.on_or_after(scored_on + dt.timedelta(days=rules.notice_days))


def sign_deadline(issued_on: dt.date, rules: LadderRules) -> dt.date:
    """The days to sign for a notice, moved off a holiday or weekend likewise."""
    return workdays.on_or_after(issued_on + dt.timedelta(days=rules.notice_sign_days))
