"""Who may do what with the observation rounds, and what a person sees: the one place.

The readers of the rounds are the readers of the reports they feed (managers, supervisors,
administrators, responsible leaders); reporters and department handlers answer 403. Supervisors
run the rounds; supervisors and leaders score on site, a leader never his or her own projects.
A round of another region's campaign is not in ``rounds_for`` and so answers 404."""

from django.db.models import QuerySet

from accounts.choices import Role
from accounts.models import User
from projects.models import Project
from projects.scope import campaigns_for

from .models import ObservationRound

READERS = {Role.SUPERVISOR, Role.MANAGER, Role.ADMIN, Role.LEADER}


def can_read_rounds(user: User) -> bool:
    return user.is_authenticated and user.is_active and (user.is_superuser or user.role in READERS)


def can_inspect(user: User) -> bool:
    """Supervisors and the responsible leaders score on site; managers and the system
    administrator read (三权分立: the administrator keeps accounts, not business data)."""
    return user.is_active and (user.is_superuser or user.role in {Role.SUPERVISOR, Role.LEADER})


def can_run_rounds(user: User) -> bool:
    return user.is_active and (user.is_superuser or user.role == Role.SUPERVISOR)


def rounds_for(user: User) -> QuerySet[ObservationRound]:
    return ObservationRound.objects.filter(campaign__in=campaigns_for(user)).select_related(
        "campaign"
    )


def sheet_projects(user: User, round_: ObservationRound) -> QuerySet[Project]:
    """The projects ``user`` may score in a round: the campaign's, but never a leader's own."""
    projects = Project.objects.filter(campaign=round_.campaign).select_related("unit", "leader")
    if not can_inspect(user):
        return projects.none()
    if user.role == Role.LEADER and not user.is_superuser and user.leader_id is not None:
        projects = projects.exclude(leader_id=user.leader_id)
    return projects
