"""What a supervisor decides about a project: exemptions and the findings on flagged reports."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from projects import weeks
from projects.fields import WeekField, monday_constraint
from projects.models import Project

from ..choices import ExemptionKind, FlagKey, FlagStatus


class Exemption(models.Model):
    """An approved exemption (force majeure, paused by decision): the project is shown exempt
    and stays out of the red list for the weeks it covers."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.PROTECT, related_name="exemptions"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ExemptionKind.choices)
    reason = models.TextField(_("reason"), max_length=2000)
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
    revoked_from = models.DateField(_("no longer exempt from"), null=True, blank=True)
    revoked_reason = models.TextField(_("reason for revoking"), blank=True, max_length=2000)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
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
            models.CheckConstraint(
                condition=Q(
                    revoked_from__isnull=True,
                    revoked_by__isnull=True,
                    revoked_at__isnull=True,
                    revoked_reason="",
                )
                | (
                    Q(
                        revoked_from__isnull=False,
                        revoked_by__isnull=False,
                        revoked_at__isnull=False,
                    )
                    & ~Q(revoked_reason="")
                ),
                name="exemption_revocation_complete",
                violation_error_message=_(
                    "A revocation needs its date, its reason, who revoked it and when."
                ),
            ),
            models.CheckConstraint(
                condition=Q(revoked_from__isnull=True)
                | Q(revoked_from__gte=models.F("starts"), revoked_from__lte=models.F("ends")),
                name="exemption_revoked_within_its_dates",
                violation_error_message=_("An exemption is revoked from a day it covers."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.starts:%Y-%m-%d}–{self.ends:%Y-%m-%d}"

    @staticmethod
    def covering(week) -> Q:
        """The exemptions in force for the week of Monday ``week``: approved, covering one of
        its days, and not revoked before that week ends."""
        sunday = week + dt.timedelta(days=6)
        return Q(approved_at__isnull=False, starts__lte=sunday, ends__gte=week) & (
            Q(revoked_from__isnull=True) | Q(revoked_from__gt=week)
        )

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def last_day(self):
        """The last day the exemption holds: its end, or the day before it was revoked."""
        if self.revoked_from is None:
            return self.ends
        return self.revoked_from - dt.timedelta(days=1)


class ReportFlag(models.Model):
    """A suspicion about a project's weekly reports, for the supervisor to confirm or dismiss.

    One flag follows a suspicion for as long as it continues: raised in ``week``, found again
    each week up to ``last_week``. A supervisor's finding holds while it continues (a dismissed
    "no photo" is not raised again next week); a new flag is raised only when it comes back
    after a week without it. Every finding is kept with who, when and why (its history)."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.PROTECT, related_name="flags"
    )
    week = WeekField(_("week"))
    last_week = WeekField(_("last found in week"))
    key = models.CharField(_("check"), max_length=20, choices=FlagKey.choices)
    evidence = models.TextField(_("evidence"))
    status = models.CharField(
        _("status"), max_length=12, choices=FlagStatus.choices, default=FlagStatus.OPEN
    )
    finding = models.TextField(_("finding"), blank=True, max_length=4000)
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
    history = HistoricalRecords(excluded_fields=["evidence", "last_week"])

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
            monday_constraint("week", name="flag_week_is_monday"),
            monday_constraint("last_week", name="flag_last_week_is_monday"),
            models.CheckConstraint(
                condition=Q(last_week__gte=models.F("week")),
                name="flag_last_week_not_before_week",
                violation_error_message=_("A flag cannot be last found before it was raised."),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "week"]),
            models.Index(fields=["project", "key", "last_week"]),
        ]

    def __str__(self) -> str:
        return f"{self.project} {weeks.week_label(self.week)} {self.get_key_display()}"

    def get_absolute_url(self) -> str:
        return reverse("scoring:flag", args=[self.pk])

    @property
    def week_label(self) -> str:
        return weeks.week_label(self.week)

    @property
    def span_label(self) -> str:
        """The weeks the suspicion ran: 2026-W44 or 2026-W44 – 2026-W47."""
        if self.last_week == self.week:
            return self.week_label
        return f"{self.week_label} – {weeks.week_label(self.last_week)}"

    @property
    def last_week_label(self) -> str:
        return weeks.week_label(self.last_week)
