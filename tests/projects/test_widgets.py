"""The filter bar's boxes drawn in Python (projects.widgets) are Django's own widgets' HTML, to
the byte: the same choices and value give the same ``<select>`` (selected and empty options,
markup in a label, a model's choices, attributes true and false) and the same ``<input>``."""

import datetime as dt

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.template import Context, Template
from django.utils import translation
from django.utils.safestring import mark_safe

from projects.choices import Card, Category
from projects.forms import MultipleImageInput, WeeklyReportForm
from projects.models import Milestone, WeeklyReport
from projects.templatetags.field_box import field_box
from projects.widgets import DrawnRenderer, FastSelect, FastTextInput, draw_options

CHOICES = [
    ("", "---------"),
    ("a", "A & <b>"),
    (1, "“一” 'x'"),
    ("s", mark_safe("<i>safe</i>")),  # noqa: S308 - a label already markup passes as it is
    (None, "none"),
]


@pytest.mark.parametrize("value", [None, "", "a", 1, "1", "zz", ["a"], ("s", "a")])
@pytest.mark.parametrize(
    "attrs", [None, {"id": "id_x"}, {"id": "id_x", "required": True, "data-n": False}]
)
def test_a_select_is_djangos(value, attrs):
    django = forms.Select(choices=CHOICES).render("x", value, attrs)
    assert FastSelect(choices=CHOICES).render("x", value, attrs) == django


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("choices", [Card.choices, Category.choices])
def test_a_choice_filter_is_djangos(choices, language):
    field = forms.ChoiceField(choices=[("", "---------"), *choices], required=False)
    fast = forms.ChoiceField(choices=field.choices, required=False, widget=FastSelect)
    with translation.override(language):
        for value in (None, choices[0][0]):
            attrs = {"id": "id_card"}
            assert fast.widget.render("card", value, attrs) == field.widget.render(
                "card", value, attrs
            )


@pytest.mark.django_db
def test_a_model_choice_is_djangos(unit, other_unit):
    from accounts.models import Unit

    units = Unit.objects.order_by("name")
    django = forms.ModelChoiceField(queryset=units, required=False)
    fast = forms.ModelChoiceField(queryset=units, required=False, widget=FastSelect)
    for value in (None, unit.pk, str(other_unit.pk)):
        assert fast.widget.render("unit", value) == django.widget.render("unit", value)


def test_kept_options_chosen_are_djangos():
    select = FastSelect(choices=CHOICES)
    select.kept = lambda: draw_options(CHOICES)  # drawn once with none selected
    for value in (None, "a", "1", "zz"):
        assert select.render("x", value) == forms.Select(choices=CHOICES).render("x", value)


def test_choices_in_groups_are_drawn_by_django():
    grouped = [("", "—"), ("东", [("a", "A"), ("b", "B")])]
    fast = FastSelect(choices=grouped).render("x", "b", {"id": "id_x"})
    assert fast == forms.Select(choices=grouped).render("x", "b", {"id": "id_x"})


@pytest.mark.parametrize("value", [None, "", "产业 & <x>", 'a"b', 12])
def test_a_text_box_is_djangos(value):
    attrs = {"placeholder": '名称、编码 "地点"'}
    django = forms.TextInput(attrs=attrs).render("q", value, {"id": "id_q"})
    assert FastTextInput(attrs=attrs).render("q", value, {"id": "id_q"}) == django


@pytest.mark.parametrize("value", [None, "", "产业 & <x>", 'a"b\n第二行', 12])
@pytest.mark.parametrize(
    "widget",
    [
        forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        forms.HiddenInput(),
        forms.Textarea(attrs={"rows": 2}),
        forms.NumberInput(),
        forms.DateInput(),
    ],
)
def test_the_drawn_renderer_is_djangos(widget, value):
    attrs = {"id": "id_x", "required": True, "aria-invalid": "true", "disabled": False}
    django = widget.render("x", value, attrs, renderer=DjangoTemplates())
    assert widget.render("x", value, attrs, renderer=DrawnRenderer()) == django


def test_a_file_box_drawn_is_djangos():
    widget = MultipleImageInput(attrs={"accept": "image/*", "capture": "environment"})
    for value in (None, []):
        django = widget.render("photos", value, {"id": "id_photos"}, renderer=DjangoTemplates())
        drawn = widget.render("photos", value, {"id": "id_photos"}, renderer=DrawnRenderer())
        assert drawn == django


def _entry_forms(data):
    milestones = [
        Milestone(pk=7, name="开工 & <b>", planned_date=dt.date(2026, 3, 2)),
        Milestone(pk=9, name="竣工", planned_date=dt.date(2026, 11, 30)),
    ]
    for renderer in (DjangoTemplates(), DrawnRenderer()):
        form = WeeklyReportForm(
            data,
            instance=WeeklyReport(),
            initial={"stage": "construction", "ytd_investment": "12.50"},
            milestones=milestones,
            renderer=renderer,
        )
        if isinstance(renderer, DjangoTemplates) and not isinstance(renderer, DrawnRenderer):
            for name in ("stage", "investment_source"):  # Django's own, not FastSelect
                form.fields[name].widget = forms.Select(choices=form.fields[name].choices)
        if data is not None:
            form.is_valid()
        yield form


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize(
    "data",
    [
        None,
        {"ytd_investment": "-1", "progress": "一 & <二>", "node_7": "2026-13-40", "version": "x"},
        {"ytd_investment": "１，２３４．５", "stage": "zz", "node_9": "2026-06-01"},
    ],
)
def test_the_entry_form_drawn_is_djangos(data, language):
    """Every box of the weekly entry, and each in its field box, as Django's templates draw
    them: unbound, and bound with errors on fields and nodes."""
    box = Template('{% include "includes/field.html" %}')
    with translation.override(language):
        django, drawn = _entry_forms(data)
        assert list(drawn.fields) == list(django.fields)
        for name in django.fields:
            assert str(drawn[name]) == str(django[name])
            expected = box.render(Context({"field": django[name]}))
            assert field_box(drawn[name]) == expected


def test_the_entry_form_draws_no_widget_template(monkeypatch):
    def refused(*args, **kwargs):
        raise AssertionError("a widget drawn by its template")

    monkeypatch.setattr(DjangoTemplates, "render", refused)
    _django, drawn = _entry_forms({"ytd_investment": "-1"})
    for name in drawn.fields:
        str(drawn[name])
