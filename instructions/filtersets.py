"""The filter bar of the 批示 list: open or answered, and words of the text."""

import django_filters
from django.utils.translation import gettext_lazy as _

from .models import Instruction

STATE_CHOICES = [("open", _("Open")), ("answered", _("Answered"))]


class InstructionFilterSet(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(
        label=_("Status"), choices=STATE_CHOICES, method="filter_state"
    )
    text = django_filters.CharFilter(label=_("Instruction"), lookup_expr="icontains")

    class Meta:
        model = Instruction
        fields = ["state", "text"]

    def filter_state(self, queryset, name, value):
        return queryset.filter(answered_at__isnull=value == "open")
