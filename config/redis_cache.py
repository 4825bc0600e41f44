"""Django's Redis cache with one client per connection pool, not one per call.

Django's RedisCacheClient builds a new redis.Redis for every get and set, and redis-py's
constructor copies its ~170 response callbacks each time: 0.1–0.3 ms of CPU per call, the
largest single cost of a signed-in request (its session is read from Redis). Django's cache
handler gives each thread its own cache object, so this is one client per thread and pool; the
pool itself is Django's, made on first use as before (redis-py resets it after a fork).
"""

from typing import Any

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient as DjangoClient


class RedisCacheClient(DjangoClient):
    _clients: dict[int, Any]

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_clients", {})
        client = clients.get(id(pool))
        if client is None:
            # Two threads may both make one at first: harmless, the last one is kept.
            client = clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
