"""Forms of the loop. They validate input; services and the state machine enforce the rules."""

from pathlib import Path
from typing import TYPE_CHECKING

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from accounts.models import Unit
from projects.widgets import DateBox

from . import flow, sniff
from .choices import Action, ProblemCategory
from .models import Problem

if TYPE_CHECKING:
    from projects.models import Project

EVIDENCE_TYPES = set(sniff.ACCEPTED)  # by name first; then the bytes must agree (sniff.py)


def max_file_bytes() -> int:
    """The largest evidence file: settings.PROBLEM_FILE_MAX_BYTES."""
    return settings.PROBLEM_FILE_MAX_BYTES


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class EvidenceField(forms.FileField):
    """Several files at once: documents, scans and photos, each within the size limit."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        cleaned, errors = [], []
        for upload in files:
            if Path(upload.name).suffix.lower() not in EVIDENCE_TYPES:
                errors.append(
                    _(
                        "%(name)s: this kind of file is not accepted (PDF, images, Office, OFD, "
                        "archives are)."
                    )
                    % {"name": upload.name}
                )
            elif upload.size > max_file_bytes():
                errors.append(
                    _("%(name)s is %(size)s; a file may be at most %(max)s.")
                    % {
                        "name": upload.name,
                        "size": filesizeformat(upload.size),
                        "max": filesizeformat(max_file_bytes()),
                    }
                )
            elif not sniff.upload_accepted(upload):
                errors.append(
                    _(
                        "%(name)s: its content is not what its name says, or not a kind of file "
                        "accepted here (PDF, images, Office, OFD, archives, plain text)."
                    )
                    % {"name": upload.name}
                )
            else:
                cleaned.append(super().clean(upload, initial))
        if errors:
            raise ValidationError(errors)
        return cleaned


def date_input():
    return DateBox()


class RaiseForm(forms.ModelForm):
    """A reporter's problem: what, which input it concerns, what is needed and by when."""

    # A declared field: the form's metaclass takes it off the class, `self.files` stays the upload.
    files = EvidenceField(label=gettext_lazy("Files or photos"), required=False)  # type: ignore[assignment]

    class Meta:
        model = Problem
        fields = ["category", "title", "need", "needed_by"]
        widgets = {
            "title": forms.TextInput(attrs={"maxlength": 200}),
            "need": forms.Textarea(attrs={"rows": 4}),
            "needed_by": date_input(),
        }
        labels = {"title": gettext_lazy("The problem in one line")}
        help_texts = {
            "need": gettext_lazy("What the department must do or provide, as exactly as you can."),
            "needed_by": gettext_lazy("When the project needs it solved."),
        }

    def _post_clean(self):
        # The service validates against the database; skip ModelForm's partial instance checks.
        pass


class ActForm(forms.Form):
    """A move on a problem: the text the move needs (or an optional comment) and files."""

    text = forms.CharField(
        label=gettext_lazy("Text"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
    )
    # A declared field: the form's metaclass takes it off the class, `self.files` stays the upload.
    files = EvidenceField(label=gettext_lazy("Evidence files"), required=False)  # type: ignore[assignment]

    def __init__(self, *args, action: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = Action(action)
        self.fields["text"].required = flow.needs_text(action)
        self.fields["text"].label = TEXT_LABELS.get(self.action, _("Text"))
        if self.action not in WITH_FILES:
            del self.fields["files"]


TEXT_LABELS = {
    Action.ASK: gettext_lazy("What more do you need to know?"),
    Action.PROVIDE: gettext_lazy("The information asked for"),
    Action.ANSWER: gettext_lazy("The answer: what was done or decided"),
    Action.DECLINE: gettext_lazy("Why it belongs elsewhere, and where"),
    Action.REOPEN: gettext_lazy("Why the answer does not solve it"),
    Action.WITHDRAW: gettext_lazy("Why it is withdrawn"),
    Action.COMMENT: gettext_lazy("Comment"),
    Action.ACCEPT: gettext_lazy("Note (optional)"),
    Action.CONFIRM: gettext_lazy("Note (optional)"),
    Action.ROUTE: gettext_lazy("Note to the department (optional)"),
}
WITH_FILES = {Action.ANSWER, Action.PROVIDE, Action.COMMENT, Action.REOPEN}


class RouteForm(ActForm):
    department = forms.ModelChoiceField(
        label=gettext_lazy("Department"), queryset=Unit.objects.none()
    )
    deadline = forms.DateField(
        label=gettext_lazy("Deadline"),
        required=False,
        widget=date_input(),
        help_text=gettext_lazy("Empty: the route's days from today."),
    )

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, action=Action.ROUTE, **kwargs)
        self.fields["department"].queryset = departments
        self.order_fields(["department", "deadline", "text"])


class MeetingForm(forms.Form):
    held_on = forms.DateField(label=gettext_lazy("Held on"), widget=date_input())
    attendees = forms.CharField(
        label=gettext_lazy("Attendees"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )
    notes = forms.CharField(
        label=gettext_lazy("Notes"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=20000,
    )


class ProblemChoiceField(forms.ModelChoiceField):
    """Problems named with their project: two projects may raise problems of the same title."""

    def label_from_instance(self, obj):
        return _("%(title)s — %(project)s (due %(deadline)s)") % {
            "title": obj.title,
            "project": obj.project.name,
            "deadline": obj.deadline.isoformat() if obj.deadline else "—",
        }


class DecisionForm(forms.Form):
    """A decision of the meeting: an action for a unit, with a deadline."""

    parent = ProblemChoiceField(
        label=gettext_lazy("Follows up on"),
        queryset=Problem.objects.none(),
        required=False,
        help_text=gettext_lazy("A problem on the agenda, if the decision answers one."),
    )
    project: "forms.ModelChoiceField[Project]" = forms.ModelChoiceField(
        label=gettext_lazy("Project"),
        queryset=None,
        required=False,
        help_text=gettext_lazy("Empty: the project of the problem followed up."),
    )
    department = forms.ModelChoiceField(
        label=gettext_lazy("Owner (unit)"), queryset=Unit.objects.none()
    )
    category = forms.ChoiceField(
        label=pgettext_lazy("problem", "Category"), choices=ProblemCategory.choices
    )
    title = forms.CharField(label=gettext_lazy("Decision"), max_length=200)
    need = forms.CharField(
        label=gettext_lazy("What must be done"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
    )
    deadline = forms.DateField(label=gettext_lazy("Deadline"), widget=date_input())

    def __init__(self, *args, projects, units, agenda, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = projects
        self.fields["department"].queryset = units
        self.fields["parent"].queryset = agenda

    def clean(self):
        data = super().clean()
        parent, project = data.get("parent"), data.get("project")
        if project is None and parent is not None:
            data["project"] = parent.project
        elif project is None:
            self.add_error("project", _("Choose the project, or the problem it follows up."))
        return data
