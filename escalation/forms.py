from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from problems.forms import EvidenceField
from projects.widgets import DateBox

from .flow import MOVES, Action
from .models import Accountability


class ScheduleForm(forms.Form):
    person = forms.CharField(
        label=_("Person interviewed"), max_length=100, help_text=_("At most 100 characters.")
    )
    when = forms.DateTimeField(
        label=_("Time"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    place = forms.CharField(
        label=_("Place"), max_length=200, help_text=_("At most 200 characters.")
    )


class RecordForm(forms.Form):
    record = forms.CharField(
        label=_("Record"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=10000,
        help_text=_("At most 10,000 characters."),
    )


class AccountabilityForm(forms.ModelForm):
    class Meta:
        model = Accountability
        fields = ["decided_on", "person", "measure", "reason"]
        widgets = {
            "decided_on": DateBox(),
            "reason": forms.Textarea(attrs={"rows": 3, "maxlength": 2000}),
        }
        help_texts = {
            "person": _("At most 100 characters."),
            "measure": _("At most 200 characters."),
            "reason": _("At most 2,000 characters."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].max_length = 2000
        self.fields["reason"].validators.append(MaxLengthValidator(2000))


class ActForm(forms.Form):
    """A step of a notice's workflow: the text it needs (or an optional note), the evidence
    files of an answer, a new deadline when an answer is returned."""

    text = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": 5000}),
        required=False,
        max_length=5000,
        help_text=_("At most 5,000 characters."),
    )
    # A declared field: the form's metaclass takes it off the class, `self.files` stays the upload.
    files = EvidenceField(label=_("Evidence files"), required=False)  # type: ignore[assignment]
    deadline = forms.DateField(
        label=_("New deadline for the answer"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Empty: the deadline stays as it is."),
    )

    def __init__(self, *args, action: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = Action(action)
        found = [m for (_s, a), m in MOVES.items() if a == self.action]
        self.fields["text"].required = any(m.needs_text for m in found)
        self.fields["text"].label = TEXT_LABELS[self.action]
        if self.action != Action.ANSWER:
            del self.fields["files"]
        if self.action != Action.RETURN:
            del self.fields["deadline"]


TEXT_LABELS = {
    Action.SIGN: _("Note (optional)"),
    Action.ANSWER: _("The unit's answer: what was done, what will be done and by when"),
    Action.RETURN: _("Why the answer is returned"),
    Action.ACCEPT: _("Review note (optional)"),
    Action.CLOSE: _("Why it is closed"),
}
