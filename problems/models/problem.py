"""A problem, its append-only log and the evidence attached to its steps."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from accounts.models import Unit
from projects import weeks
from projects.fields import WeekField, monday_constraint
from projects.models import Project

from ..choices import CLOCK_RUNS, OPEN, EventKind, Level, Origin, ProblemCategory, Status
from .routing import Meeting

USER = settings.AUTH_USER_MODEL


class Problem(models.Model):
    """A problem of a project, or an action a meeting decided, on its way to being solved."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.PROTECT, related_name="problems"
    )
    week = WeekField(
        _("week"), null=True, blank=True, help_text=_("The weekly report it was raised from")
    )
    origin = models.CharField(
        _("origin"), max_length=10, choices=Origin.choices, default=Origin.REPORT
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("follows up on"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="follow_ups",
    )
    category = models.CharField(
        pgettext_lazy("problem", "category"), max_length=20, choices=ProblemCategory.choices
    )
    title = models.CharField(_("problem"), max_length=200)
    need = models.TextField(_("what is needed"), max_length=5000)
    needed_by = models.DateField(_("needed by"), null=True, blank=True)
    department = models.ForeignKey(
        Unit,
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="problems_owned",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.UNROUTED
    )
    deadline = models.DateField(_("deadline"))
    step_days = models.PositiveSmallIntegerField(_("days per escalation level"), default=5)
    level = models.PositiveSmallIntegerField(
        _("escalation level"), choices=Level.choices, default=Level.DEPARTMENT
    )
    raised_by = models.ForeignKey(
        USER, verbose_name=_("raised by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("raised at"), default=timezone.now)
    routed_at = models.DateTimeField(_("routed at"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)
    solved_days = models.PositiveIntegerField(_("days to solve"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("problem")
        verbose_name_plural = _("problems")
        ordering = ["deadline", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=Status.UNROUTED) | Q(department__isnull=True),
                name="problem_unrouted_has_no_department",
                violation_error_message=_("A problem awaiting routing has no department."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=[Status.UNROUTED, Status.WITHDRAWN])
                | Q(department__isnull=False),
                name="problem_routed_has_department",
                violation_error_message=_("A routed problem needs its department."),
            ),
            models.CheckConstraint(
                condition=~Q(origin=Origin.MEETING) | Q(meeting__isnull=False),
                name="problem_decision_has_meeting",
                violation_error_message=_("A meeting's decision needs its meeting."),
            ),
            models.CheckConstraint(
                condition=Q(level__gte=0, level__lte=3),
                name="problem_level_range",
                violation_error_message=_("The escalation level must be between 0 and 3."),
            ),
            models.CheckConstraint(
                condition=Q(step_days__gte=1),
                name="problem_step_positive",
                violation_error_message=_("An escalation level lasts at least one day."),
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[Status.CLOSED, Status.WITHDRAWN])
                | Q(closed_at__isnull=False),
                name="problem_closed_has_time",
                violation_error_message=_("A closed problem needs the time it was closed."),
            ),
            monday_constraint("week", name="problem_week_is_monday", null=True),
        ]
        indexes = [
            models.Index(fields=["department", "status", "deadline"]),
            models.Index(fields=["status", "deadline"]),
            models.Index(fields=["project", "status"]),
            # The list's first page in deadline order without sorting every visible row.
            models.Index(fields=["deadline", "id"], name="problem_deadline_idx"),
            # The league's freshness stamp (dashboard.cache.league_stamp): the newest change is
            # read down this index from its end, not by scanning a province's problems.
            models.Index(fields=["updated_at"], name="problem_updated_at_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("problems:detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    @property
    def week_label(self) -> str:
        return weeks.week_label(self.week) if self.week else ""

    def is_overdue(self, today: dt.date) -> bool:
        return self.status in CLOCK_RUNS and self.deadline < today


class ProblemEvent(models.Model):
    """One line of a problem's log: who, when, acting as what, what was said. Append-only."""

    problem = models.ForeignKey(
        Problem, verbose_name=_("problem"), on_delete=models.PROTECT, related_name="events"
    )
    kind = models.CharField(_("what"), max_length=10, choices=EventKind.choices)
    from_status = models.CharField(_("from"), max_length=16, choices=Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=16, choices=Status.choices)
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
    department = models.ForeignKey(
        Unit,
        verbose_name=_("routed to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    level = models.PositiveSmallIntegerField(
        _("escalation level"), choices=Level.choices, null=True, blank=True
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("problem event")
        verbose_name_plural = _("problem events")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["problem", "created_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.created_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        # The log is the proof of who said what: a line once written is never rewritten.
        if self.pk is not None:
            raise ValueError("A problem event is never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("A problem event is never deleted.")


def evidence_path(instance: "EvidenceFile", filename: str) -> str:
    return f"problems/{instance.problem_id}/{filename}"


class EvidenceFile(models.Model):
    """A file attached to a step: the department's evidence, a site photo, a reply."""

    problem = models.ForeignKey(
        Problem, verbose_name=_("problem"), on_delete=models.PROTECT, related_name="files"
    )
    event = models.ForeignKey(
        ProblemEvent, verbose_name=_("step"), on_delete=models.PROTECT, related_name="files"
    )
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=300)
    name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size"))
    uploaded_by = models.ForeignKey(
        USER, verbose_name=_("uploaded by"), on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.name
