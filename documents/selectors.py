"""Which documents a person may open: those about what the person may see."""

from django.db.models import Q, QuerySet

from accounts.models import User
from escalation.scope import notices_for
from projects.scope import projects_for
from reports.selectors import can_read_reports, reports_for

from .models import Document


def documents_for(user: User) -> QuerySet[Document]:
    if not user.is_authenticated or not user.is_active:
        return Document.objects.none()
    visible = Q(notice__in=notices_for(user).values("pk")) | Q(
        accountability__project__in=projects_for(user).values("pk")
    )
    if can_read_reports(user):
        visible |= Q(report__in=reports_for(user).values("pk"))
    return Document.objects.filter(visible)
