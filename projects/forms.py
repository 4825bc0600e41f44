"""Forms of the weekly entry and the review. They validate input; services enforce the rules."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Milestone, WeeklyReport
from .photos import open_checked
from .services import NodeEntry
from .widgets import DateBox, DrawnRenderer, FastSelect


class MultipleImageInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.ImageField):
    """Several site photos at once; each must be an image no larger than PHOTO_MAX_BYTES."""

    widget = MultipleImageInput(attrs={"accept": "image/*", "capture": "environment"})

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        cleaned, errors = [], []
        for upload in files:
            if upload.size > settings.PHOTO_MAX_BYTES:
                errors.append(
                    _("%(name)s is %(size)s; a photo may be at most %(max)s.")
                    % {
                        "name": upload.name,
                        "size": filesizeformat(upload.size),
                        "max": filesizeformat(settings.PHOTO_MAX_BYTES),
                    }
                )
                continue
            try:
                open_checked(upload, upload.name)  # the pixel limit, from the header alone
            except ValidationError as exc:
                errors.extend(exc.messages)
                continue
            finally:
                upload.seek(0)
            try:
                cleaned.append(super().clean(upload, initial))
            except ValidationError:
                errors.append(_("%(name)s is not an image (JPEG, PNG…).") % {"name": upload.name})
        if errors:
            raise ValidationError(errors)
        return cleaned


FULL_WIDTH = str.maketrans("０１２３４５６７８９．，－", "0123456789.,-")


class AmountField(forms.DecimalField):
    """万元 as officials type it on a phone: full-width digits and thousands commas accepted."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.translate(FULL_WIDTH).replace(",", "").replace("万元", "").strip()
        return super().to_python(value)


class WeeklyReportForm(forms.ModelForm):
    """The weekly entry: figures, progress, nodes reached, photos."""

    # Its boxes drawn in Python, as Django's templates draw them (projects.widgets).
    default_renderer = DrawnRenderer()
    version = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=0, max_value=2**31 - 1
    )
    photos = PhotosField(label=gettext_lazy("Site photos"), required=False)

    class Meta:
        model = WeeklyReport
        fields = [
            "stage",
            "ytd_investment",
            "investment_source",
            "correction_note",
            "progress",
            "next_plan",
            "problems",
        ]
        field_classes = {"ytd_investment": AmountField}
        widgets = {
            "stage": FastSelect,
            "investment_source": FastSelect,
            # A text box, not type=number: browsers silently drop what a number box rejects.
            "ytd_investment": forms.TextInput(
                attrs={"inputmode": "decimal", "autocomplete": "off"}
            ),
            "correction_note": forms.Textarea(attrs={"rows": 2}),
            "progress": forms.Textarea(attrs={"rows": 4}),
            "next_plan": forms.Textarea(attrs={"rows": 3}),
            "problems": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, milestones=(), reached=None, **kwargs):
        """``reached``: the date of each node the report says reached, by the node's id, if
        the caller has read them (else read here)."""
        super().__init__(*args, **kwargs)
        self.fields["ytd_investment"].validators.append(
            MinValueValidator(0, message=_("Amounts cannot be negative."))
        )
        amount_message = _("Enter the amount as a number in 10k yuan, e.g. 1234.50.")
        self.fields["ytd_investment"].error_messages["invalid"] = amount_message
        self.fields["ytd_investment"].error_messages["required"] = amount_message
        self.milestones: list[Milestone] = list(milestones)
        if reached is None:
            reached = {}
            if self.instance.pk:
                reached = {n.milestone_id: n.reached_on for n in self.instance.nodes.all()}
        for milestone in self.milestones:
            self.fields[f"node_{milestone.pk}"] = forms.DateField(
                label=milestone.name,
                required=False,
                initial=reached.get(milestone.pk),
                widget=DateBox(),
                help_text=_("planned %(date)s") % {"date": milestone.planned_date.isoformat()},
            )

    def node_fields(self):
        return [self[f"node_{m.pk}"] for m in self.milestones]

    def node_entries(self) -> list[NodeEntry]:
        return [
            NodeEntry(milestone=m, reached_on=self.cleaned_data[f"node_{m.pk}"])
            for m in self.milestones
            if self.cleaned_data.get(f"node_{m.pk}")
        ]

    def report_data(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self._meta.fields or ()}

    def _post_clean(self):
        # The service validates against the database; skip ModelForm's partial instance checks.
        pass


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason for return"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": gettext_lazy("Say why the report is returned.")},
    )
