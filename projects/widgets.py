"""A select that renders its options in Python: a province's filter bar lists thousands of units
and leaders, and Django's template-per-option rendering made that the slowest part of a page."""

import html

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe


def _escaped(text) -> str:
    """``conditional_escape`` without its lazy-string wrapper: the bar's 500 options called it
    twice each, a fifth of a list page's time with ``format_html``."""
    if hasattr(text, "__html__"):
        return text.__html__()
    return html.escape(str(text))


class FastSelect(forms.Select):
    def render(self, name, value, attrs=None, renderer=None):
        chosen = set(self.format_value(value))
        options = mark_safe(  # noqa: S308 - the key and the label are escaped
            "".join(
                f'<option value="{_escaped(key)}"{" selected" if key in chosen else ""}>'
                f"{_escaped(label)}</option>"
                for option_value, label in self.choices
                for key in [str(getattr(option_value, "value", option_value))]
            )
        )
        attributes = format_html_join(
            "",
            ' {}="{}"',
            ((k, v) for k, v in self.build_attrs(self.attrs, attrs).items() if v is not False),
        )
        return format_html('<select name="{}"{}>{}</select>', name, attributes, options)


class DateBox(forms.DateInput):
    """The browser's date picker. It reads only ISO dates: the Chinese locale's 2026/12/01 in
    its value shows as an empty box, and the date is lost on the next save."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")
