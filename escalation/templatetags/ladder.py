"""``{% ladder_panel project %}``: the project's notices with their status and log, in a fixed
number of queries whatever the number of steps."""

from django import template
from django.db.models import Prefetch

from accounts.compiled_reads import read_of_one

from ..models import NoticeEvent, SupervisionNotice
from ..selectors import notices_on_agenda

register = template.Library()


# Built by the ORM on each project page, the read cost more than PostgreSQL's answer.
_notices_of = read_of_one(
    "A project's notices",
    lambda project: (
        SupervisionNotice.objects.filter(project_id=project)
        .order_by("-opened_at")
        .prefetch_related(
            Prefetch("events", queryset=NoticeEvent.objects.select_related("actor").order_by("pk"))
        )
    ),
)


@register.inclusion_tag("escalation/_project_panel.html")
def ladder_panel(project):
    notices = _notices_of(project.pk)
    for notice in notices:
        notice.project = project
    return {"notices": notices}


@register.simple_tag(takes_context=True)
def agenda_notices(context):
    """The dispatch meeting's agenda: notices unsigned or unanswered past their deadline climb
    there like problems."""
    return notices_on_agenda(user=context["request"].user)
