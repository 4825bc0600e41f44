"""Supervision notices, interviews and accountability records. Nothing is deleted; each keeps
its history with who, when and why, and a notice keeps its own log of every step
(``NoticeEvent``): issued, signed for, answered, returned, accepted, climbed, interviewed,
held accountable, each document issued."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from projects import weeks
from projects.fields import WeekField, monday_constraint
from projects.models import Campaign, Project

from .choices import InterviewStatus, NoticeStatus

USER = settings.AUTH_USER_MODEL
# The levels a notice climbs, as an overdue problem does (problems.choices.Level).
LEVELS = [
    (0, _("Department")),
    (1, _("Department head")),
    (2, _("Responsible leader")),
    (3, _("Dispatch meeting")),
]


def notice_title(doc_number: str, year: int, number: int) -> str:
    """A notice's title: its document number once it has one (a plain row of the 批示 list)."""
    if doc_number:
        return _("Supervision notice %(number)s") % {"number": doc_number}
    return _("Supervision notice %(year)s No. %(number)d") % {"year": year, "number": number}


class SupervisionNotice(models.Model):
    """督办单: opened to the responsible unit after consecutive red weeks, with a deadline."""

    campaign = models.ForeignKey(Campaign, verbose_name=_("campaign"), on_delete=models.PROTECT)
    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.PROTECT, related_name="notices"
    )
    number = models.PositiveIntegerField(_("number"))
    doc_number = models.CharField(
        _("document number"), max_length=40, blank=True, help_text=_("Of its 督办通知书")
    )
    opened_week = WeekField(_("opened after week"))
    opened_total = models.DecimalField(_("score when opened"), max_digits=5, decimal_places=2)
    reason = models.TextField(_("reason"), max_length=2000)
    opened_at = models.DateTimeField(_("opened at"))
    sign_deadline = models.DateField(_("to be signed for by"))
    deadline = models.DateField(_("deadline"), help_text=_("The unit's written answer is due"))
    status = models.CharField(
        _("status"), max_length=10, choices=NoticeStatus.choices, default=NoticeStatus.ISSUED
    )
    signed_at = models.DateTimeField(_("signed for at"), null=True, blank=True)
    signed_by = models.ForeignKey(
        USER,
        verbose_name=_("signed for by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    # How far the notice has climbed past the deadline it is waiting on (problems.choices.Level).
    level = models.PositiveSmallIntegerField(_("escalation level"), default=0)
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    close_reason = models.TextField(_("why closed"), blank=True, max_length=2000)
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
                condition=~Q(status=NoticeStatus.CLOSED),
                name="notice_one_open_per_project",
                violation_error_message=_("The project already has an open notice."),
            ),
            models.CheckConstraint(
                condition=~Q(status=NoticeStatus.CLOSED) | Q(closed_on__isnull=False),
                name="notice_closed_has_date",
                violation_error_message=_("A closed notice needs its closing date."),
            ),
            models.CheckConstraint(
                condition=Q(status=NoticeStatus.ISSUED)
                | Q(closed_on__isnull=False)
                | Q(signed_at__isnull=False),
                name="notice_signed_has_time",
                violation_error_message=_("A notice past issue needs the time it was signed for."),
            ),
            models.CheckConstraint(
                condition=Q(level__gte=0, level__lte=3),
                name="notice_level_range",
                violation_error_message=_("The escalation level must be between 0 and 3."),
            ),
            monday_constraint("opened_week", name="notice_opened_week_is_monday"),
        ]
        indexes = [models.Index(fields=["status", "deadline"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("escalation:notice", args=[self.pk])

    @property
    def title(self) -> str:
        return notice_title(self.doc_number, self.campaign.year, self.number)

    @property
    def opened_week_label(self) -> str:
        return weeks.week_label(self.opened_week)

    @property
    def is_open(self) -> bool:
        return self.status != NoticeStatus.CLOSED

    @property
    def level_label(self) -> str:
        """How far it has climbed, in the problems' words: the unit's head … the meeting."""
        from problems.choices import Level

        return Level(self.level).label

    @property
    def due(self):
        """The day the notice is waiting on: signature while issued, the answer while signed
        or returned; None while the supervisor reviews an answer or once it is closed."""
        if self.status == NoticeStatus.ISSUED:
            return self.sign_deadline
        if self.status in (NoticeStatus.SIGNED, NoticeStatus.RETURNED):
            return self.deadline
        return None


class EventKind(models.TextChoices):
    """What a line of a notice's log records."""

    ISSUE = "issue", _("Issued")
    SIGN = "sign", _("Signed for")
    ANSWER = "answer", pgettext_lazy("notice event", "Answered")
    RETURN = "return", _("Returned")
    ACCEPT = "accept", _("Accepted and closed")
    CLOSE = "close", pgettext_lazy("notice event", "Closed")
    ESCALATE = "escalate", pgettext_lazy("notice event", "Escalated")
    PROPOSE = "propose", _("Interview proposed")
    SCHEDULE = "schedule", _("Interview scheduled")
    HOLD = "hold", _("Interview held")
    ACCOUNT = "account", _("Accountability recorded")


class NoticeEvent(models.Model):
    """One line of a notice's log: who, when, acting as what, what was said. Append-only."""

    notice = models.ForeignKey(
        SupervisionNotice, verbose_name=_("notice"), on_delete=models.PROTECT, related_name="events"
    )
    kind = models.CharField(_("what"), max_length=10, choices=EventKind.choices)
    from_status = models.CharField(
        _("from"), max_length=10, choices=NoticeStatus.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=10, choices=NoticeStatus.choices)
    actor = models.ForeignKey(
        USER,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty: the system"),
    )
    acting_as = models.CharField(_("acting as"), max_length=12, blank=True)
    text = models.TextField(_("what was said"), blank=True, max_length=5000)
    level = models.PositiveSmallIntegerField(
        _("escalation level"), choices=LEVELS, null=True, blank=True
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("notice event")
        verbose_name_plural = _("notice events")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["notice", "created_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.created_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        # The log is the proof of who did what: a line once written is never rewritten.
        if self.pk is not None:
            raise ValueError("A notice event is never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("A notice event is never deleted.")


def notice_file_path(instance: "NoticeFile", filename: str) -> str:
    return f"notices/{instance.notice_id}/{filename}"


class NoticeFile(models.Model):
    """Evidence attached to the unit's answer: scans, photos, documents."""

    notice = models.ForeignKey(
        SupervisionNotice, verbose_name=_("notice"), on_delete=models.PROTECT, related_name="files"
    )
    event = models.ForeignKey(
        NoticeEvent, verbose_name=_("step"), on_delete=models.PROTECT, related_name="files"
    )
    file = models.FileField(_("file"), upload_to=notice_file_path, max_length=300)
    name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size"))
    uploaded_by = models.ForeignKey(
        USER, verbose_name=_("uploaded by"), on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("notice file")
        verbose_name_plural = _("notice files")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.name


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
    record = models.TextField(_("record"), blank=True, max_length=10000)
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
    reason = models.TextField(_("reason"), max_length=2000)
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
