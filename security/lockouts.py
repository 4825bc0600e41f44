"""Lockouts after failed sign-ins (axes counts them): the page a locked person sees, the locked
accounts and addresses the security administrator sees, and unlocking."""

from dataclasses import dataclass
from datetime import datetime

from axes.models import AccessAttempt
from axes.utils import reset
from django.contrib.auth.forms import AuthenticationForm
from django.db.models import Max, Q, Sum
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .policy import security_policy
from .scope import lockout_usernames

USERNAME = "username"
ADDRESS = "ip_address"


def lockout_message(policy, until: datetime | None = None) -> str:
    text = _(
        "Too many failed sign-ins: this account or this address is locked for %(minutes)d minutes."
    ) % {"minutes": policy.lockout_minutes}
    if until is not None:
        text += _(" Try again after %(until)s, or ask the security administrator to unlock it.") % {
            "until": date_format(timezone.localtime(until), "H:i")
        }
    return text


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the login page again, with the lockout said in the reader's words."""
    policy = security_policy(request)
    until = (getattr(request, "axes_attempt_time", None) or timezone.now()) + policy.lockout
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    form = AuthenticationForm(request, initial={"username": username})
    context = {"form": form, "locked_message": lockout_message(policy, until), "next": ""}
    return render(request, "registration/login.html", context, status=429)


@dataclass(frozen=True)
class Lockout:
    kind: str  # USERNAME or ADDRESS
    value: str
    failures: int
    last_failure: datetime
    until: datetime


def _locked(field: str, policy, now, only: Q | None) -> list[Lockout]:
    since = now - policy.lockout
    rows = (
        AccessAttempt.objects.filter(attempt_time__gte=since)
        .exclude(**{f"{field}__isnull": True})
        .filter(only or Q())
        .values(field)
        .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
        .filter(failures__gte=policy.failure_limit)
        .order_by("-last")
    )
    return [
        Lockout(field, row[field], row["failures"], row["last"], row["last"] + policy.lockout)
        for row in rows
    ]


def locked_accounts(*, user, now=None) -> list[Lockout]:
    return _locked(USERNAME, security_policy(), now or timezone.now(), lockout_usernames(user))


def locked_addresses(*, user, now=None) -> list[Lockout]:
    return _locked(ADDRESS, security_policy(), now or timezone.now(), None)


def unlock(*, request, kind: str, value: str) -> int:
    """Clears the failures of one account or one address; kept in the audit log."""
    from audit.kinds import Kind, Result
    from audit.log import record

    if kind == USERNAME:
        allowed = {lock.value for lock in locked_accounts(user=request.user)}
        count = reset(username=value) if value in allowed else 0
    elif kind == ADDRESS:
        count = reset(ip=value)
    else:
        count = 0
    label = _("account") if kind == USERNAME else _("address")
    record(
        request,
        Kind.UNLOCK,
        target=f"{label} {value}",
        result=Result.OK if count else Result.FAILED,
        detail=_("%(n)d failed sign-ins cleared") % {"n": count},
        username=request.user.username,
    )
    return count
