"""Filter bars of the register's lists."""

import datetime as dt

import django_filters
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_filters.fields import ModelChoiceIterator

from accounts.models import Leader, Unit
from config.filtersets import LeanFilterSet
from config.kept import kept
from config.keys import as_id

from . import filter_options, weeks
from .choices import Card, Category, Stage, TargetKind
from .labels import LABELS
from .models import Campaign, Project, WeeklyReport
from .scope import scope_key
from .selectors import review_weeks
from .widgets import FastSelect, FastTextInput, draw_options

# The bar's fields of the register's names, and their models.
LABELS_MODELS: dict[str, type[Unit] | type[Leader]] = {"unit": Unit, "leader": Leader}


class NamedChoices(ModelChoiceIterator):
    """A filter's options read as (pk, label) rows: a province's bar lists thousands of units
    and leaders, and a model object per option was most of the bar's time."""

    def __init__(self, field):
        super().__init__(field)
        label = LABELS[self.queryset.model]()
        self.queryset = self.queryset.annotate(label=label).values_list("pk", "label")

    def choice(self, row):
        return row

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        # Fetched at once: ``iterator()`` opened a server-side cursor (three round trips).
        yield from self.queryset


class ListedChoices(ModelChoiceIterator):
    """The options of a field whose objects the filter bar has already read (``field.listed``)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.field.listed:
            yield self.choice(obj)

    def __len__(self):
        return len(self.field.listed) + (self.field.empty_label is not None)


class ListedChoiceField(django_filters.fields.ModelChoiceField):
    """A choice among objects read once as a list: the options and the check of the chosen one
    both come from it (each was a query of its own)."""

    iterator = ListedChoices
    listed: list = []

    def to_python(self, value):
        if value in self.empty_values:
            return None
        key = value.pk if isinstance(value, self.queryset.model) else value
        for obj in self.listed:
            if str(obj.pk) == str(key):
                return obj
        raise ValidationError(
            self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
        )


class ListedChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = ListedChoiceField


class ReviewFilterSet(LeanFilterSet):
    """The review queue by week: only the weeks that have something waiting are offered."""

    week = django_filters.ChoiceFilter(label=_("Week"), method="filter_week", widget=FastSelect)

    class Meta:
        model = WeeklyReport
        fields = ["week"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.waiting = review_weeks(self.queryset)  # (week, reports waiting), newest first
        # An ISO label in the address ("2026-W48"), as every other page names a week.
        self.filters["week"].extra["choices"] = [
            (label, label) for label in (weeks.week_label(week) for week, _n in self.waiting)
        ]

    def shown_weeks(self) -> list[tuple[dt.date, int]]:
        """The weeks the filtered queue holds, with their numbers of reports."""
        if not self.is_bound:
            return self.waiting
        if not self.is_valid():  # the view then shows no report either
            return []
        chosen = self.form.cleaned_data.get("week")
        if not chosen:
            return self.waiting
        monday = weeks.parse_week(chosen)
        return [(week, n) for week, n in self.waiting if week == monday]

    def filter_week(self, queryset, name, value):
        return queryset.filter(week=weeks.parse_week(value)) if value else queryset


class ProjectFilterSet(LeanFilterSet):
    # Each box drawn in Python (projects.widgets: the same HTML as Django's widgets).
    q = django_filters.CharFilter(
        label=_("Search"),
        method="search",
        widget=FastTextInput(attrs={"placeholder": _("Name, code, location")}),
    )
    campaign = ListedChoiceFilter(
        label=_("Campaign"), queryset=Campaign.objects.none(), widget=FastSelect
    )
    unit = django_filters.ModelChoiceFilter(
        label=_("Responsible unit"), queryset=Unit.objects.none(), widget=FastSelect
    )
    leader = django_filters.ModelChoiceFilter(
        label=_("Responsible leader"), queryset=Leader.objects.none(), widget=FastSelect
    )
    category = django_filters.ChoiceFilter(
        label=_("Category"), choices=Category.choices, widget=FastSelect
    )
    stage = django_filters.ChoiceFilter(label=_("Stage"), choices=Stage.choices, widget=FastSelect)
    target = django_filters.ChoiceFilter(
        label=_("Annual target"), choices=TargetKind.choices, widget=FastSelect
    )
    card = django_filters.ChoiceFilter(label=_("Card"), choices=Card.choices, widget=FastSelect)

    class Meta:
        model = Project
        fields = ["q", "campaign", "unit", "leader", "category", "stage", "target", "card"]

    def __init__(self, *args, user=None, campaigns: list[Campaign] | None = None, **kwargs):
        """``campaigns``: those of the projects of the queryset, as the view has read them
        (projects.list_campaigns); None: read here."""
        super().__init__(*args, **kwargs)
        # Choices come from what the user may see, so the bar never names another unit's data.
        visible = self.queryset
        if campaigns is None:
            queryset = Campaign.objects.filter(pk__in=visible.values("campaign"))
            # Not the regions' outlines (up to 450 KB each): the bar shows their names.
            self.filters["campaign"].queryset = queryset.select_related("region").defer(
                "region__boundary"
            )
            campaigns = list(self.filters["campaign"].queryset)
        # Read once: the options, the check of the chosen one and whether they are several
        # districts' all come from this list (three queries before); the field's queryset is
        # left unread (none, given the list).
        listed = campaigns
        self.several = len({c.region_id for c in listed}) > 1
        campaign = self.filters["campaign"].field
        campaign.listed = listed
        if self.several:  # every district's campaign has the same title: say whose each is
            campaign.label_from_instance = lambda c: f"{c.region.name} {c}"
        offered = self._offered(visible, self.several)
        for name in ("unit", "leader"):  # their querysets are set when read (_choices_of)
            self.filters[name].queryset = LABELS_MODELS[name].objects.none()
        for name in ("unit", "leader"):
            field = self.filters[name].field
            field.iterator = NamedChoices
            if self.withheld:
                field.empty_label = _("Choose a campaign first")
        kept = self._keep_options(user, listed, offered)
        for name in ("unit", "leader"):
            # The choices are read to draw the options or to check a chosen one; kept options
            # with none chosen need neither (building the two subqueries was a tenth of a page).
            if not kept or str((self.data or {}).get(name) or ""):
                self._choices_of(name, offered)

    withheld = False  # the unit and leader options wait for a campaign (several districts)

    def _choices_of(self, name: str, offered) -> None:
        """The units (leaders) of the ``offered`` projects as the field's choices: its options
        and the check of the chosen one. Ordered by name alone: the models' default ordering
        joins the region table."""
        model = LABELS_MODELS[name]
        field = self.filters[name].field
        field.queryset = model.objects.filter(pk__in=offered.values(name)).order_by("name")
        field.widget.choices = field.choices

    def _keep_options(self, user, listed: list[Campaign], offered) -> bool:
        """The unit and leader options drawn once and kept (projects.filter_options) when they
        are a campaign's of the reader's, or all of his (one district's); a campaign he does not
        see, or a city's bar withheld, is drawn (empty, or the one option already chosen).
        Whether they are kept."""
        data = self.data or {}
        chosen = str(data.get("campaign") or "")
        ids = [c.pk for c in listed]
        if self.withheld or (chosen and not (chosen.isdigit() and int(chosen) in ids)):
            return False
        campaign = int(chosen) if chosen else None
        key = filter_options.options_key(
            scope=scope_key(user) if user is not None else None,
            campaign_ids=[campaign] if campaign else ids,
            chosen=campaign,
        )
        if key is None:
            return False
        fields = {name: self.filters[name].field for name in ("unit", "leader")}
        drawn: dict[str, str] = {}

        def draw() -> dict[str, str]:
            for name in fields:
                self._choices_of(name, offered)
            return {name: draw_options(field.choices) for name, field in fields.items()}

        def options() -> dict[str, str]:
            if not drawn:
                drawn.update(kept(key, draw))
            return drawn

        for name, field in fields.items():
            field.widget.kept = lambda name=name: options()[name]
        return True

    def _offered(self, visible, several: bool):
        """The projects whose units and leaders the bar offers: the chosen campaign's; with none
        chosen, all the user sees, unless those are several districts' (a city's 5,000 units
        made its list 540 KB): then only a unit or leader already chosen, until a campaign is."""
        data = self.data or {}
        chosen = as_id(data.get("campaign"))
        if chosen is not None:
            return visible.filter(campaign_id=chosen)
        if not several:
            return visible
        kept = Q(pk__in=[])
        for name in ("unit", "leader"):
            value = as_id(data.get(name))
            if value is not None:
                kept |= Q(**{f"{name}_id": value})
        self.withheld = True
        return visible.filter(kept)

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(name__icontains=value)
            | Q(code__icontains=value)
            | Q(location__icontains=value)
            | Q(owner__icontains=value)
        )
