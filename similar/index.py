"""The in-memory vector index of one process: a normalised float32 matrix, loaded lazily
from the Embedding rows and reloaded when the version number in the cache moves (bumped
after each stored vector). A search is one matrix product: at 100,000 rows × 384 floats
the matrix is 150 MB, within the 200 MB budget."""

import threading
import time
from dataclasses import dataclass

import numpy as np
from django.core.cache import cache

from similar.embedder import DIMENSIONS
from similar.models import Embedding
from similar.services import VERSION_KEY


@dataclass(frozen=True)
class Hit:
    kind: str
    object_id: int
    score: float


class VectorIndex:
    """Rows of (kind, object id) and their unit vectors; `search` returns the best first."""

    def __init__(self, kinds: np.ndarray, ids: np.ndarray, matrix: np.ndarray):
        self.kinds = kinds  # array of str ("thread" / "article")
        self.ids = ids  # int64
        self.matrix = matrix  # (n, DIMENSIONS) float32, rows of unit length

    @classmethod
    def from_rows(cls, rows) -> "VectorIndex":
        rows = list(rows)
        if not rows:
            return cls(
                np.array([], dtype=object),
                np.zeros(0, np.int64),
                np.zeros((0, DIMENSIONS), np.float32),
            )
        matrix = np.empty((len(rows), DIMENSIONS), dtype=np.float32)
        for i, (_kind, _id, raw) in enumerate(rows):
            matrix[i] = np.frombuffer(bytes(raw), dtype=np.float32)
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        matrix /= np.maximum(norms, 1e-12)
        kinds = np.array([kind for kind, _id, _raw in rows], dtype=object)
        ids = np.array([object_id for _kind, object_id, _raw in rows], dtype=np.int64)
        return cls(kinds, ids, matrix)

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def nbytes(self) -> int:
        return self.matrix.nbytes + self.ids.nbytes + self.kinds.nbytes

    def vector(self, kind: str, object_id: int) -> np.ndarray | None:
        """The stored unit vector of one thread or article, None when it has none yet."""
        for i in np.flatnonzero(self.ids == object_id):
            if self.kinds[i] == kind:
                return self.matrix[i]
        return None

    def search(self, query: np.ndarray, k: int) -> list[Hit]:
        if not len(self) or k <= 0:
            return []
        scores = self.matrix @ np.asarray(query, dtype=np.float32)
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top])]
        return [Hit(str(self.kinds[i]), int(self.ids[i]), float(scores[i])) for i in top]


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


def current_index() -> VectorIndex:
    """This process's index, reloaded when the cache's version moved or, checked every
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
