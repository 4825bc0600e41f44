"""Field helpers shared by the scoring tables."""

from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

POINTS: dict[str, Any] = {"max_digits": 5, "decimal_places": 2}  # typed for **POINTS


class BreakdownField(models.JSONField):
    """JSON inserted row by row in bulk: having ``get_placeholder`` keeps PostgreSQL's bulk insert
    off its UNNEST-array path, whose client-side quoting of long JSON texts costs seconds per
    thousand scores."""

    def get_placeholder(self, value, compiler, connection):
        return "%s"


def monday_check(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(week__iso_week_day=1),
        name=name,
        violation_error_message=_("A week must start on a Monday."),
    )
