"""An id past the database's is no row, not a server error (config.keys), on SQLite too."""

import pytest
from django import forms

from accounts.models import Unit
from config.keys import MAX_ID, as_id
from tests.factories import UnitFactory

HUGE = "99999999999999999999"


@pytest.mark.parametrize(
    ("value", "expected"),
    [("12", 12), (str(MAX_ID), MAX_ID), (str(MAX_ID + 1), None), (HUGE, None), ("0", None),
     ("-3", None), ("1e3", None), ("", None), (None, None), ("１２", None), ("²", None)],
)  # fmt: skip
def test_as_id(value, expected):
    assert as_id(value) == expected


@pytest.mark.django_db
def test_a_model_choice_of_a_huge_number_is_not_a_choice(unit):
    class Pick(forms.Form):
        one = forms.ModelChoiceField(queryset=Unit.objects.all())
        many = forms.ModelMultipleChoiceField(queryset=Unit.objects.all())

    form = Pick({"one": HUGE, "many": [str(unit.pk), HUGE]})
    assert not form.is_valid()
    assert set(form.errors) == {"one", "many"}
    other = UnitFactory(region=unit.region, name="区工信局")
    assert Pick({"one": other.pk, "many": [unit.pk, other.pk]}).is_valid()
