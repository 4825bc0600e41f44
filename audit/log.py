"""The one way to write the security audit log: `record(request_or_user, kind, ...)`."""

from django.http import HttpRequest

from .kinds import Result
from .models import Entry


def client_address(request: HttpRequest) -> str | None:
    # REMOTE_ADDR only: the proxy header is trusted by the deployment's middleware, not here.
    return request.META.get("REMOTE_ADDR") or None


def record(
    request_or_user,
    kind: str,
    *,
    target: str = "",
    result: str = Result.OK,
    detail: str = "",
    username: str = "",
    address: str | None = None,
) -> Entry:
    """Writes one entry. `username` names the account when nobody is signed in (a failed login)."""
    request = request_or_user if isinstance(request_or_user, HttpRequest) else None
    user = getattr(request, "user", None) if request is not None else request_or_user
    if user is not None and not getattr(user, "is_authenticated", False):
        user = None
    if request is not None and address is None:
        address = client_address(request)
    return Entry.objects.create(
        user=user,
        username=(username or getattr(user, "username", ""))[:150],
        role=getattr(user, "role", "") or "",
        region_id=getattr(user, "region_id", None),
        address=address,
        kind=kind,
        target=str(target)[:200],
        result=result,
        detail=str(detail)[:500],
    )
