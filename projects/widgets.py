"""A select that renders its options in Python: a province's filter bar lists thousands of units
and leaders, and Django's template-per-option rendering made that the slowest part of a page."""

import html
from collections.abc import Callable, Iterable, Set

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe


def _escaped(text) -> str:
    """``conditional_escape`` without its lazy-string wrapper: the bar's 500 options called it
    twice each, a fifth of a list page's time with ``format_html``."""
    if hasattr(text, "__html__"):
        return text.__html__()
    return html.escape(str(text))


def draw_options(choices: Iterable, chosen: Set[str] = frozenset()) -> str:
    """The ``<option>``s of ``choices``, ``chosen`` (their keys) selected."""
    return "".join(
        f'<option value="{_escaped(key)}"{" selected" if key in chosen else ""}>'
        f"{_escaped(label)}</option>"
        for option_value, label in choices
        for key in [str(getattr(option_value, "value", option_value))]
    )


def choose(options: str, chosen: set[str]) -> str:
    """Options drawn with none selected (``draw_options``), ``chosen`` selected: each key is
    one option's, its opening tag found whole."""
    for key in chosen:
        tag = f'<option value="{_escaped(key)}">'
        options = options.replace(tag, f'<option value="{_escaped(key)}" selected>', 1)
    return options


class FastSelect(forms.Select):
    """``kept``: the options drawn beforehand with none selected (``draw_options``; the filter
    bar's kept ones, projects.filter_options), instead of drawing ``choices``."""

    kept: Callable[[], str] | None = None

    def render(self, name, value, attrs=None, renderer=None):
        chosen = set(self.format_value(value))
        if self.kept is not None:
            drawn = choose(self.kept(), chosen)
        else:
            drawn = draw_options(self.choices, chosen)
        options = mark_safe(drawn)  # noqa: S308 - the keys and the labels are escaped
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
