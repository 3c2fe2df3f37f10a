"""The vector index a process searches: `current_index()` gives an object with
`search(query, k)` (hits best first: kind, object id, cosine) and `len()`, from the backend
SIMILAR_BACKEND names (similar/backends/).

The memory backend's matrix is loaded lazily from the Embedding rows and reloaded when
the version number in the cache moves (bumped after each stored vector). With
SIMILAR_BACKEND=pgvector PostgreSQL searches, once its table is there; until then (or on
SQLite) this process searches in memory and says so in the log and in /healthz."""

import threading
import time

from django.core.cache import cache

from similar.backends import Hit, pgvector
from similar.backends.memory import VectorIndex
from similar.models import Embedding
from similar.services import VERSION_KEY

__all__ = ["Hit", "VectorIndex", "current_index", "forget"]

_lock = threading.Lock()
_loaded: dict = {}
# The cache's version number reaches every process only with a shared cache (Redis); with
# the default per-process memory cache a vector stored by the worker is seen through the
# database instead: its row count and newest update, checked at most this often.
RECHECK_SECONDS = 30


def _stamp() -> tuple:
    from django.db.models import Count, Max

    found = Embedding.objects.aggregate(rows=Count("id"), newest=Max("updated_at"))
    return found["rows"], found["newest"]


def current_index() -> "VectorIndex | pgvector.PgvectorIndex":
    """The pgvector index when it is configured and ready, else this process's matrix."""
    if pgvector.wanted() and pgvector.unavailable_reason() is None:
        return pgvector.PgvectorIndex()
    return memory_index()


def memory_index() -> VectorIndex:
    """This process's matrix, reloaded when the cache's version moved or, checked every
    RECHECK_SECONDS, the stored vectors changed."""
    version = cache.get(VERSION_KEY, 0)
    now = time.monotonic()
    with _lock:
        if "index" in _loaded and _loaded["version"] == version:
            if now - _loaded["checked"] < RECHECK_SECONDS:
                return _loaded["index"]
            if _stamp() == _loaded["stamp"]:
                _loaded["checked"] = now
                return _loaded["index"]
        stamp = _stamp()
        rows = Embedding.objects.values_list("kind", "object_id", "vector").iterator(
            chunk_size=2000
        )
        _loaded.update(index=VectorIndex.from_rows(rows), version=version, stamp=stamp, checked=now)
        return _loaded["index"]


def forget() -> None:
    with _lock:
        _loaded.clear()
    pgvector.forget()
