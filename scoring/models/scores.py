"""What the weekly run writes: rubric versions, scores, adjustments and the run of each week."""

from functools import cached_property

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from projects import weeks
from projects.choices import Card
from projects.fields import WeekField, monday_constraint
from projects.models import Campaign, Project

from ..results import ScoreResult
from ..rubric import Rubric
from .fields import POINTS, BreakdownField


class RubricVersion(models.Model):
    """One version of a campaign's rubric (Rubric.to_dict()). Never edited: a change is a new
    version. The campaign's current rubric is the latest adopted one."""

    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("campaign"),
        on_delete=models.PROTECT,
        related_name="rubric_versions",
    )
    number = models.PositiveIntegerField(_("version"))
    rules = models.JSONField(_("rules"))
    note = models.TextField(_("note"), blank=True, max_length=2000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    adopted_at = models.DateTimeField(_("adopted at"), null=True, blank=True)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("adopted by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("rubric version")
        verbose_name_plural = _("rubric versions")
        ordering = ["campaign", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "number"],
                name="rubric_version_unique_number",
                violation_error_message=_("The campaign already has a rubric of this version."),
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1),
                name="rubric_version_number_positive",
                violation_error_message=_("Versions are numbered from 1."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.campaign} v{self.number}"

    def get_absolute_url(self) -> str:
        return reverse("scoring:rubric_version", args=[self.pk])

    @cached_property
    def rubric(self) -> Rubric:
        return Rubric.from_dict(self.rules)


class WeeklyScore(models.Model):
    """A project's score and card for one week, with the full breakdown that produced them."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.PROTECT, related_name="scores"
    )
    week = WeekField(_("week"), help_text=_("The Monday of the ISO week"))
    rubric_version = models.ForeignKey(
        RubricVersion,
        verbose_name=_("rubric version"),
        on_delete=models.PROTECT,
        related_name="scores",
    )
    total = models.DecimalField(_("total"), **POINTS)
    card = models.CharField(_("card"), max_length=10, choices=Card.choices)
    breakdown = BreakdownField(_("breakdown"))
    exempt = models.BooleanField(_("exempt"), default=False)
    scored_at = models.DateTimeField(_("scored at"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("weekly score")
        verbose_name_plural = _("weekly scores")
        ordering = ["project", "-week"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "week"],
                name="score_one_per_project_week",
                violation_error_message=_("This project already has a score for this week."),
            ),
            models.CheckConstraint(
                condition=Q(total__gte=0, total__lte=100),
                name="score_total_range",
                violation_error_message=_("A total must be between 0 and 100."),
            ),
            models.CheckConstraint(
                condition=Q(card__in=Card.values),
                name="score_card_known",
                violation_error_message=_("The card must be blue, yellow or red."),
            ),
            monday_constraint("week", name="score_week_is_monday"),
        ]
        indexes = [models.Index(fields=["week", "card"])]

    def __str__(self) -> str:
        return f"{self.project} {self.week_label} {self.get_card_display()}"

    def get_absolute_url(self) -> str:
        return reverse("scoring:why", args=[self.project_id, self.week_label])

    @property
    def week_label(self) -> str:
        return weeks.week_label(self.week)

    @cached_property
    def result(self) -> ScoreResult:
        return ScoreResult.from_dict(self.breakdown)


class ScoreAdjustment(models.Model):
    """A supervisor's adjustment of a weekly score, with the written reason. Never deleted; the
    latest one of a score is the one in force (points 0 cancels it)."""

    score = models.ForeignKey(
        WeeklyScore, verbose_name=_("score"), on_delete=models.PROTECT, related_name="adjustments"
    )
    points = models.DecimalField(_("points"), **POINTS)
    reason = models.TextField(_("reason"), max_length=2000)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("score adjustment")
        verbose_name_plural = _("score adjustments")
        ordering = ["score", "at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(reason=""),
                name="adjustment_has_reason",
                violation_error_message=_("An adjustment needs a written reason."),
            ),
            models.CheckConstraint(
                condition=Q(points__gte=-100, points__lte=100),
                name="adjustment_points_range",
                violation_error_message=_("An adjustment must be between -100 and 100 points."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.points:+} {self.reason[:40]}"


class ScoringRun(models.Model):
    """The last scoring of a campaign's week: when, under which version, and the card counts.

    One row per (campaign, week), so "which weeks have no scores yet" and "which reports changed
    since the week was scored" are single queries.
    """

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.PROTECT, related_name="+"
    )
    week = WeekField(_("week"))
    rubric_version = models.ForeignKey(
        RubricVersion,
        verbose_name=_("rubric version"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    scored_at = models.DateTimeField(_("scored at"))
    # Any write of the week's scores, a project's rescoring too (scored_at is whole runs only):
    # what the dashboard's cache and ETags are keyed on (dashboard.cache).
    written_at = models.DateTimeField(_("scores written at"), default=timezone.now)
    projects = models.PositiveIntegerField(_("projects"), default=0)
    blue = models.PositiveIntegerField(_("blue"), default=0)
    yellow = models.PositiveIntegerField(_("yellow"), default=0)
    red = models.PositiveIntegerField(_("red"), default=0)

    class Meta:
        verbose_name = _("scoring run")
        verbose_name_plural = _("scoring runs")
        ordering = ["campaign", "-week"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "week"],
                name="run_one_per_campaign_week",
                violation_error_message=_("This week of the campaign already has a run."),
            ),
            monday_constraint("week", name="run_week_is_monday"),
        ]

    def __str__(self) -> str:
        return f"{self.campaign} {weeks.week_label(self.week)}"
