"""Where the vectors are searched: SIMILAR_BACKEND picks one, `similar.index.current_index()`
hands it out, and every caller only uses its `search(query, k)` and `len()`.

- ``memory`` (the default): each process keeps a normalised float32 matrix of the
  Embedding rows (similar.backends.memory); about 150 MB at 100,000 threads.
- ``pgvector``: PostgreSQL searches a table of its own with an HNSW index
  (similar.backends.pgvector), for past one machine's memory (about a million threads);
  ``manage.py similar_pgvector --setup`` creates and fills it.

The Embedding rows stay the one record of every vector in both: the pgvector table is
an index of them that can be dropped and built again."""

from dataclasses import dataclass

MEMORY, PGVECTOR = "memory", "pgvector"
BACKENDS = (MEMORY, PGVECTOR)


@dataclass(frozen=True)
class Hit:
    kind: str
    object_id: int
    score: float  # cosine similarity, 1 = the same direction
