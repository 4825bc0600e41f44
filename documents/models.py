"""Issued documents and the counters their numbers come from.

A ``Document`` is frozen: its number, title, addressee and every figure of its body are stored
the day it is issued (``content``), and its PDF and Word files are drawn from that alone, so a
notice printed next year says what it said when it was issued.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Region


class DocumentKind(models.TextChoices):
    NOTICE = "notice", _("Supervision notice (督办通知书)")
    INTERVIEW = "interview", _("Interview notice (约谈通知书)")
    ACCOUNTABILITY = "account", _("Accountability proposal (问责建议)")
    BULLETIN = "bulletin", _("Bulletin (通报)")


# The character of each kind in the number: 寒重督〔2026〕12号, 寒重约〔2026〕3号 …
KIND_CODES: dict[str, str] = {
    DocumentKind.NOTICE: "督",
    DocumentKind.INTERVIEW: "约",
    DocumentKind.ACCOUNTABILITY: "问",
    DocumentKind.BULLETIN: "通",
}


class Counter(models.Model):
    """The last number issued of a kind in a region and year. Taken under a row lock in the
    transaction that stores the document, so numbers never repeat, and never skip: a document
    that fails to be stored gives its number back with the rollback."""

    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT)
    kind = models.CharField(_("kind"), max_length=10, choices=DocumentKind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    last = models.PositiveIntegerField(_("last number issued"), default=0)

    class Meta:
        verbose_name = _("document counter")
        verbose_name_plural = _("document counters")
        ordering = ["region", "year", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "kind", "year"],
                name="counter_one_per_region_kind_year",
                violation_error_message=_("The region already counts this kind for the year."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.region} {self.get_kind_display()} {self.year}: {self.last}"


class Document(models.Model):
    """An issued official document: numbered, addressed, dated, its content frozen."""

    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT)
    kind = models.CharField(_("kind"), max_length=10, choices=DocumentKind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    sequence = models.PositiveIntegerField(_("sequence"))
    number = models.CharField(_("document number"), max_length=40)
    title = models.CharField(_("title"), max_length=200)
    addressee = models.CharField(_("addressee"), max_length=200)
    issued_on = models.DateField(_("issued on"))
    content = models.JSONField(
        _("content"), help_text=_("The letterhead, body and figures as of the issue date")
    )
    # What the document is about: exactly one of these.
    notice = models.ForeignKey(
        "escalation.SupervisionNotice",
        verbose_name=_("notice"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )
    interview = models.ForeignKey(
        "escalation.Interview",
        verbose_name=_("interview"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )
    accountability = models.OneToOneField(
        "escalation.Accountability",
        verbose_name=_("accountability"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="document",
    )
    report = models.OneToOneField(
        "reports.Report",
        verbose_name=_("report"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="document",
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty: the system"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("official document")
        verbose_name_plural = _("official documents")
        ordering = ["-issued_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "kind", "year", "sequence"],
                name="document_number_unique",
                violation_error_message=_("This document number has already been issued."),
            ),
            models.CheckConstraint(
                condition=Q(sequence__gte=1),
                name="document_sequence_positive",
                violation_error_message=_("Document numbers start at 1."),
            ),
            models.CheckConstraint(
                condition=(
                    Q(
                        kind="notice",
                        notice__isnull=False,
                        interview__isnull=True,
                        accountability__isnull=True,
                        report__isnull=True,
                    )
                    | Q(
                        kind="interview",
                        interview__isnull=False,
                        accountability__isnull=True,
                        report__isnull=True,
                    )
                    | Q(
                        kind="account",
                        accountability__isnull=False,
                        interview__isnull=True,
                        report__isnull=True,
                    )
                    | Q(
                        kind="bulletin",
                        report__isnull=False,
                        notice__isnull=True,
                        interview__isnull=True,
                        accountability__isnull=True,
                    )
                ),
                name="document_about_its_kind",
                violation_error_message=_("A document is about one thing of its own kind."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("documents:download", args=[self.pk, "pdf"])

    @property
    def file_stem(self) -> str:
        """寒重督〔2026〕12号-关于…: what a person recognises in a folder."""
        return f"{self.number}-{self.title}"[:120]
