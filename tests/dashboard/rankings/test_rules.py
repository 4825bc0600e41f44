"""Rankings over a period: ties, missing weeks, exempted weeks, groups, change of rank."""

from decimal import Decimal as D

from dashboard.rankings.rules import group_scores, period_scores, rank, ranks_of


def test_period_score_averages_scored_weeks_only():
    rows = [
        ("a", D(90), False),
        ("a", None, False),
        ("a", D(80), False),
        ("b", D(50), True),
        ("b", D(70), False),
        ("c", None, False),
    ]
    scores = period_scores(rows)
    assert scores["a"] == (D("85.00"), 2)
    assert scores["b"] == (D("70.00"), 1)  # the exempted week is left out
    assert scores["c"] == (None, 0)


def test_ties_share_a_rank_and_the_next_rank_skips():
    scores = {"a": (D(90), 1), "b": (D(80), 1), "c": (D(90), 1), "d": (D(70), 1)}
    standings = rank(scores)
    assert [(s.key, s.rank) for s in standings] == [("a", 1), ("c", 1), ("b", 3), ("d", 4)]


def test_unscored_are_listed_last_without_rank():
    standings = rank({"a": (None, 0), "b": (D(60), 1)})
    assert [(s.key, s.rank) for s in standings] == [("b", 1), ("a", None)]


def test_change_of_rank_since_previous_period():
    before = ranks_of(rank({"a": (D(90), 1), "b": (D(80), 1), "c": (D(70), 1)}))
    now = rank({"a": (D(60), 1), "b": (D(80), 1), "c": (D(95), 1), "d": (D(50), 1)}, before)
    change = {s.key: s.change for s in now}
    assert change == {"c": 2, "b": 0, "a": -2, "d": None}


def test_group_scores_average_their_projects():
    projects = {1: (D(90), 4), 2: (D(70), 4), 3: (None, 0), 4: (D(60), 2)}
    groups = {1: "住建局", 2: "住建局", 3: "工信局", 4: "商务局"}
    scores = group_scores(projects, groups)
    assert scores["住建局"] == (D("80.00"), 2)
    assert scores["工信局"] == (None, 0)
    assert scores["商务局"] == (D("60.00"), 1)
    assert [s.key for s in rank(scores)] == ["住建局", "商务局", "工信局"]
