"""Forms of the report and observation pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from projects.models import Campaign
from projects.widgets import DateBox

from .models import ObservationRound, ObservationScore


class RebuildForm(forms.Form):
    reason = forms.CharField(
        label=_("Why a new revision"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000
    )
    send = forms.BooleanField(label=_("Send the new revision to the list"), required=False)


class ResendForm(forms.Form):
    email = forms.EmailField(
        label=_("Only to this address"),
        required=False,
        help_text=_("Empty: everyone on the list again"),
    )


class RoundForm(forms.ModelForm):
    class Meta:
        model = ObservationRound
        fields = ["campaign", "name", "held_on"]
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
