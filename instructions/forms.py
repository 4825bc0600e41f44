from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Unit


class WriteForm(forms.Form):
    text = forms.CharField(
        label=_("Instruction"),
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 2000}),
        max_length=2000,
        help_text=_("At most 2,000 characters."),
    )
    units = forms.ModelMultipleChoiceField(
        label=_("Units that must answer"),
        queryset=Unit.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = units


class AnswerForm(forms.Form):
    text = forms.CharField(
        label=_("Your unit's answer"),
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 5000}),
        max_length=5000,
        help_text=_("At most 5,000 characters."),
    )
