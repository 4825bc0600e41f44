from django import forms
from django.utils.translation import gettext_lazy as _

from projects.widgets import DateBox

from .models import Accountability


class ScheduleForm(forms.Form):
    person = forms.CharField(label=_("Person interviewed"), max_length=100)
    when = forms.DateTimeField(
        label=_("Time"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    place = forms.CharField(label=_("Place"), max_length=200)


class RecordForm(forms.Form):
    record = forms.CharField(label=_("Record"), widget=forms.Textarea(attrs={"rows": 4}))


class AccountabilityForm(forms.ModelForm):
    class Meta:
        model = Accountability
        fields = ["decided_on", "person", "measure", "reason"]
        widgets = {
            "decided_on": DateBox(),
            "reason": forms.Textarea(attrs={"rows": 3}),
        }
