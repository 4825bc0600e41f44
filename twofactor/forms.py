from django import forms
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    """One code: six digits from the authenticator, or (when signing in) a recovery code."""

    token = forms.CharField(
        label=_("Verification code"),
        max_length=20,
        strip=True,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        ),
    )

    def __init__(self, *args, numeric: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if numeric:
            self.fields["token"].widget.attrs.update(inputmode="numeric", pattern=r"[0-9 ]{6,7}")
            self.fields["token"].help_text = _("The 6 digits your authenticator app shows now.")
        else:
            self.fields["token"].help_text = _(
                "The 6 digits your authenticator app shows now, or one of your recovery codes."
            )
