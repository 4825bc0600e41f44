"""Every register import is kept (who, when, which file, what it did), and a district's column
mapping can be kept as its template for next year."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Region
from config.colours import ColouredChoices
from projects.models import MONEY, Campaign


class ImportMapping(models.Model):
    """A district's register template: which header means which field, and the fill options."""

    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.CASCADE)
    name = models.CharField(_("name"), max_length=60)
    columns = models.JSONField(_("columns"), default=dict, help_text=_("header → field"))
    options = models.JSONField(_("options"), default=dict, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("saved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("saved at"), auto_now=True)

    class Meta:
        verbose_name = _("import template")
        verbose_name_plural = _("import templates")
        ordering = ["region", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "name"],
                name="mapping_unique_name_in_region",
                violation_error_message=_("The region already has a template with this name."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class ImportStatus(ColouredChoices):
    QUEUED = "queued", "grey", _("Queued")
    PARSING = "parsing", "grey", _("Reading")
    READY = "ready", "blue", _("Ready to confirm")
    FAILED = "failed", "red", _("Refused")
    CONFIRMED = "confirmed", "green", _("Imported")
    UNDONE = "undone", "orange", _("Undone")


def import_path(instance: "ImportRun", filename: str) -> str:
    return f"imports/{instance.campaign.year}/{filename}"


class ImportRun(models.Model):
    """One upload of a register workbook: read (in the worker when large), previewed, and
    confirmed or left; the last confirmed one can be undone. Nothing is written to the register
    before confirmation."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="imports"
    )
    file = models.FileField(_("file"), upload_to=import_path)
    file_name = models.CharField(_("file name"), max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    error = models.TextField(_("why it was refused"), blank=True)
    template = models.ForeignKey(
        ImportMapping,
        verbose_name=_("template"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    mapping = models.JSONField(_("mapping"), default=dict, blank=True)
    options = models.JSONField(_("options"), default=dict, blank=True)
    parsed = models.JSONField(_("parsed sheet"), null=True, blank=True)
    # The preview as drawn when the sheet was read; confirming computes it again.
    preview = models.JSONField(_("preview"), null=True, blank=True)
    created = models.PositiveIntegerField(_("new"), default=0)
    updated = models.PositiveIntegerField(_("changed"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    skipped = models.PositiveIntegerField(_("skipped rows"), default=0)
    errors = models.PositiveIntegerField(_("rows with errors"), default=0)
    annual_total = models.DecimalField(_("annual plan (10k yuan)"), **MONEY, default=0)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # What confirming wrote, so that undoing puts back exactly what was there before.
    undo = models.JSONField(_("undo record"), null=True, blank=True)
    undone_at = models.DateTimeField(_("undone at"), null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("undone by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("register import")
        verbose_name_plural = _("register imports")
        ordering = ["-uploaded_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__lte=100),
                name="import_progress_percent",
                violation_error_message=_("Progress is a percentage."),
            ),
            models.CheckConstraint(
                condition=~Q(status="confirmed") | Q(confirmed_at__isnull=False),
                name="import_confirmed_has_time",
                violation_error_message=_("A confirmed import needs its time."),
            ),
        ]
        indexes = [models.Index(fields=["campaign", "status"])]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def is_busy(self) -> bool:
        return self.status in (ImportStatus.QUEUED, ImportStatus.PARSING)
