"""The record of each level an overdue problem climbed to (its messages are in the outbox).

Not the ``escalation`` app's ladder of supervision notices: this is the problem loop's own climb."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..choices import Level
from .problem import Problem


class OverdueStep(models.Model):
    """A problem reached a level: recorded once per level. The unique (problem, level) makes
    "the people at a level are told once" a database fact: the outbox's messages are written
    in the same transaction as the row."""

    problem = models.ForeignKey(
        Problem, verbose_name=_("problem"), on_delete=models.PROTECT, related_name="overdue_steps"
    )
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    escalated_at = models.DateTimeField(_("escalated at"), default=timezone.now)

    class Meta:
        verbose_name = _("overdue step")
        verbose_name_plural = _("overdue steps")
        ordering = ["problem", "level"]
        constraints = [
            models.UniqueConstraint(
                fields=["problem", "level"],
                name="escalation_once_per_level",
                violation_error_message=_("The problem already reached this level."),
            ),
            models.CheckConstraint(
                condition=Q(level__gte=1, level__lte=3),
                name="escalation_level_range",
                violation_error_message=_("An escalation is to level 1, 2 or 3."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.problem_id} → {self.get_level_display()}"
