"""Whose sign-in lockouts a security administrator sees: the accounts of the region and the
regions below it (a province's reaches its districts), and names that are no account."""

from django.contrib.auth import get_user_model
from django.db.models import Q

from accounts.regions import region_q


def lockout_usernames(user) -> Q | None:
    """The filter on a lockout's username for ``user``; None (everything) without a region."""
    if user.region_id is None:
        return None
    User = get_user_model()
    mine = region_q(user, "region")
    in_region = User.objects.filter(mine).values("username")
    elsewhere = User.objects.exclude(mine).values("username")
    return Q(username__in=in_region) | ~Q(username__in=elsewhere)
