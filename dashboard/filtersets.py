"""The dashboard's filter bar: by unit, leader, category, stage, this week's card and whether
it changed since last week."""

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
