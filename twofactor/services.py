"""Writes of the second factor: enroll, confirm, recovery codes, verify, remove, reset.

Every change is written to the security audit log (Kind.SECOND_FACTOR).
"""

import re
from dataclasses import dataclass

import django_otp
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.kinds import Kind, Result
from audit.log import record

from . import codes as recovery
from . import policy
from .models import RecoveryCode, RecoveryDevice

RECOVERY_CODES = 10
TOTP_NAME = "authenticator"
RECOVERY_NAME = "recovery"
TOTP_SHAPE = re.compile(r"^\d{6}$")


class SecondFactorError(Exception):
    """A refused step, with a message a person can read."""


@dataclass(frozen=True)
class Outcome:
    device: object | None
    wait_seconds: int = 0


def _clean(token: str) -> str:
    # People type codes with spaces or dashes, as the apps and our page show them.
    return re.sub(r"[\s-]", "", token or "").lower()


def totp_device_pending(*, user) -> TOTPDevice:
    """The user's unconfirmed authenticator, kept across reloads so the QR code stays the same."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)


def recovery_codes_issue(*, request, user) -> list[str]:
    """New recovery codes; the old ones stop working. Returned once (grouped for reading), never
    shown again: the database keeps only their hashes."""
    with transaction.atomic():
        device, _created = RecoveryDevice.objects.get_or_create(
            user=user, name=RECOVERY_NAME, defaults={"confirmed": True}
        )
        device.codes.all().delete()
        codes = [recovery.code_new() for _n in range(RECOVERY_CODES)]
        RecoveryCode.objects.bulk_create(
            RecoveryCode(device=device, digest=recovery.digest(c)) for c in codes
        )
        record(request, Kind.SECOND_FACTOR, target=user.username, detail="recovery codes issued")
    return [recovery.code_shown(c) for c in codes]


def totp_device_confirm(*, request, device: TOTPDevice, token: str) -> list[str]:
    """Confirms the authenticator with its first code; verifies this session; issues codes."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=request.user)
        # A wrong code's throttling is committed, so the refusal is raised outside the block.
        confirmed = device.verify_token(_clean(token))
    if not confirmed:
        raise SecondFactorError(_("The code is wrong or has expired. Try the next one."))
    with transaction.atomic():
        # One authenticator per person: an older one goes when the new one works.
        TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        record(request, Kind.SECOND_FACTOR, target=device.user.username, detail="enrolled")
    django_otp.login(request, device)
    policy.remember(request, True)
    return recovery_codes_issue(request=request, user=device.user)


def token_verify(*, request, token: str) -> Outcome:
    """Checks a code from the authenticator (6 digits) or a recovery code (used up once).

    django-otp throttles each device after a wrong code (1, 2, 4 … seconds); a throttled
    device answers with the seconds to wait.
    """
    user = request.user
    token = _clean(token)
    model = TOTPDevice if TOTP_SHAPE.match(token) else RecoveryDevice
    wait = 0
    with transaction.atomic():
        for device in model.objects.devices_for_user(user, confirmed=True).select_for_update():
            allowed, data = device.verify_is_allowed()
            if not allowed:
                until = (data or {}).get("locked_until")
                if until:
                    wait = max(wait, int((until - timezone.now()).total_seconds()) + 1)
                continue
            if device.verify_token(token):
                django_otp.login(request, device)
                return Outcome(device)
    record(
        request,
        Kind.LOGIN_FAILED,
        target=user.username,
        result=Result.REFUSED,
        detail="second factor: throttled" if wait else "second factor: wrong code",
    )
    return Outcome(None, wait)


def second_factor_remove(*, request) -> None:
    """The user's own removal, allowed only when no rule requires it."""
    user = request.user
    if policy.required_for(user):
        raise SecondFactorError(_("Your role must sign in with a second factor."))
    _delete_devices(user)
    policy.remember(request, False)
    record(request, Kind.SECOND_FACTOR, target=user.username, detail="removed by the user")


def second_factor_reset(*, request, user) -> None:
    """A security administrator's reset: the user enrolls again at the next sign-in."""
    _delete_devices(user)
    record(request, Kind.SECOND_FACTOR, target=user.username, detail="reset")


def _delete_devices(user) -> None:
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        RecoveryDevice.objects.filter(user=user).delete()
