"""The workflow of a supervision notice (督办单), as a table. Pure: no database, no request.

issued → 签收 (the unit signs for it) → 反馈 (the unit answers in writing, with evidence) →
复核 (a supervisor accepts it, closing the notice, or returns it with a reason, and the unit
answers again). The ladder closes a notice whatever its node when the project turns blue.

``MOVES`` says, for each status and action, the new status, who may make the move and whether a
text is needed. Anything not in the table is refused by :func:`move` with a coded message
(``no_such_move``, ``wrong_actor``, ``text_required``). The actors are parts a person plays on
one notice (``scope.actors_of`` maps accounts to them):

- ``unit``: a reporter of the project's responsible unit (the notice's addressee);
- ``supervisor``: a supervisor or administrator of the notice's region;
- ``system``: the ladder itself.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import NoticeStatus


class Actor(StrEnum):
    UNIT = "unit"
    SUPERVISOR = "supervisor"
    SYSTEM = "system"


ACTOR_LABELS = {
    Actor.UNIT: gettext_lazy("the responsible unit"),
    Actor.SUPERVISOR: gettext_lazy("a supervisor"),
    Actor.SYSTEM: gettext_lazy("the ladder"),
}


class Action(models.TextChoices):
    SIGN = "sign", gettext_lazy("sign for")
    ANSWER = "answer", gettext_lazy("answer")
    RETURN = "return", gettext_lazy("return")
    ACCEPT = "accept", gettext_lazy("accept and close")
    CLOSE = "close", gettext_lazy("close")


@dataclass(frozen=True)
class Move:
    source: NoticeStatus
    action: Action
    target: NoticeStatus
    actors: frozenset[Actor]
    needs_text: bool


class MoveNotAllowed(ValidationError):
    """A move the table does not allow, or allows to someone else, or without its text."""


S, A = NoticeStatus, Action
UNIT, SUPERVISOR, SYSTEM = Actor.UNIT, Actor.SUPERVISOR, Actor.SYSTEM
OPEN = (S.ISSUED, S.SIGNED, S.ANSWERED, S.RETURNED)


def _moves() -> dict[tuple[NoticeStatus, Action], Move]:
    rows: list[tuple[Iterable[NoticeStatus], Action, NoticeStatus, set[Actor], bool]] = [
        ((S.ISSUED,), A.SIGN, S.SIGNED, {UNIT}, False),
        ((S.SIGNED, S.RETURNED), A.ANSWER, S.ANSWERED, {UNIT}, True),
        ((S.ANSWERED,), A.RETURN, S.RETURNED, {SUPERVISOR}, True),
        ((S.ANSWERED,), A.ACCEPT, S.CLOSED, {SUPERVISOR}, False),
        (OPEN, A.CLOSE, S.CLOSED, {SYSTEM}, True),
    ]
    table = {}
    for sources, action, target, actors, needs_text in rows:
        for source in sources:
            table[(source, action)] = Move(source, action, target, frozenset(actors), needs_text)
    return table


MOVES: dict[tuple[NoticeStatus, Action], Move] = _moves()


def who_may(found: Move) -> str:
    return _(" or ").join(str(ACTOR_LABELS[a]) for a in Actor if a in found.actors)


def move(status: str, action: str, actors: Iterable[str], text: str = "") -> NoticeStatus:
    """The status after ``actors`` make ``action`` on a notice in ``status``; MoveNotAllowed
    (a ValidationError with a code) otherwise."""
    current, act, who = NoticeStatus(status), Action(action), {Actor(a) for a in actors}
    found = MOVES.get((current, act))
    if found is None:
        raise MoveNotAllowed(
            _("A notice that is “%(status)s” cannot be given the action “%(action)s”.")
            % {"status": current.label, "action": act.label},
            code="no_such_move",
        )
    if not who & found.actors:
        raise MoveNotAllowed(
            _("Only %(who)s may %(action)s a notice that is “%(status)s”.")
            % {"who": who_may(found), "action": act.label, "status": current.label},
            code="wrong_actor",
        )
    if found.needs_text and not (text or "").strip():
        raise MoveNotAllowed(
            _("Write the text needed to %(action)s.") % {"action": act.label},
            code="text_required",
        )
    return found.target


def allowed_actions(status: str, actors: Iterable[str]) -> list[Action]:
    """The actions ``actors`` may take on a notice in ``status``, in the table's order."""
    current, who = NoticeStatus(status), {Actor(a) for a in actors}
    return [
        action
        for action in Action
        if (m := MOVES.get((current, action))) is not None and who & m.actors
    ]
