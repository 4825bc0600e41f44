"""Field helpers shared by the scoring tables."""

from typing import Any

from django.db import models

POINTS: dict[str, Any] = {"max_digits": 5, "decimal_places": 2}  # typed for **POINTS


class BreakdownField(models.JSONField):
    """JSON inserted row by row in bulk: having ``get_placeholder`` keeps PostgreSQL's bulk insert
    off its UNNEST-array path, whose client-side quoting of long JSON texts costs seconds per
    thousand scores."""

    def get_placeholder(self, value, compiler, connection):
        return "%s"
