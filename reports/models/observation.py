"""Half-year observation rounds (半年观摩): inspectors score each project on site, 0 to 100,
with a commentary. Every change of a score is kept (django-simple-history)."""

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

from ..choices import RoundStatus

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
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("observation round")
        verbose_name_plural = _("observation rounds")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("reports:round", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status == RoundStatus.OPEN


class ObservationScore(models.Model):
    """One inspector's on-site score of one project in a round."""

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
    commentary = models.TextField(_("commentary"), blank=True)
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
