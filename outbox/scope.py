"""Who may see the outbox, and which messages, after projects.scope.

Supervisors and administrators see the messages of their region and the regions below it (an
installation's superuser sees all); everyone else gets 403. A message of another region is not
in the queryset, so it answers 404.
"""

from django.db.models import QuerySet

from accounts.choices import Role
from accounts.models import User
from accounts.regions import region_q

from .models import Message

OPERATORS = {Role.SUPERVISOR, Role.ADMIN}


def can_operate(user: User) -> bool:
    return (
        user.is_authenticated and user.is_active and (user.is_superuser or user.role in OPERATORS)
    )


def messages_for(user: User) -> QuerySet[Message]:
    if not can_operate(user):
        return Message.objects.none()
    if user.is_superuser:
        return Message.objects.all()
    return Message.objects.filter(region_q(user, "region"))
