"""Whose second factor a security administrator may see and reset, after projects.scope: the
accounts of the administrator's region and the regions below it (another region's: 404)."""

from django.db.models import QuerySet

from accounts.models import User
from accounts.regions import region_q


def accounts_in_scope(user: User) -> QuerySet[User]:
    if user.is_superuser:
        return User.objects.all()
    return User.objects.filter(region_q(user, "region"))
