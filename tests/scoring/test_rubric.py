"""The rubric: DESIGN.md's defaults, the JSON round trip and every refusal."""

import datetime as dt
import json
from decimal import Decimal as D

import pytest

from scoring.rubric import Rubric, RubricError


def test_defaults_are_the_design_rubric():
    rubric = Rubric()
    assert rubric.weights == {
        "investment": D(40),
        "nodes": D(30),
        "reporting": D(10),
        "problems": D(10),
        "assessment": D(10),
    }
    assert (rubric.blue_min, rubric.red_below) == (D(85), D(60))
    assert (rubric.red_node_overdue_weeks, rubric.red_missing_in_row) == (4, 2)
    assert rubric.red_investment_gap_points == D(30)
    assert (rubric.mode, rubric.blue_share, rubric.red_share) == ("absolute", D("0.3"), D("0.15"))
    assert (rubric.deadline_weekday, rubric.deadline_time) == (1, dt.time(12, 0))


def test_round_trip_through_json():
    rubric = Rubric(
        weight_investment=D("37.5"),
        weight_nodes=D("32.5"),
        red_node_overdue_weeks=None,
        mode="relative",
        deadline_time=dt.time(17, 30),
    )
    data = json.loads(json.dumps(rubric.to_dict()))
    assert data["weight_investment"] == "37.5"
    assert data["deadline_time"] == "17:30"
    assert data["red_node_overdue_weeks"] is None
    assert Rubric.from_dict(data) == rubric


def test_from_dict_coerces_and_fills_missing_keys_with_defaults():
    rubric = Rubric.from_dict({"blue_min": "90", "red_below": 50, "deadline_time": "09:00"})
    assert (rubric.blue_min, rubric.red_below) == (D(90), D(50))
    assert rubric.deadline_time == dt.time(9, 0)
    assert rubric.weight_investment == D(40)


def test_edge_values_are_allowed():
    Rubric(red_below=D(85))  # no yellow band
    Rubric(blue_share=D("0.5"), red_share=D("0.5"))
    Rubric(red_node_overdue_weeks=0)  # any overdue node is red


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"weight_investment": D(50)}, "must sum to 100, they sum to 110"),
        ({"red_below": D(90)}, r"red_below \(90\) must not be above blue_min \(85\)"),
        ({"blue_min": D(101), "red_below": D(60)}, "blue_min: must be at most 100"),
        ({"blue_share": D("1.2")}, "blue_share: must be a share between 0 and 1"),
        ({"blue_share": D("0.6"), "red_share": D("0.5")}, "together must not exceed 1"),
        ({"problem_deduction": D(-1)}, "problem_deduction: must not be negative"),
        ({"red_node_overdue_weeks": -1}, "red_node_overdue_weeks: must not be negative"),
        ({"red_missing_in_row": 0}, "red_missing_in_row: must be at least 1"),
        ({"red_investment_gap_points": D(101)}, "red_investment_gap_points: must be at most"),
        ({"late_points": D(11)}, "must not exceed the reporting weight"),
        ({"investment_zero_at": D(100)}, "investment_zero_at: must be below 100"),
        ({"mode": "lottery"}, "mode: must be one of absolute, relative"),
        ({"deadline_weekday": 8}, "deadline_weekday: must be 1"),
        ({"deadline_time": "25:00"}, "not a time like 12:00"),
        ({"deadline_time": "12:00:30"}, "whole minutes only"),
        ({"same_text_weeks": 1}, "same_text_weeks: must be at least 2"),
        ({"no_photo_weeks": 0}, "no_photo_weeks: must be at least 1"),
        ({"blue_min": 85.5}, "use a Decimal or a string, not float"),
        ({"blue_min": "high"}, "'high' is not a number"),
        ({"blue_min": "NaN"}, "not a finite number"),
        ({"red_missing_in_row": "2"}, "is not a whole number"),
    ],
)
def test_invalid_values_raise_a_clear_error(changes, message):
    with pytest.raises(RubricError, match=message):
        Rubric.from_dict(changes)


def test_unknown_keys_are_refused():
    with pytest.raises(RubricError, match="unknown rubric fields: blue_minimum"):
        Rubric.from_dict({"blue_minimum": "85"})


def test_rubric_is_immutable():
    with pytest.raises(AttributeError):
        Rubric().blue_min = D(1)
