from django import forms
from django.utils.translation import gettext_lazy as _

from .models import SecurityPolicy
from .policy import NAMES


class PolicyForm(forms.ModelForm):
    reason = forms.CharField(
        label=_("Why"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kept with the change, with who and when"),
    )

    class Meta:
        model = SecurityPolicy
        fields = NAMES
