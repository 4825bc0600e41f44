"""Who may see and do what on the ladder, after projects.scope: a notice (and its files,
interview and accountability) is seen by whoever may see its project; another region's answers 404.

``actors_of`` says which parts of the workflow (``flow.Actor``) a person plays on one notice.
"""

from django.db.models import QuerySet

from accounts.choices import Role
from accounts.models import User
from projects.scope import can_review, projects_for

from .flow import Actor
from .models import Accountability, Interview, NoticeFile, SupervisionNotice

__all__ = [
    "accountabilities_for",
    "actors_of",
    "can_review",
    "files_for",
    "interviews_for",
    "notices_for",
]


def notices_for(user: User) -> QuerySet[SupervisionNotice]:
    return SupervisionNotice.objects.filter(
        project__in=projects_for(user).values("pk")
    ).select_related("project__unit", "project__leader", "campaign__region", "interview")


def files_for(user: User) -> QuerySet[NoticeFile]:
    return NoticeFile.objects.filter(notice__in=notices_for(user).values("pk"))


def interviews_for(user: User) -> QuerySet[Interview]:
    return Interview.objects.filter(notice__in=notices_for(user).values("pk"))


def accountabilities_for(user: User) -> QuerySet[Accountability]:
    return Accountability.objects.filter(project__in=projects_for(user).values("pk"))


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
