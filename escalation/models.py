"""Supervision notices, interviews and accountability records. Nothing is deleted; each keeps
its history with who, when and why."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from projects import weeks
from projects.models import Campaign, Project


class NoticeStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class InterviewStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    SCHEDULED = "scheduled", _("Scheduled")
    HELD = "held", _("Held")


class SupervisionNotice(models.Model):
    """督办单: opened to the responsible unit after consecutive red weeks, with a deadline."""

    campaign = models.ForeignKey(Campaign, verbose_name=_("campaign"), on_delete=models.PROTECT)
    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.PROTECT, related_name="notices"
    )
    number = models.PositiveIntegerField(_("number"))
    opened_week = models.DateField(_("opened after week"))
    opened_total = models.DecimalField(_("score when opened"), max_digits=5, decimal_places=2)
    reason = models.TextField(_("reason"))
    opened_at = models.DateTimeField(_("opened at"))
    deadline = models.DateField(_("deadline"))
    status = models.CharField(
        _("status"), max_length=10, choices=NoticeStatus.choices, default=NoticeStatus.OPEN
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    close_reason = models.TextField(_("why closed"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("supervision notice")
        verbose_name_plural = _("supervision notices")
        ordering = ["-opened_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "number"],
                name="notice_number_unique_in_campaign",
                violation_error_message=_("The campaign already has a notice with this number."),
            ),
            models.UniqueConstraint(
                fields=["project"],
                condition=Q(status=NoticeStatus.OPEN),
                name="notice_one_open_per_project",
                violation_error_message=_("The project already has an open notice."),
            ),
            models.CheckConstraint(
                condition=Q(status=NoticeStatus.OPEN) | Q(closed_on__isnull=False),
                name="notice_closed_has_date",
                violation_error_message=_("A closed notice needs its closing date."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("escalation:notice", args=[self.pk])

    @property
    def title(self) -> str:
        return _("Supervision notice %(year)s No. %(number)d") % {
            "year": self.campaign.year,
            "number": self.number,
        }

    @property
    def opened_week_label(self) -> str:
        return weeks.week_label(self.opened_week)


class Interview(models.Model):
    """约谈: proposed when a notice passes its deadline without clear progress; a supervisor
    schedules it and records what was said."""

    notice = models.OneToOneField(
        SupervisionNotice,
        verbose_name=_("notice"),
        on_delete=models.PROTECT,
        related_name="interview",
    )
    proposed_at = models.DateTimeField(_("proposed at"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=InterviewStatus.choices,
        default=InterviewStatus.PROPOSED,
    )
    person = models.CharField(_("person interviewed"), max_length=100, blank=True)
    scheduled_for = models.DateTimeField(_("scheduled for"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    record = models.TextField(_("record"), blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")
        ordering = ["-proposed_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=InterviewStatus.PROPOSED) | Q(scheduled_for__isnull=False),
                name="interview_scheduled_has_time",
                violation_error_message=_("A scheduled interview needs its time."),
            ),
            models.CheckConstraint(
                condition=~Q(status=InterviewStatus.HELD) | ~Q(record=""),
                name="interview_held_has_record",
                violation_error_message=_("A held interview needs its record."),
            ),
        ]

    def __str__(self) -> str:
        return _("Interview on %(notice)s") % {"notice": self.notice}


class Accountability(models.Model):
    """问责: recorded by a supervisor, never decided by a rule."""

    project = models.ForeignKey(
        Project,
        verbose_name=_("project"),
        on_delete=models.PROTECT,
        related_name="accountabilities",
    )
    notice = models.ForeignKey(
        SupervisionNotice,
        verbose_name=_("notice"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="accountabilities",
    )
    decided_on = models.DateField(_("decided on"))
    person = models.CharField(_("person held accountable"), max_length=100)
    measure = models.CharField(_("measure"), max_length=200)
    reason = models.TextField(_("reason"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("accountability")
        verbose_name_plural = _("accountability records")
        ordering = ["-decided_on"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(reason="") & ~Q(measure=""),
                name="accountability_has_reason_and_measure",
                violation_error_message=_("Accountability needs the measure and its reason."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.decided_on} {self.measure}"
