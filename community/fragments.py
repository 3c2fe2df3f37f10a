"""Rendered fragments (posts, list rows, a thread's metadata) under keys made of
everything they show: a key's value never changes, so nothing ever has to be invalidated.

That also makes a copy in each process's memory always correct: ``get_many`` looks there
first and asks the "fragments" cache (Redis where there is one) only for the rest, so a
page that shows a hundred posts seen before costs no round trip and no unpickling. The
copy keeps the fragments used last, up to PEERDESK_FRAGMENTS_IN_MEMORY characters.
"""

import threading
from collections import OrderedDict

from django.conf import settings
from django.core.cache import caches

CACHE_ALIAS = "fragments"


class _Recent:
    """The fragments this process used last, bounded by their total length."""

    def __init__(self):
        self._lock = threading.Lock()
        self._entries: OrderedDict[str, object] = OrderedDict()
        self._size = 0

    def get_many(self, keys) -> dict:
        found = {}
        with self._lock:
            for key in keys:
                value = self._entries.get(key)
                if value is not None:
                    self._entries.move_to_end(key)
                    found[key] = value
        return found

    def set_many(self, values: dict) -> None:
        limit = settings.PEERDESK_FRAGMENTS_IN_MEMORY
        with self._lock:
            for key, value in values.items():
                if key in self._entries:
                    continue
                self._entries[key] = value
                self._size += _size(value)
            while self._size > limit and self._entries:
                _key, value = self._entries.popitem(last=False)
                self._size -= _size(value)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._size = 0


def _size(value) -> int:
    if isinstance(value, str):
        return len(value)
    return sum(len(part) for part in value if isinstance(part, str)) + 64


recent = _Recent()


def get_many(keys: list[str]) -> dict:
    """The fragments stored under `keys` (those that are known), from memory or the cache."""
    found = recent.get_many(keys)
    missing = [key for key in keys if key not in found]
    if missing:
        shared = caches[CACHE_ALIAS].get_many(missing)
        if shared:
            recent.set_many(shared)
            found.update(shared)
    return found


def set_many(values: dict, timeout: int) -> None:
    """Store freshly rendered fragments in memory and in the cache."""
    recent.set_many(values)
    caches[CACHE_ALIAS].set_many(values, timeout)


def get(key: str):
    return get_many([key]).get(key)


def set(key: str, value, timeout: int) -> None:
    set_many({key: value}, timeout)
