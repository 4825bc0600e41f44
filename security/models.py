"""The security policy (one row, with its history) and each account's past password hashes."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

# (field, lowest, highest): the ranges the form and the database both hold.
RANGES = {
    "failure_limit": (3, 20),
    "lockout_minutes": (1, 1440),
    "password_min_length": (8, 64),
    "password_history": (0, 24),
    "password_max_age_days": (7, 365),
    "idle_minutes": (1, 240),
    "absolute_hours": (1, 72),
}


def _bounded(name, verbose, help_text):
    low, high = RANGES[name]
    return models.PositiveIntegerField(
        verbose,
        validators=[MinValueValidator(low), MaxValueValidator(high)],
        help_text=help_text,
    )


class SecurityPolicy(models.Model):
    """The limits of sign-in and passwords, set by the security administrator. One row (pk 1);
    until it exists the defaults of settings.SECURITY_POLICY_DEFAULTS apply."""

    failure_limit = _bounded(
        "failure_limit",
        _("failed sign-ins before lockout"),
        _("Counted per account and per address"),
    )
    lockout_minutes = _bounded(
        "lockout_minutes", _("lockout minutes"), _("How long a lockout lasts")
    )
    password_min_length = _bounded(
        "password_min_length", _("password minimum length"), _("Characters, at least 8")
    )
    password_history = _bounded(
        "password_history",
        _("passwords remembered"),
        _("A new password may not be one of this many last passwords"),
    )
    password_max_age_days = _bounded(
        "password_max_age_days", _("password maximum age (days)"), _("Then it must be changed")
    )
    idle_minutes = _bounded(
        "idle_minutes", _("idle minutes"), _("A session ends after this long without a request")
    )
    absolute_hours = _bounded(
        "absolute_hours", _("session hours at most"), _("A session ends this long after sign-in")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("security policy")
        verbose_name_plural = _("security policy")
        constraints = [
            models.CheckConstraint(
                condition=Q(pk=1),
                name="security_policy_singleton",
                violation_error_message=_("There is one security policy."),
            ),
            *(
                models.CheckConstraint(
                    condition=Q(**{f"{name}__gte": low, f"{name}__lte": high}),
                    name=f"security_policy_{name}_range",
                    violation_error_message=_("A value of the security policy is out of range."),
                )
                for name, (low, high) in RANGES.items()
            ),
        ]

    def __str__(self) -> str:
        return str(_("security policy"))


class PasswordRecord(models.Model):
    """A password an account had: its hash (never the password), when it was set and whether by
    the person (a password set by an administrator or a command must be changed at sign-in)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="password_records",
    )
    password = models.CharField(_("password hash"), max_length=128)
    set_at = models.DateTimeField(_("set at"), default=timezone.now)
    by_self = models.BooleanField(_("set by the person"), default=False)

    class Meta:
        verbose_name = _("past password")
        verbose_name_plural = _("past passwords")
        ordering = ["-set_at", "-id"]
        indexes = [models.Index(fields=["user", "-set_at"], name="password_record_user_at")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.set_at:%Y-%m-%d}"
