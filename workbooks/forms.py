"""Forms of the import and the weekly sheet. They validate input; services do the work."""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from projects.choices import Category

from .fill import PROFILE_LABELS
from .models import ImportMapping
from .reader import FIELD_CHOICES

ACCEPT = ".xlsx,.xls,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,"
ACCEPT += "application/vnd.ms-excel"


class WorkbookField(forms.FileField):
    """An .xlsx or .xls no larger than WORKBOOK_MAX_BYTES (the guard checks the rest)."""

    widget = forms.ClearableFileInput(attrs={"accept": ACCEPT})

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload and upload.size > settings.WORKBOOK_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is %(size)s; a workbook may be at most %(max)s.")
                % {
                    "size": filesizeformat(upload.size),
                    "max": filesizeformat(settings.WORKBOOK_MAX_BYTES),
                }
            )
        return upload


class UploadForm(forms.Form):
    workbook = WorkbookField(
        label=_("Register workbook (.xlsx or .xls)"),
        help_text=_("Any layout: the columns are recognised by their Chinese headers."),
    )
    template = forms.ModelChoiceField(
        label=_("Use a saved template"),
        queryset=ImportMapping.objects.none(),
        required=False,
        empty_label=_("— recognise the columns —"),
    )

    def __init__(self, *args, templates=None, **kwargs):
        super().__init__(*args, **kwargs)
        if templates is not None:
            self.fields["template"].queryset = templates


class MappingForm(forms.Form):
    """One choice per column of the sheet, and the rules that fill what the sheet lacks."""

    profile = forms.ChoiceField(
        label=_("Monthly plan from the annual figure"), choices=list(PROFILE_LABELS.items())
    )
    category = forms.ChoiceField(
        label=_("Category when the sheet says none"),
        choices=[
            (c.value, label)
            for c, label in zip(Category, ("产业类", "基础设施类", "社会民生类"), strict=True)
        ],
    )
    target = forms.ChoiceField(
        label=_("Annual target when the sheet has no column for it"),
        choices=[
            ("goal", _("From the annual construction goal (投产/达效… → 投产达效)")),
            ("later", _("加快建设 for all; set later in bulk")),
        ],
    )
    money_unit = forms.ChoiceField(
        label=_("Unit of money"),
        required=False,
        choices=[("", _("As the sheet says")), ("万元", "万元"), ("亿元", "亿元"), ("元", "元")],
    )
    header_row = forms.IntegerField(
        label=_("Header row"),
        required=False,
        min_value=1,
        max_value=20,
        help_text=_("Leave empty to find it automatically."),
    )
    sheet = forms.ChoiceField(label=_("Sheet"), required=False)

    def __init__(self, *args, columns=(), sheets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.columns = list(columns)
        self.fields["sheet"].choices = [(name, name) for name in sheets]
        for column in self.columns:
            self.fields[f"col_{column['letter']}"] = forms.ChoiceField(
                label=f"{column['letter']} · {column['label']}",
                choices=FIELD_CHOICES,
                required=False,
                initial=column["field"],
                help_text=column.get("sample") or "",
            )

    def column_fields(self):
        return [self[f"col_{column['letter']}"] for column in self.columns]

    def mapping(self) -> dict:
        return {c["letter"]: self.cleaned_data.get(f"col_{c['letter']}", "") for c in self.columns}

    def options(self) -> dict:
        names = ("profile", "category", "target", "money_unit", "header_row", "sheet")
        return {name: self.cleaned_data.get(name) for name in names}


class TemplateForm(forms.Form):
    name = forms.CharField(
        label=_("Template name"),
        max_length=60,
        help_text=_("At most 60 characters, e.g. “区发改局台账格式”."),
    )


class WeeklySheetForm(forms.Form):
    workbook = WorkbookField(label=_("This week's sheet, filled in (.xlsx)"))
    submit = forms.TypedChoiceField(
        label=_("Save the valid rows as"),
        choices=[("0", _("Drafts (you can still change them on the form)")), ("1", _("Submitted"))],
        coerce=lambda value: value == "1",
        initial="0",
        widget=forms.RadioSelect,
    )
