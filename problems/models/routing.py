"""The routing table (直通车) and the dispatch meeting."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from accounts.models import Region, Unit

from ..choices import ProblemCategory

USER = settings.AUTH_USER_MODEL


class CategoryRoute(models.Model):
    """The routing table (直通车): which department solves a category of problem in a region."""

    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT)
    category = models.CharField(
        pgettext_lazy("problem", "category"), max_length=20, choices=ProblemCategory.choices
    )
    department = models.ForeignKey(
        Unit,
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="routes",
        limit_choices_to={"is_department": True},
    )
    days_to_solve = models.PositiveSmallIntegerField(
        _("days to solve"), default=10, validators=[MinValueValidator(1), MaxValueValidator(365)]
    )
    escalation_days = models.PositiveSmallIntegerField(
        _("days per escalation level"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
        help_text=_("Empty: the site-wide default"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("category route")
        verbose_name_plural = _("category routes")
        ordering = ["region", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "category"],
                name="route_one_per_region_category",
                violation_error_message=_("The region already routes this category."),
            ),
            models.CheckConstraint(
                condition=Q(days_to_solve__gte=1),
                name="route_days_positive",
                violation_error_message=_("A department needs at least one day."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()} → {self.department}"


class Meeting(models.Model):
    """A biweekly dispatch meeting (半月调度会商) as held: when, who, what was said."""

    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT)
    held_on = models.DateField(_("held on"))
    attendees = models.TextField(_("attendees"), max_length=2000)
    notes = models.TextField(_("notes"), blank=True, max_length=20000)
    agenda = models.ManyToManyField(
        "problems.Problem",
        verbose_name=_("problems discussed"),
        blank=True,
        related_name="meetings",
    )
    recorded_by = models.ForeignKey(
        USER, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("dispatch meeting")
        verbose_name_plural = _("dispatch meetings")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return _("Dispatch meeting of %(date)s") % {"date": self.held_on.isoformat()}

    def get_absolute_url(self) -> str:
        return reverse("problems:meeting", args=[self.pk])
