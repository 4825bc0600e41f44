"""The filter bar of the problem list."""

import functools

import django_filters
from django.db.models import Q
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.models import Unit
from config.filtersets import LeanFilterSet
from projects import weeks
from projects.scope import REGION_WIDE
from projects.widgets import FastSelect, FastTextInput, draw_options

from .choices import CLOCK_RUNS, OPEN, Level, ProblemCategory, Status
from .models import Problem
from .scope import region_units_for

OPEN_CHOICE = "open"


def department_choices(user, visible):
    """The units the bar offers. Region-wide users get their region's units, departments first
    (a meeting may give an action to any unit), without a pass over every problem; others get
    the units their own problems are routed to, so the bar never names another unit's data."""
    if user is not None and (user.is_superuser or user.role in REGION_WIDE):
        return region_units_for(user).order_by("-is_department", "name")
    return Unit.objects.filter(pk__in=visible.values("department")).order_by("name")


def unit_options(field) -> str:
    """The department field's options, none selected, from the units' ids and names: as its
    choices they were a model instance each (a district's 260 units, a fifth of the page)."""
    units = field.queryset.values_list("pk", "short_name", "name")
    return drawn_units(tuple(units), field.empty_label)


@functools.lru_cache(maxsize=64)  # a region's units each: a city's thousands are 200 KB
def drawn_units(units: tuple[tuple[int, str, str], ...], empty_label) -> str:
    """The options of ``units`` (pk, short name, name), none selected, drawn once per list of
    units (a district's 260, read each time): the units themselves are the key."""
    empty = [] if empty_label is None else [("", empty_label)]
    return draw_options([*empty, *((pk, short or name) for pk, short, name in units)])  # str()


class ProblemFilterSet(LeanFilterSet):
    # Each box drawn in Python (projects.widgets: the same HTML as Django's widgets): Django's
    # template per <option> was three quarters of the list's time with a district's 260 units.
    q = django_filters.CharFilter(
        label=_("Project or problem"),
        method="search",
        widget=FastTextInput(attrs={"placeholder": _("Project name or code, problem")}),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        method="by_status",
        choices=[(OPEN_CHOICE, _("All open")), *Status.choices],
        widget=FastSelect,
    )
    category = django_filters.ChoiceFilter(
        label=pgettext_lazy("problem", "Category"),
        choices=ProblemCategory.choices,
        widget=FastSelect,
    )
    department = django_filters.ModelChoiceFilter(
        label=_("Department"), queryset=Unit.objects.none(), widget=FastSelect
    )
    level = django_filters.ChoiceFilter(
        label=_("Escalation level"), choices=Level.choices, widget=FastSelect
    )
    overdue = django_filters.BooleanFilter(
        label=_("Overdue"),
        method="by_overdue",
        widget=FastSelect(choices=[("", "—"), ("true", _("Overdue")), ("false", _("On time"))]),
    )

    class Meta:
        model = Problem
        fields = ["q", "status", "category", "department", "level", "overdue"]

    def __init__(self, data=None, *args, user=None, departments=None, today=None, **kwargs):
        """``departments``: the units the bar offers (pk, short name, name), as the view has
        read them (problems.list_reads, department_choices' units); None: read here.
        ``today``: the day "overdue" is of (None: the local today, when filtered)."""
        self.today = today
        # The list opens on what is still in the loop; "---------" shows every status.
        if data is None or "status" not in data:
            data = data.copy() if data is not None else QueryDict(mutable=True)
            data["status"] = OPEN_CHOICE
        super().__init__(data, *args, **kwargs)
        filter_ = self.filters["department"]
        # The units' queryset checks a chosen one; with none chosen, the units given draw the
        # options and the queryset is not built (its scope's filter was a tenth of the page).
        if departments is None or str(self.data.get("department") or ""):
            filter_.queryset = department_choices(user, self.queryset)
        field = filter_.field
        if departments is None:
            field.widget.kept = functools.partial(unit_options, field)
        else:
            field.widget.kept = functools.partial(drawn_units, departments, field.empty_label)

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(project__name__icontains=value)
            | Q(project__code__icontains=value)
            | Q(title__icontains=value)
        )

    def by_status(self, queryset, name, value):
        if value == OPEN_CHOICE:
            return queryset.filter(status__in=OPEN)
        return queryset.filter(status=value)

    def by_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        late = Q(status__in=CLOCK_RUNS, deadline__lt=self.today or weeks.local_today())
        return queryset.filter(late) if value else queryset.exclude(late)
