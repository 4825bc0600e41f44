from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from config.colours import ColouredChoices


class Kind(models.TextChoices):
    """Every event the security audit log (安全审计) keeps."""

    LOGIN = "login", _("Signed in")
    LOGIN_FAILED = "login_failed", _("Failed sign-in")
    LOCKOUT = "lockout", _("Locked out")
    UNLOCK = "unlock", _("Unlocked")
    LOGOUT = "logout", _("Signed out")
    SESSION_ENDED = "session_ended", _("Session ended")
    PASSWORD_CHANGE = "password_change", _("Password changed")
    SECOND_FACTOR = "second_factor", _("Second factor changed")
    ACCOUNT = "account", _("Account changed")
    ROLE = "role", _("Role changed")
    POLICY = "policy", _("Security policy changed")
    ADMIN_CHANGE = "admin_change", _("Change in the admin")
    EXPORT = "export", _("Export")
    DOWNLOAD = "download", _("Download")
    AUDIT_READ = "audit_read", _("Audit log searched or exported")


class Result(ColouredChoices):
    OK = "ok", "blue", pgettext_lazy("audit result", "Succeeded")
    REFUSED = "refused", "orange", pgettext_lazy("audit result", "Refused")
    FAILED = "failed", "red", pgettext_lazy("audit result", "Failed")


class EndReason(models.TextChoices):
    """Why the app ended a session (Kind.SESSION_ENDED's detail, and the login page's message)."""

    IDLE = "idle", _("idle too long")
    ABSOLUTE = "absolute", _("signed in too long")
    REPLACED = "replaced", _("signed in elsewhere")
