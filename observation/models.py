"""Half-year observation rounds (半年观摩): inspectors score each project on site against the
round's criteria (建设进度, 投资强度 … each worth its points, 100 in all), with a commentary.
An inspector's sheet totals its criteria; the sheets of a project are combined by the round's
rule (``observation.rules``). A round from before the criteria has one 0–100 score per
sheet. Every change of a score is kept (django-simple-history)."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from projects.models import Campaign, Project

from .choices import RoundStatus

USER = settings.AUTH_USER_MODEL


class ObservationRound(models.Model):
    """One on-site observation round of a campaign, open while inspectors score."""

    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("campaign"),
        on_delete=models.PROTECT,
        related_name="observation_rounds",
    )
    name = models.CharField(_("name"), max_length=100)
    held_on = models.DateField(_("held on"))
    status = models.CharField(
        _("status"), max_length=10, choices=RoundStatus.choices, default=RoundStatus.OPEN
    )
    created_by = models.ForeignKey(
        USER,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    # When the scores became final: scoring rescores the weeks a later closing changes.
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    drop_extremes = models.BooleanField(
        _("leave out the highest and the lowest sheet"),
        default=True,
        help_text=_("With five or more inspectors, as juries do (去掉一个最高分和一个最低分)."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("observation round")
        verbose_name_plural = _("observation rounds")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("observation:round", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status == RoundStatus.OPEN


class ObservationCriterion(models.Model):
    """One criterion of a round's sheet and the points it is worth; a round's criteria add up
    to 100. Fixed once the first sheet is in: every sheet of a round is scored alike."""

    round = models.ForeignKey(
        ObservationRound,
        verbose_name=_("round"),
        on_delete=models.CASCADE,
        related_name="criteria",
    )
    name = models.CharField(_("criterion"), max_length=40)
    points = models.DecimalField(
        _("points"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal(100))],
    )
    guidance = models.CharField(_("what to look at"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("observation criterion")
        verbose_name_plural = _("observation criteria")
        ordering = ["round", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "name"],
                name="criterion_unique_name_in_round",
                violation_error_message=_("The round already has a criterion of this name."),
            ),
            models.CheckConstraint(
                condition=Q(points__gt=0, points__lte=100),
                name="criterion_points_range",
                violation_error_message=_("A criterion is worth more than 0 and at most 100."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.points.normalize():f}分）"


class ObservationScore(models.Model):
    """One inspector's on-site sheet of one project in a round: the total of its criteria
    (``score``, 0 to 100) and a commentary."""

    round = models.ForeignKey(
        ObservationRound, verbose_name=_("round"), on_delete=models.PROTECT, related_name="scores"
    )
    project = models.ForeignKey(
        Project,
        verbose_name=_("project"),
        on_delete=models.PROTECT,
        related_name="observation_scores",
    )
    inspector = models.ForeignKey(
        USER, verbose_name=_("inspector"), on_delete=models.PROTECT, related_name="+"
    )
    score = models.DecimalField(
        _("score"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )
    commentary = models.TextField(_("commentary"), blank=True, max_length=2000)
    scored_at = models.DateTimeField(_("scored at"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("observation score")
        verbose_name_plural = _("observation scores")
        ordering = ["round", "project", "inspector"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "project", "inspector"],
                name="observation_once_per_inspector",
                violation_error_message=_("You have already scored this project in this round."),
            ),
            models.CheckConstraint(
                condition=Q(score__gte=0, score__lte=100),
                name="observation_score_range",
                violation_error_message=_("A score must be between 0 and 100."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.score}"


class CriterionScore(models.Model):
    """The points an inspector gave one criterion on a sheet (0 up to the criterion's)."""

    sheet = models.ForeignKey(
        ObservationScore, verbose_name=_("sheet"), on_delete=models.CASCADE, related_name="marks"
    )
    criterion = models.ForeignKey(
        ObservationCriterion,
        verbose_name=_("criterion"),
        on_delete=models.PROTECT,
        related_name="marks",
    )
    points = models.DecimalField(
        _("points"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("criterion score")
        verbose_name_plural = _("criterion scores")
        ordering = ["sheet", "criterion__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["sheet", "criterion"],
                name="criterion_once_per_sheet",
                violation_error_message=_("This criterion is already scored on the sheet."),
            ),
            models.CheckConstraint(
                condition=Q(points__gte=0, points__lte=100),
                name="criterion_score_range",
                violation_error_message=_("Points must be between 0 and the criterion's."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion.name} {self.points}"
