"""Reads of the ladder's pages. Every queryset starts from escalation.scope."""

from django.db.models import QuerySet

from accounts.models import User

from .models import Accountability, Interview, InterviewStatus, NoticeEvent, SupervisionNotice
from .scope import accountabilities_for, interviews_for

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
