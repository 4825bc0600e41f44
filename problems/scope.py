"""Who may see and do what in the problem loop: the one place that scopes it, after projects.scope.

Seeing: a department sees the problems routed to it; a reporter those of the unit's projects (and
the actions a meeting gave the unit); a leader those of the leader's projects; supervisors and
managers their region. Anything else is simply not in the queryset, so it answers 404.

Doing: ``actors_of`` says which parts of the state machine (``flow.Actor``) a person plays on one
problem; views answer 403 to a role that has no business on a page at all.
"""

from django.db.models import Q, QuerySet

from accounts.choices import Role
from accounts.models import Unit, User
from projects.models import Campaign, Project
from projects.scope import REGION_WIDE, can_report, can_review, region_q

from .choices import Origin
from .flow import Actor
from .models import EvidenceFile, Meeting, Problem

# Units answer the problems routed to them through these accounts: handlers of a department, and
# the reporters of a responsible unit that a meeting gave an action to.
ANSWERING_ROLES = {Role.HANDLER, Role.REPORTER}


def problem_q(user: User) -> Q:
    """The problems a user may see, as a filter on Problem."""
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    if user.is_superuser:
        return Q()
    if user.role in REGION_WIDE:
        # Through the handful of campaigns, so the planner never joins regions per problem.
        campaigns = Campaign.objects.filter(region_q(user, "region")).values("pk")
        return Q(project__campaign__in=campaigns)
    if user.role == Role.LEADER:
        return Q(project__leader_id=user.leader_id) if user.leader_id else Q(pk__in=[])
    if user.unit_id is None:
        return Q(pk__in=[])
    if user.role == Role.REPORTER:
        return Q(project__unit_id=user.unit_id) | Q(department_id=user.unit_id)
    if user.role == Role.HANDLER:
        return Q(department_id=user.unit_id)
    return Q(pk__in=[])


def problems_for(user: User) -> QuerySet[Problem]:
    return Problem.objects.filter(problem_q(user))


def files_for(user: User) -> QuerySet[EvidenceFile]:
    return EvidenceFile.objects.filter(problem__in=problems_for(user).values("pk"))


def meetings_for(user: User) -> QuerySet[Meeting]:
    """Meetings are the supervisors' and the managers' business, within their region."""
    if not user.is_authenticated or not user.is_active:
        return Meeting.objects.none()
    if user.is_superuser:
        return Meeting.objects.all()
    if user.role in REGION_WIDE:
        return Meeting.objects.filter(region_q(user, "region"))
    return Meeting.objects.none()


def region_units_for(user: User) -> QuerySet[Unit]:
    """The units of the user's region and those below it; every unit for the superuser."""
    if user.is_superuser:
        return Unit.objects.all()
    return Unit.objects.filter(region_q(user, "region"))


def actors_of(user: User, problem: Problem) -> set[Actor]:
    """The parts ``user`` plays on ``problem`` (call it only for a problem in problems_for)."""
    if not user.is_authenticated or not user.is_active:
        return set()
    actors = set()
    supervisor = can_review(user)
    if problem.origin == Origin.MEETING:
        if supervisor:
            actors.add(Actor.RAISER)
    elif user.role == Role.REPORTER and user.unit_id == problem.project.unit_id:
        actors.add(Actor.RAISER)
    if (
        problem.department_id is not None
        and user.unit_id == problem.department_id
        and user.role in ANSWERING_ROLES
    ):
        actors.add(Actor.HANDLER)
    if supervisor:
        actors.add(Actor.SUPERVISOR)
    if user.role == Role.LEADER and user.leader_id == problem.project.leader_id:
        actors.add(Actor.LEADER)
    return actors


def can_raise(user: User, project: Project) -> bool:
    """Reporters raise problems of their own unit's projects."""
    return can_report(user, project)


def can_supervise(user: User) -> bool:
    """Supervisors route problems and run the dispatch meeting."""
    return can_review(user)


def can_see_meetings(user: User) -> bool:
    return user.is_active and (user.is_superuser or user.role in REGION_WIDE)


def has_inbox(user: User) -> bool:
    """Departments answer; reporters confirm; supervisors route. Leaders and managers only read."""
    return user.is_active and (can_supervise(user) or user.role in ANSWERING_ROLES)
