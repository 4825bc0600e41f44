"""Reads of the second factor: a user's devices, and the accounts a security administrator sees."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.choices import Role
from accounts.models import User

from .models import RecoveryDevice
from .scope import accounts_in_scope


def authenticator_for(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def recovery_codes_left(user) -> int:
    device = RecoveryDevice.objects.filter(user=user, confirmed=True).first()
    return device.codes.count() if device else 0


def can_reset(user) -> bool:
    return user.is_authenticated and (user.is_superuser or user.role == Role.SECURITY)


def accounts_for(user, *, search: str = "") -> QuerySet[User]:
    """The accounts of the security administrator's region (and the regions below it)."""
    if not can_reset(user):
        raise PermissionDenied
    accounts = accounts_in_scope(user)
    if search:
        accounts = accounts.filter(
            Q(username__icontains=search)
            | Q(first_name__icontains=search)
            | Q(last_name__icontains=search)
        )
    enrolled = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
    return (
        accounts.select_related("region", "unit")
        .annotate(enrolled=Exists(enrolled), recovery_left=Count("recoverydevice__codes"))
        .order_by("username")
    )
