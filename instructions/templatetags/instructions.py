"""``{% instructions_panel thing %}``: the 批示 on a bulletin, notice or project, shown at the top
of its page, with the form to write one for leaders and managers."""

from django import template

from ..forms import WriteForm
from ..selectors import instructions_on, open_for_agenda, to_answer
from ..services import can_write
from ..targets import default_units, kind_of, region_units

register = template.Library()


@register.inclusion_tag("instructions/_panel.html", takes_context=True)
def instructions_panel(context, on):
    user = context["request"].user
    found = instructions_on(user, on)
    writer = can_write(user)
    return {
        "request": context["request"],
        "csrf_token": context.get("csrf_token"),
        "on": on,
        "kind": kind_of(on),
        "found": [(i, to_answer(user, i)) for i in found],
        "form": WriteForm(units=region_units(on), initial={"units": default_units(on)})
        if writer
        else None,
    }


@register.simple_tag(takes_context=True)
def agenda_instructions(context):
    """The dispatch meeting's agenda: open 批示 stay on it until every unit named has answered."""
    return open_for_agenda(context["request"].user)
