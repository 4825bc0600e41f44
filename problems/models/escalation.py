"""The record of each level an overdue problem reached, and of the e-mail about it."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..choices import Level, MailStatus
from .problem import Problem


class Escalation(models.Model):
    """A problem reached a level: recorded once per level, with the e-mail sent about it.

    The unique (problem, level) makes "at most one e-mail per level" a database fact; the mail
    task claims the send with a conditional UPDATE so two workers cannot both send it.
    """

    problem = models.ForeignKey(
        Problem, verbose_name=_("problem"), on_delete=models.PROTECT, related_name="escalations"
    )
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    escalated_at = models.DateTimeField(_("escalated at"), default=timezone.now)
    mail_status = models.CharField(
        _("e-mail"), max_length=10, choices=MailStatus.choices, default=MailStatus.PENDING
    )
    mail_claimed_at = models.DateTimeField(null=True, blank=True)
    mail_sent_at = models.DateTimeField(_("e-mail sent at"), null=True, blank=True)
    recipients = models.TextField(_("recipients"), blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("escalation")
        verbose_name_plural = _("escalations")
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
        indexes = [models.Index(fields=["mail_status"])]

    def __str__(self) -> str:
        return f"{self.problem_id} → {self.get_level_display()}"
