"""A form's field in its box (templates/includes/field.html) drawn in Python, to the byte
(tests/projects/test_widgets.py): the include per field was a fifth of the weekly entry form's
time."""

from django import template
from django.forms import BoundField
from django.utils.safestring import SafeString, mark_safe

from projects.widgets import escaped

register = template.Library()


@register.simple_tag
def field_box(field: BoundField) -> SafeString:
    """``{% include "includes/field.html" with field=field %}``."""
    errors = field.errors
    classes = (
        "field" + (" has-error" if errors else "") + (" required" if field.field.required else "")
    )
    help_text = field.help_text
    helped = (
        f'<small class="help" id="{escaped(field.auto_id)}_helptext">{escaped(help_text)}</small>'
        if help_text
        else ""
    )
    shown = (
        f'<div id="{escaped(field.auto_id)}_error">'
        + "".join(f'<p class="error">{escaped(error)}</p>' for error in errors)
        + "</div>"
        if errors
        else ""
    )
    return mark_safe(  # noqa: S308 - the label, the help, the errors and the ids escaped
        f'<div class="{classes}">\n'
        f'  <label for="{escaped(field.id_for_label)}">{escaped(field.label)}</label>\n'
        f"  {field}\n"
        f"  {helped}\n"
        f"  {shown}\n"
        "</div>\n"
    )
