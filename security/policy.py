"""The security policy in force: `security_policy()` for anyone who needs a limit (the session
middleware reads idle_minutes and absolute_hours), and the callables axes reads."""

import datetime as dt
from dataclasses import dataclass, fields

from django.conf import settings

from config.history import note_change

from .models import RANGES, SecurityPolicy

# A request reads the policy once, however many times axes or the middleware ask.
_ON_REQUEST = "_security_policy"


@dataclass(frozen=True)
class Policy:
    failure_limit: int
    lockout_minutes: int
    password_min_length: int
    password_history: int
    password_max_age_days: int
    idle_minutes: int
    absolute_hours: int

    @property
    def lockout(self) -> dt.timedelta:
        return dt.timedelta(minutes=self.lockout_minutes)

    @property
    def password_max_age(self) -> dt.timedelta:
        return dt.timedelta(days=self.password_max_age_days)

    @property
    def idle(self) -> dt.timedelta:
        return dt.timedelta(minutes=self.idle_minutes)

    @property
    def absolute(self) -> dt.timedelta:
        return dt.timedelta(hours=self.absolute_hours)


NAMES = [f.name for f in fields(Policy)]
assert set(NAMES) == set(RANGES), "Policy and SecurityPolicy hold the same limits"


def security_policy(request=None) -> Policy:
    """The limits in force: the security administrator's, else the settings' defaults."""
    if request is not None and hasattr(request, _ON_REQUEST):
        return getattr(request, _ON_REQUEST)
    row = SecurityPolicy.objects.filter(pk=1).values(*NAMES).first()
    policy = Policy(**(row or {n: settings.SECURITY_POLICY_DEFAULTS[n] for n in NAMES}))
    if request is not None:
        setattr(request, _ON_REQUEST, policy)
    return policy


def axes_failure_limit(request, credentials=None) -> int:
    return security_policy(request).failure_limit


def axes_cool_off(request=None) -> dt.timedelta:
    return security_policy(request).lockout


class PolicyRefused(Exception):
    """Only the security administrator sets the security policy."""


def policy_stored() -> SecurityPolicy | None:
    """The one stored row, if the security administrator ever saved the policy."""
    return SecurityPolicy.objects.filter(pk=1).first()


def can_set_policy(user) -> bool:
    # 三权分立: the security administrator alone, not the system administrator or a superuser.
    from accounts.choices import Role

    return bool(user.is_authenticated and user.role == Role.SECURITY)


def policy_update(*, request, values: dict, reason: str) -> SecurityPolicy:
    """Sets the policy's limits, kept in its history with who, when and why."""
    from audit.kinds import Kind
    from audit.log import record

    user = request.user
    if not can_set_policy(user):
        raise PolicyRefused
    before = vars(security_policy())  # the defaults, the first time
    policy = policy_stored() or SecurityPolicy(pk=1)
    for name in NAMES:
        setattr(policy, name, values[name])
    policy.full_clean()
    note_change(policy, reason=reason)
    policy.save()
    if hasattr(request, _ON_REQUEST):
        delattr(request, _ON_REQUEST)
    changed = ", ".join(f"{n}: {before[n]}→{values[n]}" for n in NAMES if before[n] != values[n])
    record(request, Kind.POLICY, target="security_policy", detail=f"{changed}; {reason}")
    return policy
