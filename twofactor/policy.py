"""Who must sign in with a second factor (身份鉴别: two kinds of authentication for the
administrators of the system), and whether a session has shown it."""

from django.conf import settings
from django_otp import user_has_device

from accounts.choices import Role

# The roles that can change the system or read its audit trail, and the supervisors who keep
# the register: a stolen password alone must not open them.
REQUIRED_ROLES = frozenset({Role.ADMIN, Role.SUPERVISOR, Role.SECURITY, Role.AUDITOR})


def enforced() -> bool:
    return bool(getattr(settings, "SECOND_FACTOR_ENFORCED", True))


def required_for(user) -> bool:
    """True when the user may not work without a second factor (and may not remove it)."""
    if not enforced() or not getattr(user, "is_authenticated", False):
        return False
    return user.is_superuser or user.role in REQUIRED_ROLES


def has_second_factor(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user_has_device(user)


def is_verified(user) -> bool:
    """The session was verified with a code (OTP middleware sets this on request.user)."""
    check = getattr(user, "is_verified", None)
    return bool(check and check())


def satisfied(user) -> bool:
    """The user may open pages: verified, or neither required nor enrolled.

    Anyone who has a device is asked for its code, enforced or not: opting in means it.
    """
    if not getattr(user, "is_authenticated", False) or is_verified(user):
        return True
    return not (required_for(user) or has_second_factor(user))
