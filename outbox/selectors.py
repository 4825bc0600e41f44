"""Reads of the outbox for its operations page; every queryset starts from outbox.scope."""

from django.db import models
from django.db.models import Count, QuerySet
from django.shortcuts import get_object_or_404

from accounts.models import User

from .models import Message
from .scope import messages_for


def message_list(*, user: User) -> QuerySet[Message]:
    return messages_for(user).select_related("user", "robot", "region")


def message_get(*, user: User, pk: int) -> Message:
    return get_object_or_404(message_list(user=user), pk=pk)


def counts(queryset: QuerySet[Message]) -> dict[str, list[tuple[str, str, int]]]:
    """Messages by state, by channel and by kind (three grouped queries), for the summary."""
    found = {}
    for field in ("status", "channel", "kind"):
        model_field = Message._meta.get_field(field)
        assert isinstance(model_field, models.Field)  # a column of the message, with choices
        choices = dict(model_field.flatchoices)
        rows = queryset.order_by().values_list(field).annotate(n=Count("pk")).order_by(field)
        found[field] = [(value, str(choices.get(value, value)), n) for value, n in rows]
    return found
