"""Report runs, rebuild requests, reporters' reminders and the distribution lists.

Exactly-once lives in the database: one report per (campaign, kind, period, revision); one
reminder per (campaign, unit, week); the messages of a period are keyed uniquely in the outbox
(``reports.delivery``), so a recipient gets one per period unless a supervisor asks for a resend.
"""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Region, Unit
from projects.fields import WeekField, monday_constraint
from projects.models import Campaign

from ..choices import KIND_TITLES, ReportKind, ReportStatus, report_name

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
        return report_name(self.kind, self.period, self.revision)

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


class Rebuild(models.Model):
    """A supervisor's request for a new revision of a report's period, kept until it is built:
    a broker that is down when the button is pressed delays the build (the hourly job picks the
    request up) and loses nothing. The form's token makes a double click one request."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting")
        BUILDING = "building", _("Being built")
        DONE = "done", _("Built")
        FAILED = "failed", _("Failed")

    report = models.ForeignKey(
        Report, verbose_name=_("report"), on_delete=models.PROTECT, related_name="rebuilds"
    )
    token = models.CharField(_("form token"), max_length=40, unique=True)
    reason = models.TextField(_("reason for this revision"), max_length=1000)
    send = models.BooleanField(_("send the new revision"), default=False)
    requested_by = models.ForeignKey(
        USER, verbose_name=_("requested by"), on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PENDING
    )
    claimed_at = models.DateTimeField(null=True, blank=True)
    built = models.ForeignKey(
        Report,
        verbose_name=_("new revision"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("rebuild request")
        verbose_name_plural = _("rebuild requests")
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"{self.report} ← {self.reason[:30]}"


class Reminder(models.Model):
    """A reminder to a unit whose weekly reports are still missing before the deadline; at
    most one per unit and week (its messages are in the outbox, ``ref`` "reminder:<id>")."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT)
    week = WeekField(_("week"))
    missing = models.PositiveIntegerField(_("projects missing"), default=0)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

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
            monday_constraint("week", name="reminder_week_is_monday"),
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
