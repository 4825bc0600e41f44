"""The stored year-end outlook of a campaign, computed after each scoring run."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from projects.fields import WeekField, monday_constraint
from projects.models import Campaign


class Outlook(models.Model):
    """Targets against the year-end forecast as of a scored week (scoring.forecast, as data)."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="outlooks"
    )
    week = WeekField(_("week"))
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
            monday_constraint("week", name="outlook_week_is_monday"),
        ]

    def __str__(self) -> str:
        return f"{self.campaign} {self.week:%Y-%m-%d}"


class RunningScore(models.Model):
    """A project's running sum of weekly totals (exempt weeks left out) up to a week, so a
    period's average is the difference of two rows rather than an aggregate over the year."""

    project = models.ForeignKey(
        "projects.Project", verbose_name=_("project"), on_delete=models.CASCADE, related_name="+"
    )
    week = WeekField(_("week"))
    total = models.DecimalField(_("sum of totals"), max_digits=9, decimal_places=2)
    weeks = models.PositiveSmallIntegerField(_("weeks counted"))

    class Meta:
        verbose_name = _("running score")
        verbose_name_plural = _("running scores")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "week"],
                name="running_one_per_project_week",
                violation_error_message=_("This project already has a running score this week."),
            ),
            monday_constraint("week", name="running_week_is_monday"),
        ]
        indexes = [models.Index(fields=["week", "project"])]

    def __str__(self) -> str:
        return f"{self.project_id} {self.week:%Y-%m-%d}"


class RunningMark(models.Model):
    """When the running scores of a campaign's week were computed, to know which are stale."""

    campaign = models.ForeignKey(Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE)
    week = WeekField(_("week"))
    computed_at = models.DateTimeField(_("computed at"))

    class Meta:
        verbose_name = _("running mark")
        verbose_name_plural = _("running marks")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "week"],
                name="running_mark_one_per_campaign_week",
                violation_error_message=_("This week of the campaign already has a mark."),
            ),
            monday_constraint("week", name="running_mark_week_is_monday"),
        ]

    def __str__(self) -> str:
        return f"{self.campaign} {self.week:%Y-%m-%d}"
