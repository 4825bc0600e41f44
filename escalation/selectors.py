"""Reads of the ladder, scoped like every page: a notice is seen by whoever may see its project.

``actors_of`` says which parts of the workflow (``flow.Actor``) a person plays on one notice.
"""

from django.db.models import Q, QuerySet

from accounts.choices import Role
from accounts.models import User
from projects.scope import can_review, projects_for

from .flow import Actor
from .models import NoticeEvent, NoticeFile, SupervisionNotice


def notices_for(user: User) -> QuerySet[SupervisionNotice]:
    return SupervisionNotice.objects.filter(
        project__in=projects_for(user).values("pk")
    ).select_related("project__unit", "project__leader", "campaign__region", "interview")


def actors_of(user: User, notice: SupervisionNotice) -> set[Actor]:
    """The parts ``user`` plays on ``notice``: the addressee unit's reporters sign for and
    answer it; supervisors of its region review it. Leaders and managers only read (and may
    write a 批示)."""
    if not user.is_authenticated or not user.is_active:
        return set()
    actors = set()
    if user.role == Role.REPORTER and user.unit_id == notice.project.unit_id:
        actors.add(Actor.UNIT)
    if can_review(user) and projects_for(user).filter(pk=notice.project_id).exists():
        actors.add(Actor.SUPERVISOR)
    return actors


def log_of(notice: SupervisionNotice) -> QuerySet[NoticeEvent]:
    return (
        notice.events.select_related("actor", "document")
        .prefetch_related("files")
        .order_by("created_at", "pk")
    )


def files_for(user: User) -> QuerySet[NoticeFile]:
    return NoticeFile.objects.filter(notice__in=notices_for(user).values("pk"))


def documents_q(user: User) -> Q:
    """The official documents of the notices the user may see (documents.selectors asks)."""
    return Q(notice__in=notices_for(user).values("pk"))
