"""The filter bar of the 批示 list: open or answered, and words of the text."""

import django_filters
from django.utils.translation import gettext_lazy as _

from config.filtersets import LeanFilterSet
from projects.widgets import FastSelect, FastTextInput

from .models import Instruction

STATE_CHOICES = [("open", _("Open")), ("answered", _("Answered"))]


class InstructionFilterSet(LeanFilterSet):
    # The boxes drawn in Python (projects.widgets: the same HTML as Django's widgets).
    state = django_filters.ChoiceFilter(
        label=_("Status"), choices=STATE_CHOICES, method="filter_state", widget=FastSelect
    )
    text = django_filters.CharFilter(
        label=_("Instruction"), lookup_expr="icontains", widget=FastTextInput
    )

    class Meta:
        model = Instruction
        fields = ["state", "text"]

    def filter_state(self, queryset, name, value):
        return queryset.filter(answered_at__isnull=value == "open")
