"""Who may see and change what of the register, and the primitives every app's scope.py uses.

Every view and selector asks its app's scope module (one per app); another unit's object is
simply not in the queryset, so it answers 404 rather than 403 and does not reveal that it exists.
"""

from django.db.models import Q, QuerySet

from accounts.choices import Role
from accounts.models import Leader, Unit, User
from accounts.regions import region_q

from .models import Campaign, Milestone, MonthlyPlan, Project, SitePhoto, WeeklyReport

REGION_WIDE = {Role.SUPERVISOR, Role.MANAGER, Role.ADMIN}


def project_q(user: User) -> Q:
    """The projects a user may see, as a filter on Project."""
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    if user.is_superuser:
        return Q()
    if user.role in REGION_WIDE:
        # Through the handful of campaigns, so the planner never joins regions per project.
        return Q(campaign__in=Campaign.objects.filter(region_q(user, "region")).values("pk"))
    if user.role == Role.LEADER:
        return Q(leader_id=user.leader_id) if user.leader_id else Q(pk__in=[])
    if user.role == Role.REPORTER:
        return Q(unit_id=user.unit_id) if user.unit_id else Q(pk__in=[])
    if user.role == Role.HANDLER and user.unit_id:
        # Department handlers reach projects through the problems routed to them (the reverse
        # relation: problems sit above the register, which never imports them).
        return Q(pk__in=Project.objects.filter(problems__department_id=user.unit_id).values("pk"))
    return Q(pk__in=[])


def scope_key(user: User) -> str | None:
    """Who sees what, as ``project_q`` decides it: users with the same key see the same
    projects (and may share what is drawn of them). None for a handler (his projects follow
    the problems routed to him) and for whoever sees nothing: not shared."""
    if not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser:
        return "all"
    if user.role in REGION_WIDE:
        return f"region:{user.region_id}"
    if user.role == Role.LEADER and user.leader_id:
        return f"leader:{user.leader_id}"
    if user.role == Role.REPORTER and user.unit_id:
        return f"unit:{user.unit_id}"
    return None


def projects_for(user: User) -> QuerySet[Project]:
    return Project.objects.filter(project_q(user))


def reports_for(user: User) -> QuerySet[WeeklyReport]:
    return WeeklyReport.objects.filter(project__in=projects_for(user).values("pk"))


def campaign_ids_for(user: User) -> list[int] | None:
    """The ids of the user's campaigns for the region-wide roles, whose projects are exactly
    those campaigns' (project_q); None for the others, who see fewer."""
    if user.is_authenticated and user.is_active and (user.is_superuser or user.role in REGION_WIDE):
        return list(campaigns_for(user).values_list("pk", flat=True))
    return None


def campaign_reports_for(user: User, campaigns: list[int] | None = None) -> QuerySet[WeeklyReport]:
    """``reports_for`` read through the ids of the user's campaigns, for the region-wide roles
    (a reviewer is one): the same reports, since their projects are those campaigns' (project_q),
    without the region rule's subquery that the planner joined for each of a city's reports.
    ``campaigns``: ``campaign_ids_for(user)`` if the caller has read it already."""
    if campaigns is None:
        campaigns = campaign_ids_for(user)
    if campaigns is not None:
        return WeeklyReport.objects.filter(project__campaign__in=campaigns)
    return reports_for(user)


def units_for(user: User) -> QuerySet[Unit]:
    """The units responsible for a project the user may see (their scorecards)."""
    return Unit.objects.filter(pk__in=projects_for(user).values("unit"))


def leaders_for(user: User) -> QuerySet[Leader]:
    """The leaders responsible for a project the user may see (their scorecards)."""
    return Leader.objects.filter(pk__in=projects_for(user).values("leader"))


def photos_for(user: User) -> QuerySet[SitePhoto]:
    """Site photos are not public media: only those who may see the report see its photos."""
    return SitePhoto.objects.filter(report__in=reports_for(user))


def campaigns_for(user: User) -> QuerySet[Campaign]:
    if user.is_superuser:
        return Campaign.objects.all()
    return Campaign.objects.filter(region_q(user, "region"))


def histories_for(user: User) -> list[tuple[type, QuerySet]]:
    """Each recorded model with the history rows the user may read (the changes page)."""
    projects = projects_for(user).values("pk")
    campaigns = campaigns_for(user).values("pk")
    regions = Q() if user.is_superuser else region_q(user, "region")
    return [
        (Campaign, Campaign.history.filter(id__in=campaigns)),
        (Project, Project.history.filter(id__in=projects)),
        (MonthlyPlan, MonthlyPlan.history.filter(project_id__in=projects)),
        (Milestone, Milestone.history.filter(project_id__in=projects)),
        (WeeklyReport, WeeklyReport.history.filter(project_id__in=projects)),
        (Unit, Unit.history.filter(regions)),
        (Leader, Leader.history.filter(regions)),
    ]


def can_report(user: User, project: Project) -> bool:
    """Reporters fill in their own unit's projects."""
    return user.is_active and user.role == Role.REPORTER and project.unit_id == user.unit_id


def can_review(user: User) -> bool:
    """Supervisors review, return and accept submitted reports within their region. The system
    administrator keeps accounts, not business data (三权分立): reading, not reviewing."""
    return user.is_active and (user.is_superuser or user.role == Role.SUPERVISOR)


def can_keep_register(user: User) -> bool:
    return can_review(user)
