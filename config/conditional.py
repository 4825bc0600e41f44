"""Conditional GET for pages whose figures change only when a week is scored: a phone or a
wall screen that holds the current version gets an empty 304 and redraws nothing.

The ETag is the page's figures key (dashboard.cache: scoring-run stamp, scope, week, language,
filters) with who asks (user and session: the HTML names the user and holds a CSRF token) and
the deployed code; ``Cache-Control: private, no-cache`` makes every client ask each time.
"""

import hashlib
from collections.abc import Callable
from functools import cache

from django.conf import settings
from django.contrib.messages import get_messages
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import quote_etag


@cache
def code_version() -> str:
    """Templates, static files, translations, the project's Python and its dependencies' list
    as deployed: a new release is a new ETag, and a new key of the pages' kept HTML
    (dashboard.cache.fragment_key)."""
    base = settings.BASE_DIR
    paths = [
        *(base / "templates").rglob("*"),
        *(base / "static").rglob("*"),
        *(base / "locale").rglob("*.mo"),
        base / "pyproject.toml",
    ]
    for package in base.iterdir():
        if (package / "__init__.py").is_file():  # the project's own packages, not the virtualenv
            paths.extend(package.rglob("*.py"))
    return str(int(max((path.stat().st_mtime for path in paths if path.exists()), default=0.0)))


def etag_of(request: HttpRequest, key: str) -> str:
    """The quoted ETag of ``key`` for this person."""
    user = getattr(request, "user", None)
    session = getattr(request, "session", None)
    # A new session (a sign-in rotates the CSRF token too) is a new ETag.
    who = (getattr(user, "pk", None), getattr(session, "session_key", None), code_version())
    digest = hashlib.sha256(repr((key, who)).encode()).hexdigest()[:32]
    return quote_etag(digest)


def answer(request: HttpRequest, key: str | None, respond: Callable[[], HttpResponse]):
    """304 when the client holds the version ``key`` names, else ``respond()`` with its ETag.
    No key (nothing to vouch for), a non-GET, or a message waiting to be shown: as before."""
    if key is None or request.method not in ("GET", "HEAD"):
        return respond()
    etag = etag_of(request, key)
    # A pending message must be shown, and consumed, by a full render.
    if not len(get_messages(request)):
        not_modified = get_conditional_response(request, etag=etag)
        if not_modified is not None:
            # The ETag again: a 304's headers replace the kept copy's (RFC 9111 4.3.4).
            not_modified.headers["ETag"] = etag
            patch_cache_control(not_modified, private=True, no_cache=True)
            return not_modified
    response = respond()
    if response.status_code == 200:
        response.headers["ETag"] = etag
        patch_cache_control(response, private=True, no_cache=True)
    return response
