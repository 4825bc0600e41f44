"""The stored year-end outlook of a campaign, computed after each scoring run."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from projects.models import Campaign


class Outlook(models.Model):
    """Targets against the year-end forecast as of a scored week (scoring.forecast, as data)."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="outlooks"
    )
    week = models.DateField(_("week"))
    computed_at = models.DateTimeField(_("computed at"))
    data = models.JSONField(_("data"))

    class Meta:
        verbose_name = _("outlook")
        verbose_name_plural = _("outlooks")
        ordering = ["campaign", "-week"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "week"],
                name="outlook_one_per_campaign_week",
                violation_error_message=_("This week of the campaign already has an outlook."),
            ),
            models.CheckConstraint(
                condition=Q(week__iso_week_day=1),
                name="outlook_week_is_monday",
                violation_error_message=_("A week must start on a Monday."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.campaign} {self.week:%Y-%m-%d}"
