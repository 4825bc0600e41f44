"""The audit log's search: time range, account, event, result, address, text."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .kinds import Kind, Result
from .models import Entry


class WhenField(forms.DateTimeField):
    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def validate(self, value):
        super().validate(value)
        if value is not None and not 2000 <= value.year <= 2100:
            raise ValidationError(_("Give a time between the years 2000 and 2100."))


class WhenFilter(django_filters.DateTimeFilter):
    field_class = WhenField


class AddressFilter(django_filters.Filter):
    field_class = forms.GenericIPAddressField


class EntryFilterSet(django_filters.FilterSet):
    since = WhenFilter(
        field_name="at", lookup_expr="gte", label=pgettext_lazy("audit search", "From")
    )
    until = WhenFilter(
        field_name="at", lookup_expr="lt", label=pgettext_lazy("audit search", "Until")
    )
    username = django_filters.CharFilter(label=_("Account"), max_length=150)
    kind = django_filters.ChoiceFilter(label=_("Event"), choices=Kind.choices)
    result = django_filters.ChoiceFilter(label=_("Result"), choices=Result.choices)
    address = AddressFilter(label=_("Address"))
    q = django_filters.CharFilter(
        label=pgettext_lazy("audit search", "Text"),
        method="text",
        max_length=100,
        min_length=2,
        help_text=_("In the account, the object or the detail"),
    )

    class Meta:
        model = Entry
        fields = ["since", "until", "username", "kind", "result", "address", "q"]

    def text(self, queryset, name, value):
        # Trigram indexes on PostgreSQL answer these (migration 0002).
        return queryset.filter(
            Q(username__icontains=value) | Q(target__icontains=value) | Q(detail__icontains=value)
        )
