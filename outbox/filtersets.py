"""The operations page's filter bar."""

import django_filters
from django.utils.translation import gettext_lazy as _

from .choices import Channel, Kind, Status
from .models import Message


class MessageFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("State"), choices=Status.choices)
    channel = django_filters.ChoiceFilter(label=_("Channel"), choices=Channel.choices)
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Kind.choices)
    address = django_filters.CharFilter(
        label=_("Recipient"), lookup_expr="icontains", max_length=100
    )
    uncertain = django_filters.BooleanFilter(label=_("May have arrived twice"))

    class Meta:
        model = Message
        fields = ["status", "channel", "kind", "address", "uncertain"]
