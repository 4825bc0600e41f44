"""What happens at sign-in: a lockout is recorded, and an account that must change its password
is marked for the middleware."""

from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from audit import sessions

from .passwords import password_change_reason
from .policy import security_policy

SESSION_KEY = "password_change_reason"


@receiver(user_locked_out)
def lockout_recorded(sender, request, username=None, ip_address=None, **kwargs):
    from audit.kinds import Kind, Result
    from audit.log import record

    # axes sends this again for each attempt while locked; only the attempt that locks counts.
    failures = getattr(request, "axes_failures_since_start", None)
    if failures is None:
        return
    policy = security_policy(request)
    record(
        request,
        Kind.LOCKOUT,
        target=username or ip_address or "",
        result=Result.REFUSED,
        detail=f"{failures} failures; {policy.lockout_minutes} min",
        username=username or "",
        address=ip_address,
    )


@receiver(user_logged_in, dispatch_uid="security.session_limits")
def session_limits_kept(sender, request, user, **kwargs):
    """The session ends by the policy's idle and absolute limits in force at sign-in."""
    if request is None or not hasattr(request, "session"):
        return
    policy = security_policy(request)
    sessions.keep_limits(
        request, idle_minutes=policy.idle_minutes, absolute_hours=policy.absolute_hours
    )


@receiver(user_logged_in)
def signed_in(sender, request, user, **kwargs):
    if request is None:
        return
    # (The right password also clears the account's failures: security.handlers.)
    if settings.PASSWORD_CHANGE_ENFORCED and hasattr(request, "session"):
        reason = password_change_reason(user, request=request)
        if reason:
            request.session[SESSION_KEY] = reason
        else:
            request.session.pop(SESSION_KEY, None)
