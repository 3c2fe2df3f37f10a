"""A process-local cache that keeps sign-in rate limits in a cache every worker shares.

Without a cache server (CACHE_URL) the default cache is each process's memory: fast for
what every page reads (branding, limits), but allauth counts its sign-in, sign-up and
password-reset limits in the default cache too, and under gunicorn each worker would count
on its own (four workers, four times the attempts). This backend answers from memory
except for keys under ``SHARED_PREFIXES``, which it hands to the cache alias named in
OPTIONS["SHARED_ALIAS"] (the database cache in config/settings.py). Only sign-in forms
touch those keys, so pages pay nothing for it.
"""

from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache

# allauth.core.internal.ratelimit.get_cache_key: "allauth:rl:<app>:<action>:…".
SHARED_PREFIXES = ("allauth:rl:",)


class SharedRateLimitsLocMemCache(LocMemCache):
    def __init__(self, name, params):
        options = dict(params.get("OPTIONS") or {})
        self._shared_alias = options.pop("SHARED_ALIAS")
        super().__init__(name, {**params, "OPTIONS": options})

    def _shared(self, key):
        if isinstance(key, str) and key.startswith(SHARED_PREFIXES):
            return caches[self._shared_alias]
        return None

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        if shared := self._shared(key):
            return shared.add(key, value, timeout, version)
        return super().add(key, value, timeout, version)

    def get(self, key, default=None, version=None):
        if shared := self._shared(key):
            return shared.get(key, default, version)
        return super().get(key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        if shared := self._shared(key):
            return shared.set(key, value, timeout, version)
        return super().set(key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        if shared := self._shared(key):
            return shared.touch(key, timeout, version)
        return super().touch(key, timeout, version)

    def incr(self, key, delta=1, version=None):
        if shared := self._shared(key):
            return shared.incr(key, delta, version)
        return super().incr(key, delta, version)

    def has_key(self, key, version=None):
        if shared := self._shared(key):
            return shared.has_key(key, version)
        return super().has_key(key, version)

    def delete(self, key, version=None):
        if shared := self._shared(key):
            return shared.delete(key, version)
        return super().delete(key, version)
