"""Report runs, their deliveries, reporters' reminders and the distribution lists.

Exactly-once lives here, in the database: one report per (campaign, kind, period, revision);
one delivery per (campaign, kind, period, recipient, resend number), so a recipient gets one
e-mail per period unless a supervisor asks for a resend; one reminder per (campaign, unit, week).
A send is claimed by a conditional UPDATE from READY to SENDING, so two workers never both send.
"""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Region, Unit
from projects.models import Campaign

from ..choices import KIND_TITLES, DeliveryStatus, ReportKind, ReportStatus

USER = settings.AUTH_USER_MODEL


def report_file_path(instance: "Report", filename: str) -> str:
    return f"reports/{instance.campaign.year}/{instance.kind}/{filename}"


class Report(models.Model):
    """One built report: the frozen snapshot of its period and the files rendered from it.

    Never changed once built: a correction is a new row with the next revision number.
    """

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.PROTECT, related_name="reports"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=ReportKind.choices)
    period = models.CharField(_("period"), max_length=20)
    period_start = models.DateField(_("period starts"))
    period_end = models.DateField(_("period ends"))
    revision = models.PositiveSmallIntegerField(_("revision"), default=1)
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.PUBLISHED
    )
    reason = models.TextField(_("reason for this revision"), blank=True)
    snapshot = models.JSONField(_("snapshot"), encoder=DjangoJSONEncoder)
    pdf = models.FileField(_("PDF"), upload_to=report_file_path, max_length=200, blank=True)
    xlsx = models.FileField(_("Excel"), upload_to=report_file_path, max_length=200, blank=True)
    built_at = models.DateTimeField(_("published at"), default=timezone.now)
    built_by = models.ForeignKey(
        USER,
        verbose_name=_("built by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty: the schedule"),
    )
    build_seconds = models.DecimalField(
        _("build time (s)"), max_digits=7, decimal_places=2, null=True, blank=True
    )

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-period_end", "kind", "-revision"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "kind", "period", "revision"],
                name="report_once_per_period_revision",
                violation_error_message=_("This period already has a report of this revision."),
            ),
            models.CheckConstraint(
                condition=Q(revision__gte=1),
                name="report_revision_positive",
                violation_error_message=_("Revisions are numbered from 1."),
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="report_period_ordered",
                violation_error_message=_("A period cannot end before it starts."),
            ),
        ]
        indexes = [models.Index(fields=["kind", "period_end"])]

    def __str__(self) -> str:
        return f"{self.title} {self.period} r{self.revision}"

    def get_absolute_url(self) -> str:
        return reverse("reports:detail", args=[self.pk])

    @property
    def title(self) -> str:
        return KIND_TITLES.get(self.kind, self.kind)

    @property
    def file_stem(self) -> str:
        """寒亭区-每月通报-2026-11-r1: a file name a person recognises in a mail client."""
        period = self.period.replace("/", "-")
        return f"{self.campaign.region.name}-{self.title}-{period}-r{self.revision}"


class Delivery(models.Model):
    """One e-mail of a report to one recipient. ``resend`` 0 is the scheduled send; a
    supervisor's resend gets the next number, so the unique constraint still holds."""

    report = models.ForeignKey(
        Report, verbose_name=_("report"), on_delete=models.PROTECT, related_name="deliveries"
    )
    # The period's identity, copied from the report so the constraint spans its revisions.
    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=ReportKind.choices)
    period = models.CharField(_("period"), max_length=20)
    email = models.EmailField(_("recipient"))
    resend = models.PositiveSmallIntegerField(_("resend"), default=0)
    status = models.CharField(
        _("status"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.READY
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    requested_by = models.ForeignKey(
        USER,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["report", "resend", "email"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "kind", "period", "email", "resend"],
                name="delivery_once_per_period_recipient",
                violation_error_message=_("This recipient already has this period's report."),
            ),
        ]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.email} {self.period}"


class Reminder(models.Model):
    """A reminder to a unit whose weekly reports are still missing before the deadline; at
    most one per unit and week."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT)
    week = models.DateField(_("week"))
    missing = models.PositiveIntegerField(_("projects missing"), default=0)
    recipients = models.TextField(_("recipients"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.READY
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-week", "unit"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "unit", "week"],
                name="reminder_once_per_unit_week",
                violation_error_message=_("The unit was already reminded of this week."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.week:%Y-%m-%d}"


class DistributionList(models.Model):
    """Who receives a kind of report in a region: listed addresses plus, when ticked, every
    active supervisor, manager or responsible leader of the region with an e-mail address."""

    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT)
    kind = models.CharField(_("kind"), max_length=12, choices=ReportKind.choices)
    emails = models.TextField(_("addresses"), blank=True, help_text=_("One address per line"))
    to_supervisors = models.BooleanField(_("all supervisors"), default=True)
    to_managers = models.BooleanField(_("all managers"), default=True)
    to_leaders = models.BooleanField(_("all responsible leaders"), default=False)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("distribution list")
        verbose_name_plural = _("distribution lists")
        ordering = ["region", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "kind"],
                name="distribution_one_per_region_kind",
                violation_error_message=_("The region already has a list for this kind."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.region} {self.get_kind_display()}"

    @property
    def addresses(self) -> list[str]:
        return [
            line.strip() for line in self.emails.replace(",", "\n").splitlines() if line.strip()
        ]
