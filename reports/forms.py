"""Forms of the report pages."""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _


def new_token() -> str:
    return uuid.uuid4().hex


class TokenForm(forms.Form):
    """A form whose submission is done once: the token is made when the page is drawn, so a
    double click (or a retry) posts the same token and the service does nothing more."""

    token = forms.RegexField(regex=r"^[0-9a-f]{32}$", widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("token", new_token())
        super().__init__(*args, **kwargs)


class RebuildForm(TokenForm):
    reason = forms.CharField(
        label=_("Why a new revision"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        help_text=_("At most 1,000 characters."),
    )
    send = forms.BooleanField(label=_("Send the new revision to the list"), required=False)


class ResendForm(TokenForm):
    to = forms.ChoiceField(
        label=_("Resend to"),
        required=False,
        help_text=_("One recipient the report already went to, or everyone on the list again"),
    )

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = [("", _("Everyone on the list")), *choices]
