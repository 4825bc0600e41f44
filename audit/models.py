"""The security audit log: one row per event, never changed or deleted through the app."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .kinds import Kind, Result


class Entry(models.Model):
    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    # The name and role are copied so the entry still reads after the account is renamed.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    username = models.CharField(_("account"), max_length=150, blank=True)
    role = models.CharField(_("role"), max_length=12, blank=True)
    region_id = models.IntegerField(_("region"), null=True, blank=True)
    address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    kind = models.CharField(_("event"), max_length=20, choices=Kind.choices)
    target = models.CharField(_("object"), max_length=200, blank=True)
    result = models.CharField(_("result"), max_length=10, choices=Result.choices, default=Result.OK)
    detail = models.CharField(_("detail"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["kind", "-at"], name="audit_kind_at"),
            models.Index(fields=["username", "-at"], name="audit_user_at"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.username} {self.kind}"
