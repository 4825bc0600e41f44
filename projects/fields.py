"""The week field: a week is stored as the Monday of its ISO week (``weeks.is_monday``), checked
by the field's validator, by the services and, through :func:`monday_constraint`, by the database.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from . import weeks

NOT_A_MONDAY = _("A week must be a Monday (the first day of its ISO week).")


def require_monday(day: dt.date | None) -> None:
    """Refuse a week that is not a Monday, in the user's language (a validator and a service
    check alike); None passes, a missing week is the field's ``null`` to decide."""
    if day is not None and not weeks.is_monday(day):
        raise ValidationError(NOT_A_MONDAY, code="not_monday", params={"value": day})


class WeekField(models.DateField):
    """A date that is the Monday of an ISO week. Declare its check with :func:`monday_constraint`
    in the model's ``Meta.constraints`` (a field cannot add one the migrations would track)."""

    default_validators = [require_monday]
    description = _("The Monday of an ISO week")


def monday_constraint(field_name: str, *, name: str, null: bool = False) -> models.CheckConstraint:
    """The database check that ``field_name`` holds a Monday; with ``null``, or nothing."""
    monday = Q(**{f"{field_name}__iso_week_day": 1})
    return models.CheckConstraint(
        condition=Q(**{f"{field_name}__isnull": True}) | monday if null else monday,
        name=name,
        violation_error_message=NOT_A_MONDAY,
    )
