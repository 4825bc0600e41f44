"""Who may read and publish reports, and the reads of the report pages.

Managers, supervisors and administrators read the reports of their region (and the regions
below it); responsible leaders too, read-only, because the bulletins are circulated to every
包靠领导 and rank them by name. Reporters and department handlers answer 403. Publishing — a
new revision, a resend, running observation rounds — is the supervisors' (and admins') job.
"""

from django.db.models import CharField, Count, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Cast, Concat
from django.shortcuts import get_object_or_404

from accounts.choices import Role
from accounts.models import User
from outbox.choices import Status
from outbox.models import Message
from projects.scope import campaigns_for, can_review

from .models import Report

READERS = {Role.SUPERVISOR, Role.MANAGER, Role.ADMIN, Role.LEADER}

# The frozen snapshot is megabytes at province scale; only the report's own page reads it.
HEAVY: tuple[str, ...] = ("snapshot",)


def can_read_reports(user: User) -> bool:
    return user.is_authenticated and user.is_active and (user.is_superuser or user.role in READERS)


def can_publish(user: User) -> bool:
    return can_review(user)


def reports_for(user: User) -> QuerySet[Report]:
    if not can_read_reports(user):
        return Report.objects.none()
    return Report.objects.filter(campaign__in=campaigns_for(user))


def report_list(*, user: User) -> QuerySet[Report]:
    """The archive: each report with its campaign and how many of its messages were sent."""
    sent = Count("pk", filter=Q(status=Status.SENT))
    messages = (
        Message.objects.filter(ref=Concat(Value("report:"), Cast(OuterRef("pk"), CharField())))
        .order_by()
        .values("ref")
    )
    return (
        reports_for(user)
        .defer(*HEAVY)
        .select_related("campaign__region", "built_by")
        .annotate(
            recipients=Subquery(messages.annotate(n=Count("pk")).values("n")[:1]),
            sent_count=Subquery(messages.annotate(n=sent).values("n")[:1]),
        )
    )


def report_get(*, user: User, pk: int, snapshot: bool = True) -> Report:
    """One report; ``snapshot=False`` for the pages that only need its files and period."""
    found = reports_for(user).select_related("campaign__region", "built_by")
    return get_object_or_404(found if snapshot else found.defer(*HEAVY), pk=pk)


def revisions(report: Report) -> QuerySet[Report]:
    return (
        Report.objects.filter(campaign=report.campaign, kind=report.kind, period=report.period)
        .defer(*HEAVY)
        .order_by("-revision")
    )


def documents_q(user: User) -> Q | None:
    """The official documents (bulletins) of the reports the user may read (documents asks)."""
    return Q(report__in=reports_for(user).values("pk")) if can_read_reports(user) else None
