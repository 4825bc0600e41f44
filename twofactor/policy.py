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


# Whether the signed-in user has a device, kept in the session from the sign-in on, so that
# pages of users without one cost no query. A device added in another session is asked for at
# the next sign-in; one removed or reset leaves the verify page passing the user on.
SESSION_KEY = "twofactor_has_device"


def remember(request, has_device: bool) -> None:
    request.session[SESSION_KEY] = has_device


def session_has_device(request) -> bool:
    known = request.session.get(SESSION_KEY)
    if known is None:  # a session from before this was kept
        known = has_second_factor(request.user)
        remember(request, known)
    return known


def on_login(sender, request, user, **kwargs) -> None:
    """user_logged_in: note whether the user who just gave the password has a device."""
    if request is not None and hasattr(request, "session"):
        remember(request, user_has_device(user))


def satisfied(request) -> bool:
    """The user may open pages: verified, or neither required nor enrolled.

    Anyone who has a device is asked for its code, enforced or not: opting in means it.
    """
    user = request.user
    if not getattr(user, "is_authenticated", False):
        return True
    if not (required_for(user) or session_has_device(request)):
        return True
    return is_verified(user)
