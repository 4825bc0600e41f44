"""What a 批示 can stand on, found through each app's own scope (another region's thing: 404)."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from accounts.models import Unit
from accounts.regions import region_chain

KINDS = ("report", "notice", "project")


def resolve(user, kind: str, pk: int):
    if kind == "report":
        from reports.selectors import can_read_reports, reports_for

        if not can_read_reports(user):
            raise Http404(_("No such page."))
        return get_object_or_404(reports_for(user), pk=pk)
    if kind == "notice":
        from escalation.scope import notices_for

        return get_object_or_404(notices_for(user), pk=pk)
    if kind == "project":
        from projects.scope import projects_for

        return get_object_or_404(projects_for(user), pk=pk)
    raise Http404(_("No such page."))


def kind_of(on) -> str:
    return {"Report": "report", "SupervisionNotice": "notice", "Project": "project"}[
        type(on).__name__
    ]


def region_units(on):
    return Unit.objects.filter(region_id__in=region_chain(on.campaign.region)).order_by(
        "is_department", "name"
    )


def default_units(on) -> list[int]:
    """The unit a 批示 is usually for: the project's responsible unit."""
    project = getattr(on, "project", None) if kind_of(on) == "notice" else on
    if kind_of(on) == "report" or project is None:
        return []
    return [project.unit_id]
