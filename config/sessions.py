"""Sessions read from Redis in front of their database row: every signed-in request read its
session with a query (about a third of the middleware's own time); now a request reads the
cache, and the database when the cache has no copy.

The row stays the session: it is written first and the cache after. Redis never breaks a
page or loses a session: a cache that cannot be read is skipped for the row, one that
cannot be written is emptied of the copy (a full Redis still deletes), and a copy lives
CACHE_SECONDS at most: a sign-out whose delete of the copy failed (Redis failing at that very
moment), or a copy read back just before the row was deleted, lets the cookie be used for at
most one minute more — the bound the security review is given (docs/SECURITY.md).
Only for a cache every process shares (settings: Redis), never a per-process one.
"""

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from django.contrib.sessions.backends.cached_db import SessionStore as CachedStore
from django.contrib.sessions.backends.db import SessionStore as DBStore
from django.core.cache.backends.base import BaseCache

if TYPE_CHECKING:
    from django.contrib.sessions.models import Session

log = logging.getLogger(__name__)

CACHE_SECONDS = 60


class SessionStore(CachedStore):
    # Django's own, which its type stubs leave out.
    _cache: BaseCache
    _get_session_from_db: Callable[[], "Session | None"]
    _session: dict

    def load(self) -> dict:
        try:
            data = self._cache.get(self.cache_key)
        except Exception:
            log.warning("session cache unavailable, reading the database", exc_info=True)
            return self._from_database()
        if data is None:
            row = self._get_session_from_db()
            if row is None:
                return {}
            data = self.decode(row.session_data)
            # The row's expiry: the session's own would load the session again.
            self._keep(data, self.get_expiry_age(expiry=row.expire_date))
        return data

    def _from_database(self) -> dict:
        row = self._get_session_from_db()  # None (and no key) when gone or expired
        return self.decode(row.session_data) if row else {}

    def save(self, must_create: bool = False) -> None:
        DBStore.save(self, must_create)  # the row first: it is the session
        self._keep(self._session, self.get_expiry_age())

    def _keep(self, data: dict, age: int) -> None:
        seconds = min(CACHE_SECONDS, age)
        try:
            self._cache.set(self.cache_key, data, seconds)
        except Exception:
            log.warning("session cache unavailable, not keeping the session", exc_info=True)
            self._forget(self.session_key)  # an older copy must not outlive this write

    def _forget(self, session_key: str | None) -> None:
        if not session_key:
            return
        try:
            self._cache.delete(self.cache_key_prefix + session_key)
        except Exception:
            log.warning("session cache unavailable, its copy lapses by itself", exc_info=True)

    async def aload(self) -> dict:
        raise NotImplementedError("sessions are read synchronously (WSGI): see load()")

    async def asave(self, must_create: bool = False) -> None:
        raise NotImplementedError("sessions are saved synchronously (WSGI): see save()")

    def exists(self, session_key: str) -> bool:
        return DBStore.exists(self, session_key)  # only when a new key is made: the row decides

    def delete(self, session_key: str | None = None) -> None:
        key = session_key if session_key is not None else self.session_key
        DBStore.delete(self, session_key)
        self._forget(key)
