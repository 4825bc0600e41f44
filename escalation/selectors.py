"""Reads of the ladder's pages. Every queryset starts from escalation.scope."""

from django.db.models import Q, QuerySet

from accounts.models import User

from .models import (
    Accountability,
    Interview,
    InterviewStatus,
    NoticeEvent,
    NoticeStatus,
    SupervisionNotice,
)
from .scope import accountabilities_for, interviews_for, notices_for

RECENT_ACCOUNTABILITIES = 20


def log_of(notice: SupervisionNotice) -> QuerySet[NoticeEvent]:
    return (
        notice.events.select_related("actor", "document")
        .prefetch_related("files")
        .order_by("created_at", "pk")
    )


def interviews_pending(*, user: User) -> QuerySet[Interview]:
    """Interviews proposed or scheduled, not yet held, of the notices the user may see."""
    return (
        interviews_for(user).exclude(status=InterviewStatus.HELD).select_related("notice__project")
    )


def accountabilities_recent(*, user: User) -> QuerySet[Accountability]:
    return accountabilities_for(user).select_related("project", "recorded_by")[
        :RECENT_ACCOUNTABILITIES
    ]


def documents_q(user: User) -> Q:
    """The official documents of the notices the user may see (documents.selectors asks)."""
    return Q(notice__in=notices_for(user).values("pk"))


def notices_on_agenda(*, user: User) -> QuerySet[SupervisionNotice]:
    """Notices unsigned or unanswered past their deadline climb onto the agenda like problems."""
    return (
        notices_for(user)
        .exclude(status=NoticeStatus.CLOSED)
        .filter(level__gt=0)
        .order_by("-level", "deadline")
    )
