"""The shared cache, which must never take the shop down with it.

Django's Redis cache raises when Redis is away; here a cache that cannot be
reached behaves as an empty one (reads miss, writes are dropped) and is left
alone for a few seconds before it is tried again, so that an outage costs each
request nothing rather than a timeout per cache call.
"""

import logging
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)
PAUSE_SECONDS = 5.0


class ReusedClientRedisCacheClient(RedisCacheClient):
    """Django's Redis client, keeping one redis.Redis a pool rather than making one a call.

    A redis.Redis is thread-safe and cheap to keep, but costly to build (its table
    of reply parsers), which Django otherwise does on every cache call.
    """

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_clients", {})
        client = clients.get(id(pool))
        if client is None:
            client = clients[id(pool)] = self._client(connection_pool=pool)
        return client


class TolerantRedisCache(RedisCache):
    """Redis cache that degrades to "nothing cached" while Redis is down."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient
        self._down_until = 0.0

    def _call(self, method, default, *args, **kwargs):
        if time.monotonic() < self._down_until:
            return default
        try:
            return getattr(super(), method)(*args, **kwargs)
        except UNREACHABLE as exc:
            self._down_until = time.monotonic() + PAUSE_SECONDS
            logger.warning("Cache unreachable, going without it for %ss: %s", PAUSE_SECONDS, exc)
            return default

    def raw(self, action, default=None):
        """``action(client)`` on the Redis client itself, or ``default`` while Redis is down.

        For what the cache's own API cannot do in one round trip (a script, raw bytes).
        """
        if time.monotonic() < self._down_until:
            return default
        try:
            return action(self._cache.get_client(write=True))
        except UNREACHABLE as exc:
            self._down_until = time.monotonic() + PAUSE_SECONDS
            logger.warning("Cache unreachable, going without it for %ss: %s", PAUSE_SECONDS, exc)
            return default

    def get(self, key, default=None, version=None):
        return self._call("get", default, key, default, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, keys, version)

    def set(self, key, value, timeout=None, version=None):
        self._call("set", None, key, value, timeout, version)

    def set_many(self, data, timeout=None, version=None):
        return self._call("set_many", [], data, timeout, version)

    def add(self, key, value, timeout=None, version=None):
        return self._call("add", False, key, value, timeout, version)

    def touch(self, key, timeout=None, version=None):
        return self._call("touch", False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call("delete", False, key, version)

    def delete_many(self, keys, version=None):
        self._call("delete_many", None, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, key, version)

    def incr(self, key, delta=1, version=None):
        return self._call("incr", None, key, delta, version)

    def clear(self):
        return self._call("clear", False)
