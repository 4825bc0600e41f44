"""A leader's instruction (批示) and, per named unit, its answer. Nothing is deleted."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import Region, Unit

USER = settings.AUTH_USER_MODEL


class Instruction(models.Model):
    """批示: written by a leader or a manager on one bulletin, notice or project."""

    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT)
    author = models.ForeignKey(
        USER, verbose_name=_("written by"), on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(_("instruction"), max_length=2000)
    created_at = models.DateTimeField(_("written at"), default=timezone.now)
    report = models.ForeignKey(
        "reports.Report",
        verbose_name=_("bulletin"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="instructions",
    )
    notice = models.ForeignKey(
        "escalation.SupervisionNotice",
        verbose_name=_("notice"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="instructions",
    )
    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="instructions",
    )
    answered_at = models.DateTimeField(
        _("answered by every unit at"), null=True, blank=True, help_text=_("Empty: still open")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("instruction")
        verbose_name_plural = _("instructions")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(report__isnull=False, notice__isnull=True, project__isnull=True)
                    | Q(report__isnull=True, notice__isnull=False, project__isnull=True)
                    | Q(report__isnull=True, notice__isnull=True, project__isnull=False)
                ),
                name="instruction_on_one_thing",
                violation_error_message=_("An instruction is on one bulletin, notice or project."),
            ),
            models.CheckConstraint(
                condition=~Q(text=""),
                name="instruction_has_text",
                violation_error_message=_("Write the instruction."),
            ),
        ]
        indexes = [models.Index(fields=["region", "answered_at"])]

    def __str__(self) -> str:
        return self.text[:40]

    def get_absolute_url(self) -> str:
        return reverse("instructions:detail", args=[self.pk])

    @property
    def on(self):
        return self.report or self.notice or self.project

    @property
    def is_open(self) -> bool:
        return self.answered_at is None


class Addressee(models.Model):
    """A unit an instruction names, and its written answer."""

    instruction = models.ForeignKey(
        Instruction,
        verbose_name=_("instruction"),
        on_delete=models.PROTECT,
        related_name="addressees",
    )
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT)
    answer = models.TextField(_("answer"), max_length=5000, blank=True)
    answered_by = models.ForeignKey(
        USER,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("addressee")
        verbose_name_plural = _("addressees")
        ordering = ["instruction", "unit__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["instruction", "unit"],
                name="addressee_once_per_instruction",
                violation_error_message=_("The instruction already names this unit."),
            ),
            models.CheckConstraint(
                condition=Q(answered_at__isnull=True) | ~Q(answer=""),
                name="addressee_answer_has_text",
                violation_error_message=_("An answer needs its text."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.instruction} → {self.unit}"
