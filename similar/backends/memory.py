"""The in-memory backend: a normalised float32 matrix; a search is one matrix product. At
100,000 rows × 384 floats the matrix is 150 MB, within the 200 MB budget. Loading and
reloading it per process is similar.index's part."""

import numpy as np

from similar.backends import MEMORY, Hit
from similar.embedder import DIMENSIONS


class VectorIndex:
    """Rows of (kind, object id) and their unit vectors; `search` returns the best first."""

    backend = MEMORY

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
