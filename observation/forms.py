"""Forms of the observation pages: a new round, the round's criteria, and the on-site sheet
(one box per criterion, or the one score of a round from before the criteria)."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from projects.models import Campaign
from projects.widgets import DateBox

from .models import ObservationRound, ObservationScore


class RoundForm(forms.ModelForm):
    """A new round; it starts with the district's five criteria, changed on the round's page."""

    class Meta:
        model = ObservationRound
        fields = ["campaign", "name", "held_on", "drop_extremes"]
        widgets = {"held_on": DateBox()}

    def __init__(self, *args, campaigns=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["campaign"].queryset = (
            campaigns if campaigns is not None else (Campaign.objects.none())
        )


class SheetForm(forms.ModelForm):
    """The on-site sheet: one score and a commentary, big enough for a thumb."""

    class Meta:
        model = ObservationScore
        fields = ["score", "commentary"]
        widgets = {
            "score": forms.NumberInput(
                attrs={"inputmode": "decimal", "min": 0, "max": 100, "step": "0.5"}
            ),
            "commentary": forms.Textarea(attrs={"rows": 5}),
        }


class CriterionForm(forms.Form):
    """One line of a round's sheet: what is scored and the points it is worth."""

    name = forms.CharField(label=_("Criterion"), max_length=40, required=False)
    points = forms.DecimalField(
        label=_("Points"),
        required=False,
        min_value=Decimal("0.5"),
        max_value=Decimal(100),
        decimal_places=2,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.5"}),
    )
    guidance = forms.CharField(label=_("What to look at"), max_length=200, required=False)

    def clean(self):
        data = super().clean()
        if data.get("name") and data.get("points") is None:
            self.add_error("points", _("Give the criterion its points."))
        if data.get("points") is not None and not data.get("name"):
            self.add_error("name", _("Name the criterion."))
        return data


CriteriaFormSet = forms.formset_factory(CriterionForm, extra=0, max_num=10, absolute_max=10)


def criteria_formset(data=None, *, round_: ObservationRound):
    """The round's criteria and blank lines up to eight, as a formset."""
    initial = [
        {"name": c.name, "points": f"{c.points.normalize():f}", "guidance": c.guidance}
        for c in round_.criteria.all()
    ]
    initial += [{}] * max(8 - len(initial), 0)
    return CriteriaFormSet(data, initial=initial, prefix="criteria")


def criteria_of(formset) -> list[tuple[str, Decimal, str]]:
    return [
        (form.cleaned_data["name"], form.cleaned_data["points"], form.cleaned_data["guidance"])
        for form in formset
        if form.cleaned_data.get("name")
    ]


class CriteriaSheetForm(forms.Form):
    """The on-site sheet on a phone: a box per criterion (0 up to its points), big enough for
    a thumb, and the commentary; the total is added up as the inspector types."""

    commentary = forms.CharField(
        label=_("Commentary"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=2000,
        help_text=_("At most 2,000 characters."),
    )

    def __init__(self, *args, criteria, marks=None, commentary="", **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        marks = marks or {}
        for criterion in self.criteria:
            self.fields[f"c{criterion.pk}"] = forms.DecimalField(
                label=str(criterion),
                min_value=Decimal(0),
                max_value=criterion.points,
                decimal_places=2,
                initial=marks.get(criterion.pk),
                help_text=criterion.guidance,
                error_messages={
                    "required": _("Score %(name)s.") % {"name": criterion.name},
                    "max_value": _("At most %(points)s points.")
                    % {"points": f"{criterion.points.normalize():f}"},
                    "min_value": _("At least 0 points."),
                },
                # min and max come from the field; the script adds the boxes up.
                widget=forms.NumberInput(
                    attrs={"inputmode": "decimal", "step": "0.5", "data-mark": "1"}
                ),
            )
        self.fields["commentary"].initial = commentary
        self.order_fields([*(f"c{c.pk}" for c in self.criteria), "commentary"])

    def marks(self) -> dict[int, Decimal]:
        return {c.pk: self.cleaned_data[f"c{c.pk}"] for c in self.criteria}

    def mark_fields(self):
        return [self[f"c{c.pk}"] for c in self.criteria]
