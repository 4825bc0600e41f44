"""What a supervisor decides about a project: exemptions and the findings on flagged reports."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from projects import weeks
from projects.models import Project

from ..choices import ExemptionKind, FlagKey, FlagStatus
from .fields import monday_check


class Exemption(models.Model):
    """An approved exemption (force majeure, paused by decision): the project is shown exempt
    and stays out of the red list for the weeks it covers."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.PROTECT, related_name="exemptions"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ExemptionKind.choices)
    reason = models.TextField(_("reason"))
    starts = models.DateField(_("starts"))
    ends = models.DateField(_("ends"))
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("exemption")
        verbose_name_plural = _("exemptions")
        ordering = ["project", "-starts"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends__gte=models.F("starts")),
                name="exemption_ends_after_start",
                violation_error_message=_("An exemption cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=~Q(reason=""),
                name="exemption_has_reason",
                violation_error_message=_("An exemption needs its reason."),
            ),
            models.CheckConstraint(
                condition=Q(approved_by__isnull=True, approved_at__isnull=True)
                | Q(approved_by__isnull=False, approved_at__isnull=False),
                name="exemption_approval_complete",
                violation_error_message=_("An approval needs both the approver and the date."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.starts:%Y-%m-%d}–{self.ends:%Y-%m-%d}"


class ReportFlag(models.Model):
    """A suspicion about a project's weekly report, for the supervisor to confirm or dismiss."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.PROTECT, related_name="flags"
    )
    week = models.DateField(_("week"))
    key = models.CharField(_("check"), max_length=20, choices=FlagKey.choices)
    evidence = models.TextField(_("evidence"))
    status = models.CharField(
        _("status"), max_length=12, choices=FlagStatus.choices, default=FlagStatus.OPEN
    )
    finding = models.TextField(_("finding"), blank=True)
    found_at = models.DateTimeField(_("found at"), default=timezone.now)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    class Meta:
        verbose_name = _("report flag")
        verbose_name_plural = _("report flags")
        ordering = ["-week", "project"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "week", "key"],
                name="flag_once_per_project_week",
                violation_error_message=_("This check already flagged the project this week."),
            ),
            models.CheckConstraint(
                condition=Q(status=FlagStatus.OPEN) | ~Q(finding=""),
                name="flag_resolution_has_finding",
                violation_error_message=_("A confirmed or dismissed flag needs the finding."),
            ),
            monday_check("flag_week_is_monday"),
        ]
        indexes = [models.Index(fields=["status", "week"])]

    def __str__(self) -> str:
        return f"{self.project} {weeks.week_label(self.week)} {self.get_key_display()}"

    def get_absolute_url(self) -> str:
        return reverse("scoring:flag", args=[self.pk])

    @property
    def week_label(self) -> str:
        return weeks.week_label(self.week)
