"""The state machine, exhaustively: every allowed move, every forbidden one. No database."""

import itertools

import pytest

from problems.choices import Action, Status
from problems.flow import MOVES, Actor, MoveNotAllowed, allowed_actions, move, needs_text

S, A = Status, Action
R, H, SV, L = Actor.RAISER, Actor.HANDLER, Actor.SUPERVISOR, Actor.LEADER
OPEN_ROUTABLE = [S.UNROUTED, S.ASSIGNED, S.ACCEPTED, S.INFO_REQUESTED, S.REOPENED]
WORKING = [S.ASSIGNED, S.ACCEPTED, S.REOPENED]

# The design, written out by hand: (status, action) → (new status, who may).
EXPECTED = {
    **{(s, A.ROUTE): (S.ASSIGNED, {SV}) for s in OPEN_ROUTABLE},
    (S.ASSIGNED, A.ACCEPT): (S.ACCEPTED, {H}),
    **{(s, A.ASK): (S.INFO_REQUESTED, {H}) for s in WORKING},
    (S.INFO_REQUESTED, A.PROVIDE): (S.ACCEPTED, {R}),
    **{(s, A.ANSWER): (S.ANSWERED, {H}) for s in WORKING},
    **{(s, A.DECLINE): (S.UNROUTED, {H}) for s in WORKING},
    (S.ANSWERED, A.CONFIRM): (S.CLOSED, {R}),
    (S.ANSWERED, A.REOPEN): (S.REOPENED, {R}),
    (S.CLOSED, A.REOPEN): (S.REOPENED, {R}),
    **{(s, A.WITHDRAW): (S.WITHDRAWN, {R, SV}) for s in [*OPEN_ROUTABLE, S.ANSWERED]},
    **{(s, A.COMMENT): (s, {R, H, SV, L}) for s in Status},
}

ALLOWED = [(s, a, actor) for (s, a), (_t, who) in EXPECTED.items() for actor in sorted(who)]
FORBIDDEN = [
    (s, a, actor)
    for s, a, actor in itertools.product(Status, Action, Actor)
    if actor not in EXPECTED.get((s, a), (None, set()))[1]
]
NO_MOVE = [(s, a) for s, a in itertools.product(Status, Action) if (s, a) not in EXPECTED]
WRONG_ACTOR = [(s, a, actor) for s, a, actor in FORBIDDEN if (s, a) in EXPECTED]


def test_the_table_is_the_design():
    assert {key: (m.target, set(m.actors)) for key, m in MOVES.items()} == EXPECTED


def test_the_cases_cover_every_combination():
    assert len(ALLOWED) + len(FORBIDDEN) == len(Status) * len(Action) * len(Actor)


@pytest.mark.parametrize(("status", "action", "actor"), ALLOWED)
def test_every_allowed_move(status, action, actor):
    assert move(status, action, [actor], text="理由") == EXPECTED[(status, action)][0]


@pytest.mark.parametrize(("status", "action"), NO_MOVE)
def test_a_move_that_does_not_exist_is_refused_for_everyone(status, action):
    with pytest.raises(MoveNotAllowed) as refused:
        move(status, action, list(Actor), text="理由")
    assert refused.value.code == "no_such_move"
    message = refused.value.messages[0]
    assert f"“{status.label}”" in message and f"“{action.label}”" in message


@pytest.mark.parametrize(("status", "action", "actor"), WRONG_ACTOR)
def test_a_move_by_the_wrong_party_is_refused_and_says_who_may(status, action, actor):
    with pytest.raises(MoveNotAllowed) as refused:
        move(status, action, [actor], text="理由")
    assert refused.value.code == "wrong_actor"
    message = refused.value.messages[0]
    assert message.startswith("Only ")
    assert str(action.label) in message and str(status.label) in message


@pytest.mark.parametrize(("status", "action", "actor"), FORBIDDEN)
def test_every_forbidden_move_is_refused(status, action, actor):
    with pytest.raises(MoveNotAllowed):
        move(status, action, [actor], text="理由")


def test_nobody_can_move_anything():
    for status, action in itertools.product(Status, Action):
        with pytest.raises(MoveNotAllowed):
            move(status, action, [], text="理由")


TEXT_MOVES = [(s, a, sorted(m.actors)[0]) for (s, a), m in MOVES.items() if m.needs_text]


@pytest.mark.parametrize(("status", "action", "actor"), TEXT_MOVES)
@pytest.mark.parametrize("text", ["", "   \n"])
def test_moves_that_need_a_reason_refuse_an_empty_one(status, action, actor, text):
    with pytest.raises(MoveNotAllowed) as refused:
        move(status, action, [actor], text=text)
    assert refused.value.code == "text_required"
    assert "Write a reason" in refused.value.messages[0]


def test_which_moves_need_text():
    assert {a for a in Action if needs_text(a)} == {
        A.ASK,
        A.PROVIDE,
        A.ANSWER,
        A.DECLINE,
        A.REOPEN,
        A.WITHDRAW,
        A.COMMENT,
    }
    assert move(S.ASSIGNED, A.ACCEPT, [H]) == S.ACCEPTED
    assert move(S.ANSWERED, A.CONFIRM, [R]) == S.CLOSED
    assert move(S.UNROUTED, A.ROUTE, [SV]) == S.ASSIGNED


def test_a_person_playing_several_parts_may_use_any_of_them():
    # A supervisor confirming a meeting's action is its raiser and a supervisor at once.
    assert move(S.ANSWERED, A.CONFIRM, [SV, R]) == S.CLOSED


def test_the_whole_loop():
    status = S.UNROUTED
    for action, actor in [
        (A.ROUTE, SV),
        (A.ACCEPT, H),
        (A.ASK, H),
        (A.PROVIDE, R),
        (A.ANSWER, H),
        (A.REOPEN, R),
        (A.ANSWER, H),
        (A.CONFIRM, R),
    ]:
        status = move(status, action, [actor], text="说明")
    assert status == S.CLOSED


@pytest.mark.parametrize("status", list(Status))
@pytest.mark.parametrize("actor", list(Actor))
def test_allowed_actions_agree_with_the_table(status, actor):
    expected = [a for a in Action if actor in EXPECTED.get((status, a), (None, set()))[1]]
    assert allowed_actions(status, [actor]) == expected


def test_nothing_but_a_comment_after_withdrawal():
    assert allowed_actions(S.WITHDRAWN, list(Actor)) == [A.COMMENT]
