"""The password policy: validators (AUTH_PASSWORD_VALIDATORS), the history of each account's
hashes, and whether an account must change its password before it goes on."""

from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import PasswordRecord
from .policy import security_policy

# Set on the user by the change-password page: the next record is the person's own choice.
BY_SELF = "_password_set_by_self"
CLASSES = (
    ("lower", str.islower),
    ("upper", str.isupper),
    ("digit", str.isdigit),
    ("other", lambda c: not c.isalnum()),
)


def character_classes(password: str) -> int:
    """How many of lower case, upper case, digits and other characters the password uses."""
    return sum(any(test(c) for c in password) for _name, test in CLASSES)


class ComplexityValidator:
    """At least the policy's length, with three of the four character classes."""

    def validate(self, password, user=None):
        length = security_policy().password_min_length
        errors = []
        if len(password) < length:
            errors.append(
                ValidationError(
                    ngettext(
                        "The password needs at least %(n)d character.",
                        "The password needs at least %(n)d characters.",
                        length,
                    ),
                    code="password_too_short",
                    params={"n": length},
                )
            )
        if character_classes(password) < 3:
            errors.append(
                ValidationError(
                    _(
                        "The password needs three of these four: lower-case letters, "
                        "upper-case letters, digits, other characters."
                    ),
                    code="password_too_simple",
                )
            )
        if errors:
            raise ValidationError(errors)

    def get_help_text(self):
        return _(
            "At least %(n)d characters, with three of these four: lower-case letters, "
            "upper-case letters, digits, other characters."
        ) % {"n": security_policy().password_min_length}


class NotUsernameValidator:
    """The password must not contain the account's name, in any case."""

    def validate(self, password, user=None):
        username = (getattr(user, "username", "") or "").casefold()
        if username and username in password.casefold():
            raise ValidationError(
                _("The password must not contain the account name."), code="password_has_username"
            )

    def get_help_text(self):
        return _("It must not contain the account name.")


class HistoryValidator:
    """Not one of the last passwords (the policy's depth); records each new one's hash."""

    def validate(self, password, user=None):
        depth = security_policy().password_history
        if user is None or user.pk is None or depth == 0:
            return
        hashes = list(
            PasswordRecord.objects.filter(user=user).values_list("password", flat=True)[:depth]
        )
        if user.password and user.password not in hashes:
            hashes = [user.password, *hashes][:depth]
        if any(check_password(password, encoded) for encoded in hashes):
            raise ValidationError(
                ngettext(
                    "The password must not be your last password.",
                    "The password must not be one of your last %(n)d passwords.",
                    depth,
                ),
                code="password_reused",
                params={"n": depth},
            )

    def password_changed(self, password, user=None):
        # Called by AbstractBaseUser.save() after set_password(): every way a password is set.
        if user is None or user.pk is None:
            return
        password_record(user, by_self=getattr(user, BY_SELF, False))
        if hasattr(user, BY_SELF):
            delattr(user, BY_SELF)

    def get_help_text(self):
        depth = security_policy().password_history
        return ngettext(
            "It must not be your last password.",
            "It must not be one of your last %(n)d passwords.",
            depth,
        ) % {"n": depth}


def password_record(user, *, by_self: bool) -> PasswordRecord:
    """Keeps the hash of the account's new password, and only as many as the policy remembers."""
    entry = PasswordRecord.objects.create(user=user, password=user.password, by_self=by_self)
    keep = max(security_policy().password_history, 1)
    old = PasswordRecord.objects.filter(user=user).values_list("pk", flat=True)[keep:]
    PasswordRecord.objects.filter(pk__in=list(old)).delete()
    return entry


class Reason:
    """Why an account must change its password before it goes on."""

    FIRST = "first"  # set by an administrator, a command or the demo: never chosen by the person
    EXPIRED = "expired"


def password_change_reason(user, *, now=None, request=None) -> str | None:
    """`Reason.FIRST`, `Reason.EXPIRED` or None (the password may stay)."""
    if not user.has_usable_password():
        return None
    latest = PasswordRecord.objects.filter(user=user).first()
    # A hash that is not the last one recorded was set by other means (a fixture, raw SQL).
    if latest is None or not latest.by_self or latest.password != user.password:
        return Reason.FIRST
    if latest.set_at + security_policy(request).password_max_age <= (now or timezone.now()):
        return Reason.EXPIRED
    return None
