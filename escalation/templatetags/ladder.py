"""``{% ladder_panel project %}``: the project's notices with their status and log, in a fixed
number of queries whatever the number of steps."""

from django import template
from django.db.models import Prefetch

from ..models import NoticeEvent
from ..selectors import notices_on_agenda

register = template.Library()


@register.inclusion_tag("escalation/_project_panel.html")
def ladder_panel(project):
    notices = project.notices.order_by("-opened_at").prefetch_related(
        Prefetch("events", queryset=NoticeEvent.objects.select_related("actor").order_by("pk"))
    )
    return {"notices": list(notices)}


@register.simple_tag(takes_context=True)
def agenda_notices(context):
    """The dispatch meeting's agenda: notices unsigned or unanswered past their deadline climb
    there like problems."""
    return notices_on_agenda(user=context["request"].user)
