"""Filter bars of the scoring lists."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Unit
from projects.widgets import FastSelect

from .choices import FlagKey, FlagStatus
from .models import ReportFlag


class FlagFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Project"), method="search")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=FlagStatus.choices)
    key = django_filters.ChoiceFilter(label=_("Check"), choices=FlagKey.choices)
    unit = django_filters.ModelChoiceFilter(
        label=_("Responsible unit"), field_name="project__unit", queryset=Unit.objects.none()
    )

    class Meta:
        model = ReportFlag
        fields = ["q", "status", "key", "unit"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The unit choices come from what the user may see, never another region's units.
        self.filters["unit"].queryset = Unit.objects.filter(
            pk__in=self.queryset.values("project__unit")
        ).order_by("name")
        self.filters["q"].field.widget = forms.TextInput(attrs={"placeholder": _("Name or code")})
        for name in ("status", "key", "unit"):  # drawn in Python, not a template per option
            field = self.filters[name].field
            field.widget = FastSelect(choices=field.widget.choices)

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(project__name__icontains=value) | Q(project__code__icontains=value)
        )
