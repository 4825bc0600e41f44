"""The state machine of a problem, as a table. Pure: no database, no request.

``MOVES`` says, for each status and action, the new status and who may make the move. Anything
not in the table is refused by :func:`move` with a message a person can read. Escalation is not a
move: it raises the *level* of an overdue problem and leaves its status alone (see ``levels.py``).

The actors are the parts a person plays on one problem, not account roles (``scope.actors_of``
maps one to the other):

- ``raiser``: the side that raised it and confirms the answer — the project's responsible unit
  for a reported problem, the supervisors for an action decided by a meeting;
- ``handler``: the unit the problem is routed to (a department, or the owner of an action);
- ``supervisor``: routes and redirects, may withdraw;
- ``leader``: the project's responsible leader, who may comment.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .choices import Action, Status


class Actor(StrEnum):
    RAISER = "raiser"
    HANDLER = "handler"
    SUPERVISOR = "supervisor"
    LEADER = "leader"


ACTOR_LABELS = {
    Actor.RAISER: gettext_lazy("the unit that raised it"),
    Actor.HANDLER: gettext_lazy("the department it is routed to"),
    Actor.SUPERVISOR: gettext_lazy("a supervisor"),
    Actor.LEADER: gettext_lazy("the responsible leader"),
}


@dataclass(frozen=True)
class Move:
    source: Status
    action: Action
    target: Status  # the same as source for a comment
    actors: frozenset[Actor]
    needs_text: bool  # a reason, a question or an answer must be written


class MoveNotAllowed(ValidationError):
    """A move the table does not allow, or allows to someone else, or without its reason."""


S, A = Status, Action
RAISER, HANDLER, SUPERVISOR, LEADER = Actor.RAISER, Actor.HANDLER, Actor.SUPERVISOR, Actor.LEADER
# Open statuses the department is working in: it can ask, answer, or hand the problem back.
WORKING = (S.ASSIGNED, S.ACCEPTED, S.REOPENED)
# Open statuses a supervisor can (re)route from; an answer awaiting confirmation is left alone.
ROUTABLE = (S.UNROUTED, S.ASSIGNED, S.ACCEPTED, S.INFO_REQUESTED, S.REOPENED)
ALL = tuple(Status)


def _moves() -> dict[tuple[Status, Action], Move]:
    rows: list[tuple[Iterable[Status], Action, Status | None, set[Actor], bool]] = [
        (ROUTABLE, A.ROUTE, S.ASSIGNED, {SUPERVISOR}, False),
        ((S.ASSIGNED,), A.ACCEPT, S.ACCEPTED, {HANDLER}, False),
        (WORKING, A.ASK, S.INFO_REQUESTED, {HANDLER}, True),
        ((S.INFO_REQUESTED,), A.PROVIDE, S.ACCEPTED, {RAISER}, True),
        (WORKING, A.ANSWER, S.ANSWERED, {HANDLER}, True),
        (WORKING, A.DECLINE, S.UNROUTED, {HANDLER}, True),
        ((S.ANSWERED,), A.CONFIRM, S.CLOSED, {RAISER}, False),
        ((S.ANSWERED, S.CLOSED), A.REOPEN, S.REOPENED, {RAISER}, True),
        (ROUTABLE + (S.ANSWERED,), A.WITHDRAW, S.WITHDRAWN, {RAISER, SUPERVISOR}, True),
        (ALL, A.COMMENT, None, {RAISER, HANDLER, SUPERVISOR, LEADER}, True),
    ]
    table = {}
    for sources, action, target, actors, needs_text in rows:
        for source in sources:
            table[(source, action)] = Move(
                source, action, target or source, frozenset(actors), needs_text
            )
    return table


MOVES: dict[tuple[Status, Action], Move] = _moves()


def move(status: str, action: str, actors: Iterable[str], text: str = "") -> Status:
    """The status after ``actors`` make ``action`` on a problem in ``status``; MoveNotAllowed
    (a ValidationError) with the reason otherwise."""
    current, act, who = Status(status), Action(action), {Actor(a) for a in actors}
    found = MOVES.get((current, act))
    if found is None:
        raise MoveNotAllowed(
            _("A problem that is “%(status)s” cannot be given the action “%(action)s”.")
            % {"status": current.label, "action": act.label},
            code="no_such_move",
        )
    if not who & found.actors:
        raise MoveNotAllowed(
            _("Only %(who)s may %(action)s a problem that is “%(status)s”.")
            % {"who": who_may(found), "action": act.label, "status": current.label},
            code="wrong_actor",
        )
    if found.needs_text and not (text or "").strip():
        raise MoveNotAllowed(
            _("Write a reason or an explanation to %(action)s.") % {"action": act.label},
            code="text_required",
        )
    return found.target


def who_may(found: Move) -> str:
    return _(" or ").join(str(ACTOR_LABELS[a]) for a in Actor if a in found.actors)


def allowed_actions(status: str, actors: Iterable[str]) -> list[Action]:
    """The actions ``actors`` may take on a problem in ``status``, in the table's order."""
    current, who = Status(status), {Actor(a) for a in actors}
    return [
        action
        for action in Action
        if (m := MOVES.get((current, action))) is not None and who & m.actors
    ]


def needs_text(action: str) -> bool:
    """Whether the action always needs a text (the same for every status it starts from)."""
    return any(m.needs_text for (_s, a), m in MOVES.items() if a == action)
