"""The archive's filter bar."""

import django_filters
from django.utils.translation import gettext_lazy as _

from projects.models import Campaign

from .choices import ReportKind, ReportStatus
from .models import Report


class ReportFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("Report"), choices=ReportKind.choices)
    campaign = django_filters.ModelChoiceFilter(
        label=_("Campaign"), queryset=Campaign.objects.none()
    )
    period = django_filters.CharFilter(label=_("Period"), lookup_expr="icontains")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ReportStatus.choices)

    class Meta:
        model = Report
        fields = ["kind", "campaign", "period", "status"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the campaigns the user's reports come from, so the bar names nothing else.
        self.filters["campaign"].queryset = Campaign.objects.filter(
            pk__in=self.queryset.values("campaign")
        )
