"""The security audit log: one row per event, never changed or deleted through the app.

On PostgreSQL a trigger (migration 0002) refuses UPDATE and DELETE whatever the SQL; only the
purge (`audit.purge`) gets past it, and only for rows older than the keep window."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.choices import Role

from .kinds import EndReason, Kind, Result

ROLES = dict(Role.choices)
REASONS = dict(EndReason.choices)


class Immutable(Exception):
    """An entry of the audit log cannot be changed or deleted."""


class EntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise Immutable("audit entries cannot be changed")

    def delete(self):
        raise Immutable("audit entries cannot be deleted")

    def _raw_delete(self, using=None):
        # The fast path a cascade takes (Collector): refused with the same error, not a TypeError.
        raise Immutable("audit entries cannot be deleted")


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

    objects = EntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-at", "-id"]
        # The search page's filters, each newest first (scripts/bench_audit.py times them);
        # the text search's trigram indexes are PostgreSQL-only, in migration 0002.
        indexes = [
            models.Index(fields=["kind", "-at"], name="audit_kind_at"),
            models.Index(fields=["username", "-at"], name="audit_user_at"),
            models.Index(fields=["result", "-at"], name="audit_result_at"),
            models.Index(fields=["address", "-at"], name="audit_address_at"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.username} {self.kind}"

    def save(self, *args, **kwargs):
        # Written once: an entry that exists is never saved again.
        if not self._state.adding:
            raise Immutable("audit entries cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise Immutable("audit entries cannot be deleted")

    # How the page and the CSV show an entry.
    @property
    def role_label(self) -> str:
        return str(ROLES.get(self.role, self.role))

    @property
    def detail_label(self) -> str:
        """The detail as a person reads it: a session's end reason in words."""
        if self.kind == Kind.SESSION_ENDED and self.detail in REASONS:
            return str(REASONS[self.detail])
        return self.detail


class AccountSession(models.Model):
    """The one live session of an account: signing in elsewhere replaces it (audit/sessions.py)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    session_key = models.CharField(_("session"), max_length=40)
    started_at = models.DateTimeField(_("signed in"))

    class Meta:
        verbose_name = _("live session")
        verbose_name_plural = _("live sessions")

    def __str__(self) -> str:
        return f"{self.user_id} {self.started_at:%Y-%m-%d %H:%M}"
