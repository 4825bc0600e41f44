"""The dashboard's filter bar: by unit, leader, category, stage, this week's card and whether
it changed since last week."""

import copy
import functools

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Leader, Unit
from projects.choices import Card, Category, Stage
from projects.models import Project
from projects.widgets import FastSelect

from .selectors import changed_tiles


class TileFilterSet(django_filters.FilterSet):
    unit = django_filters.ModelChoiceFilter(
        label=_("Responsible unit"), queryset=Unit.objects.none()
    )
    leader = django_filters.ModelChoiceFilter(
        label=_("Responsible leader"), queryset=Leader.objects.none()
    )
    category = django_filters.ChoiceFilter(label=_("Category"), choices=Category.choices)
    stage = django_filters.ChoiceFilter(label=_("Stage"), choices=Stage.choices)
    card = django_filters.ChoiceFilter(label=_("Card"), choices=Card.choices, method="filter_card")
    changed = django_filters.BooleanFilter(
        label=_("Changed colour this week"), method="filter_changed", widget=forms.CheckboxInput
    )

    class Meta:
        model = Project
        fields = ["unit", "leader", "category", "stage", "card", "changed"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The choices name only what the user may see.
        self.filters["unit"].queryset = Unit.objects.filter(
            pk__in=self.queryset.values("unit")
        ).order_by("name")
        self.filters["leader"].queryset = Leader.objects.filter(
            pk__in=self.queryset.values("leader")
        ).order_by("name")

        for name in ("unit", "leader"):
            self.filters[name].field.widget = FastSelect()

    def filter_card(self, queryset, name, value):
        return queryset.filter(week_card=value) if value else queryset

    def filter_changed(self, queryset, name, value):
        return changed_tiles(queryset) if value else queryset


# The filters whose values are checked without the reader's projects (not a unit or a leader,
# whose choices are his).
PLAIN = ("category", "stage", "card", "changed")


@functools.cache
def _plain_form() -> type[forms.Form]:
    """A form of the plain filters' own fields, as the filterset's form has them."""
    fields = TileFilterSet(None, queryset=Project.objects.none()).form.fields
    return type("PlainTileFilters", (forms.Form,), {n: copy.deepcopy(fields[n]) for n in PLAIN})


def plain_filters(query) -> tuple | None:
    """The valid filters of ``query`` (a QueryDict) as ``dashboard.views.filters_of`` makes
    them of a TileFilterSet, when it names only plain ones: the filterset over the reader's
    tiles costs more than the kept page's SQL. None when it names a unit or a leader."""
    if "unit" in query or "leader" in query:
        return None
    form = _plain_form()(query)
    form.is_valid()
    chosen = getattr(form, "cleaned_data", {})
    return tuple(sorted((name, str(v)) for name, v in chosen.items() if v))
