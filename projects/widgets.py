"""A select that renders its options in Python: a province's filter bar lists thousands of units
and leaders, and Django's template-per-option rendering made that the slowest part of a page."""

import html
from collections.abc import Callable, Iterable, Set

from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe


def escaped(text) -> str:
    """``conditional_escape`` without its lazy-string wrapper: the bar's 500 options called it
    twice each, a fifth of a list page's time with ``format_html``."""
    if hasattr(text, "__html__"):
        return text.__html__()
    return html.escape(str(text))


def draw_attrs(attrs: dict) -> str:
    """Django's ``attrs.html``: `` name="value"`` each, `` name`` for True, none for False."""
    return "".join(
        f" {name}" if value is True else f' {name}="{escaped(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def draw_options(choices: Iterable, chosen: Set[str] = frozenset()) -> str:
    """The ``<option>``s of ``choices`` as Django's ``select.html`` draws them (each between a
    new line and two spaces and a new line), the first whose key is in ``chosen`` selected."""
    drawn = []
    found = False
    for option_value, label in choices:
        key = "" if option_value is None else str(getattr(option_value, "value", option_value))
        selected = not found and key in chosen
        found |= selected
        drawn.append(
            f'\n  <option value="{escaped(key)}"{" selected" if selected else ""}>'
            f"{escaped(label)}</option>\n"
        )
    return "".join(drawn)


def choose(options: str, chosen: set[str]) -> str:
    """Options drawn with none selected (``draw_options``), ``chosen`` selected: each key is
    one option's, its opening tag found whole."""
    for key in chosen:
        tag = f'<option value="{escaped(key)}">'
        options = options.replace(tag, f'<option value="{escaped(key)}" selected>', 1)
    return options


class FastSelect(forms.Select):
    """Django's ``Select`` drawn in Python, to the byte (tests/projects/test_widgets.py): its
    template include per option was most of a filter bar's time. Choices in groups are drawn
    by Django's own. ``kept``: the options drawn beforehand with none selected
    (``draw_options``; the filter bar's kept ones, projects.filter_options)."""

    kept: Callable[[], str] | None = None

    def render(self, name, value, attrs=None, renderer=None):
        if self.allow_multiple_selected:  # every choice selected: Django's own drawing
            return super().render(name, value, attrs, renderer)
        chosen = self.format_value(value)
        if self.kept is not None:
            drawn = choose(self.kept(), set(chosen[:1]))
        else:
            # Read once, and not measured first: len() of a model's choices is a COUNT query.
            choices = list(iter(self.choices))
            if any(isinstance(label, (list, tuple)) for _value, label in choices):
                self.choices = choices
                return super().render(name, value, attrs, renderer)
            drawn = draw_options(choices, set(chosen))
        attributes = self.build_attrs(self.attrs, attrs)
        return mark_safe(  # noqa: S308 - the name, the attributes, the keys and labels escaped
            f'<select name="{escaped(name)}"{draw_attrs(attributes)}>{drawn}\n</select>'
        )


class FastTextInput(forms.TextInput):
    """Django's ``TextInput`` drawn in Python, to the byte: one template less per filter bar."""

    def render(self, name, value, attrs=None, renderer=None):
        shown = self.format_value(value)
        drawn = "" if shown is None else f' value="{escaped(shown)}"'
        attributes = draw_attrs(self.build_attrs(self.attrs, attrs))
        return mark_safe(  # noqa: S308 - every part escaped
            f'<input type="{self.input_type}" name="{escaped(name)}"{drawn}{attributes}>'
        )


class DateBox(forms.DateInput):
    """The browser's date picker. It reads only ISO dates: the Chinese locale's 2026/12/01 in
    its value shows as an empty box, and the date is lost on the next save."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


# Django's widget templates that DrawnRenderer draws in Python, and how: each includes input.html
# or is textarea.html (clearable_file_input.html only without a file already kept).
_INPUTS = frozenset(
    f"django/forms/widgets/{name}.html"
    for name in ("input", "text", "hidden", "date", "number", "email", "password", "file")
)
_TEXTAREA = "django/forms/widgets/textarea.html"
_CLEARABLE = "django/forms/widgets/clearable_file_input.html"


def draw_input(widget: dict, *, with_value: bool = True) -> str:
    """Django's ``input.html`` of a widget's context (``with_value``: the value drawn)."""
    value = widget["value"]
    drawn = "" if value is None or not with_value else f' value="{escaped(value)}"'
    return (
        f'<input type="{escaped(widget["type"])}" name="{escaped(widget["name"])}"{drawn}'
        f"{draw_attrs(widget['attrs'])}>"
    )


class DrawnRenderer(DjangoTemplates):
    """Django's form renderer, the text boxes, hidden and date inputs, text areas and file
    inputs drawn in Python to the byte (tests/projects/test_widgets.py): a template and its
    attributes' include per widget were a third of the weekly entry form's time. Any other
    template is Django's."""

    def render(self, template_name, context, request=None):
        widget = context.get("widget") if isinstance(context, dict) else None
        if widget is not None:
            if template_name in _INPUTS:
                return draw_input(widget)
            if template_name == _TEXTAREA:
                value = widget["value"]
                return (
                    f'<textarea name="{escaped(widget["name"])}"{draw_attrs(widget["attrs"])}>'
                    f"\n{escaped(value) if value else ''}</textarea>"
                )
            if template_name == _CLEARABLE and not widget.get("is_initial"):
                return draw_input(widget, with_value=False)
        return super().render(template_name, context, request)
