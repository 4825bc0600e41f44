"""A value kept in Django's cache under a key that names everything it depends on: a change
makes a new key, so nothing is deleted by hand and old entries expire. A cache that fails
(Redis down or refusing) is skipped: the value is computed, as without a cache."""

import logging
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache

log = logging.getLogger(__name__)
TIMEOUT = 24 * 3600  # entries of an older stamp are never read again; a day bounds their memory
T = TypeVar("T")


def kept(key: str | None, compute: Callable[[], T]) -> T:
    """``compute()``'s value kept under ``key`` (None: not kept)."""
    if key is None:
        return compute()
    try:
        value = cache.get(key)
    except Exception:
        log.warning("cache unavailable, computing %s", key, exc_info=True)
        return compute()
    if value is None:
        value = compute()
        try:
            cache.set(key, value, TIMEOUT)
        except Exception:
            log.warning("cache unavailable, not keeping %s", key, exc_info=True)
    return value
