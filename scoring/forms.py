"""Forms of the scoring pages. They check input; the services enforce the rules."""

from decimal import Decimal

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from projects.widgets import DateBox

from .choices import ExemptionKind, FlagStatus
from .rubric import Rubric
from .rubric_fields import (
    CHOICE,
    DECIMAL,
    GROUPS,
    INT,
    MODE_CHOICES,
    PARAMS,
    TIME,
    WEEKDAY_CHOICES,
)


class AdjustmentForm(forms.Form):
    points = forms.DecimalField(
        label=_("Points (+ or −)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(-100), MaxValueValidator(100)],
        widget=forms.NumberInput(attrs={"step": "0.5", "inputmode": "decimal"}),
        error_messages={"required": _("Enter the points to add or take away.")},
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        error_messages={"required": _("Write down why the score is adjusted.")},
    )


class ExemptionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ExemptionKind.choices)
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("Write down the reason and the decision it rests on.")},
    )
    starts = forms.DateField(label=_("From"), widget=DateBox())
    ends = forms.DateField(label=_("Until"), widget=DateBox())

    def clean(self):
        data = super().clean()
        if data.get("starts") and data.get("ends") and data["ends"] < data["starts"]:
            self.add_error("ends", _("An exemption cannot end before it starts."))
        return data


class ExemptionRevokeForm(forms.Form):
    """Revoke an exemption: from which day, and why."""

    from_day = forms.DateField(
        label=_("No longer exempt from"),
        widget=DateBox(),
        help_text=_("Its first day withdraws it entirely."),
    )
    reason = forms.CharField(
        label=_("Why it is revoked"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        help_text=_("At most 2,000 characters."),
        error_messages={"required": _("Write down why the exemption is revoked.")},
    )


class FlagResolveForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Finding"),
        choices=[
            (FlagStatus.CONFIRMED, _("Confirmed: the report conceals")),
            (FlagStatus.DISMISSED, _("Dismissed: explained")),
        ],
        widget=forms.RadioSelect,
    )
    finding = forms.CharField(
        label=_("What you found"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        error_messages={"required": _("Write down what you found.")},
    )


def _field(param) -> forms.Field:
    """A form field for one rubric parameter; ranges are checked by the service, once."""
    common = {"label": param.label, "required": not param.optional, "help_text": param.help}
    if param.optional:
        common["help_text"] = _("Leave empty to switch this rule off.")
    if param.kind == DECIMAL:
        return forms.DecimalField(
            max_digits=7,
            decimal_places=3,
            widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
            **common,
        )
    if param.kind == INT:
        # A count of weeks or reports: forty digits would be stored and break the page after.
        return forms.IntegerField(
            min_value=0, max_value=INT_MAX, widget=forms.NumberInput(attrs={"step": "1"}), **common
        )
    if param.kind == TIME:
        return forms.TimeField(
            widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"), **common
        )
    if param.kind == CHOICE and param.name == "mode":
        return forms.ChoiceField(choices=MODE_CHOICES, **common)
    return forms.TypedChoiceField(choices=WEEKDAY_CHOICES, coerce=int, **common)


INT_MAX = 9999  # the largest whole-number rubric parameter a person may set


class RubricForm(forms.Form):
    """One field per rubric parameter, grouped as the rubric page shows them."""

    note = forms.CharField(
        label=_("What changes and why"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=True,
        error_messages={"required": _("Say what this version changes and why.")},
    )

    def __init__(self, *args, rubric: Rubric | None = None, **kwargs):
        if rubric is not None and "initial" not in kwargs:
            kwargs["initial"] = rubric.to_dict()
        super().__init__(*args, **kwargs)
        for param in PARAMS:
            self.fields[param.name] = _field(param)

    def groups(self) -> list[tuple[str, list]]:
        return [
            (str(title), [self[p.name] for p in PARAMS if p.group == key])
            for key, title in GROUPS.items()
        ]

    def rules(self) -> dict:
        """The cleaned values as the rubric stores them (Decimals as text, time as hh:mm)."""
        rules = {}
        for param in PARAMS:
            value = self.cleaned_data.get(param.name)
            if isinstance(value, Decimal):
                value = format(value.normalize(), "f")  # "40", not "40.000" or "4E+1"
            elif param.kind == TIME and value is not None:
                value = value.strftime("%H:%M")
            rules[param.name] = value
        return rules
