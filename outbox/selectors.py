"""Reads of the outbox for its operations page: who may see it, and which messages.

Supervisors and administrators see the messages of their region and the regions below it (an
installation's superuser sees all); everyone else gets 403. A message of another region is not
in the queryset, so it answers 404.
"""

from django.db.models import Count, QuerySet
from django.shortcuts import get_object_or_404

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


def message_list(*, user: User) -> QuerySet[Message]:
    return messages_for(user).select_related("user", "robot", "region")


def message_get(*, user: User, pk: int) -> Message:
    return get_object_or_404(message_list(user=user), pk=pk)


def counts(queryset: QuerySet[Message]) -> dict[str, list[tuple[str, int]]]:
    """Messages by state, by channel and by kind (three grouped queries), for the summary."""
    found = {}
    for field in ("status", "channel", "kind"):
        choices = dict(Message._meta.get_field(field).choices)
        rows = queryset.order_by().values_list(field).annotate(n=Count("pk")).order_by(field)
        found[field] = [(value, str(choices.get(value, value)), n) for value, n in rows]
    return found
