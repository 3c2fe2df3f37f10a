"""The pgvector backend: PostgreSQL searches the vectors through an HNSW index (cosine
distance), so no process holds them in memory: for past one machine's memory.

Its table, ``similar_pgvector``, is an index of the Embedding rows (one row per thread or
article: kind, object id, the vector as ``vector(384)`` and the Embedding row's
``updated_at``), kept apart from Django's models and migrations on purpose:

- ``CREATE EXTENSION vector`` fails where the server lacks pgvector and often needs a
  superuser, so it cannot be in a migration that every SQLite and PostgreSQL site runs;
- building the HNSW index of a million vectors takes minutes, which belongs in a command
  an operator starts (``manage.py similar_pgvector --setup``), not in a deploy's migrate.

The Embedding rows stay the one record: the table can be dropped and filled again from
them. Writes (similar.services.store_embedding) go to both in one transaction once the
table exists; a row carries its Embedding row's ``updated_at``, and an older vector never
replaces a newer one, so a fill running beside the worker cannot undo its writes.

Raw SQL through the database connection (psycopg 3): a vector travels as pgvector's text
form ``[0.1,0.2,…]`` cast to ``vector``."""

import logging
import threading
import time
from contextlib import nullcontext

import numpy as np
from django.conf import settings
from django.db import DatabaseError, connection, transaction

from similar.backends import PGVECTOR, Hit
from similar.embedder import DIMENSIONS
from similar.models import Embedding

logger = logging.getLogger(__name__)

TABLE = "similar_pgvector"
INDEX = "similar_pgvector_hnsw"
BATCH = 1000
# How many candidates the HNSW search keeps (pgvector's hnsw.ef_search; it returns no
# more rows than this). At 100,000 random vectors pgvector's default of 40 found the
# stored vector nearest to a query first for 70 % of the queries, 100 for about 90 %
# (README, "Similar questions at scale").
EF_SEARCH = 100
# How long this process trusts what it found out about the table (the setup command may
# run in another process at any time).
RECHECK_SECONDS = 30
SETUP_HINT = "run `manage.py similar_pgvector --setup`"
INSTALL_HINT = "install pgvector on the database server (Debian: postgresql-15-pgvector)"


class PgvectorUnavailable(RuntimeError):
    """pgvector cannot be used on this database; the message says why and what to do."""


def literal(vector) -> str:
    """pgvector's text form of a vector; 9 significant digits give back the same float32."""
    values = np.asarray(vector, dtype=np.float32).reshape(DIMENSIONS).tolist()
    return "[" + ",".join(f"{value:.9g}" for value in values) + "]"


def _table_exists(cursor) -> bool:
    cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [TABLE])
    return cursor.fetchone()[0]


def find_unavailable_reason() -> str | None:
    """Why the backend cannot search here, read from the database now; None when it can.
    The table without its HNSW index is not ready: the setup is still filling it (or was
    stopped before the index), and every search would read the whole table."""
    if connection.vendor != "postgresql":
        return f"pgvector needs PostgreSQL, the database is {connection.vendor}"
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT to_regclass(%s) IS NOT NULL, to_regclass(%s) IS NOT NULL,"
            " EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'vector'),"
            " EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'vector')",
            [TABLE, INDEX],
        )
        table, index, installed, available = cursor.fetchone()
    if table and index:
        return None
    if table:
        return f"the HNSW index {INDEX} is missing: {SETUP_HINT}"
    if not (installed or available):
        return f"the PostgreSQL server has no pgvector extension: {INSTALL_HINT}"
    return f"the table {TABLE} is missing: {SETUP_HINT}"


_lock = threading.Lock()
_known: dict = {}


def unavailable_reason() -> str | None:
    """find_unavailable_reason(), remembered for RECHECK_SECONDS; a warning in the log each
    time the answer becomes a (new) reason."""
    now = time.monotonic()
    with _lock:
        if "checked" in _known and now - _known["checked"] < RECHECK_SECONDS:
            return _known["reason"]
    reason = find_unavailable_reason()
    with _lock:
        if reason is not None and reason != _known.get("reason"):
            logger.warning(
                "similar: SIMILAR_BACKEND is pgvector but %s; searching in memory", reason
            )
        _known.update(reason=reason, checked=now)
    return reason


def forget() -> None:
    with _lock:
        _known.clear()


def wanted() -> bool:
    return settings.SIMILAR_BACKEND == PGVECTOR


class PgvectorIndex:
    """The same interface as the memory index: `search(query, k)` and `len()`."""

    backend = PGVECTOR

    def __len__(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {TABLE}")
            return cursor.fetchone()[0]

    def vector(self, kind: str, object_id: int) -> np.ndarray | None:
        """The stored unit vector of one thread or article (from its Embedding row, the one
        record of every vector: one query), None when it has none yet."""
        raw = (
            Embedding.objects.filter(kind=kind, object_id=object_id)
            .values_list("vector", flat=True)
            .first()
        )
        if raw is None:
            return None
        vector = np.frombuffer(bytes(raw), dtype=np.float32)
        return vector / max(float(np.linalg.norm(vector)), 1e-12)

    def search(self, query: np.ndarray, k: int) -> list[Hit]:
        """The k nearest by cosine, best first, through the HNSW index: approximate, it
        can miss a neighbour the exact product finds (see EF_SEARCH). A database error
        gives no hits and switches this process back to memory until the next check,
        never an error page."""
        if k <= 0:
            return []
        # Inside a transaction a failed statement would spoil the rest of it: a savepoint.
        guard = transaction.atomic() if connection.in_atomic_block else nullcontext()
        try:
            with guard, connection.cursor() as cursor:
                cursor.execute(
                    "SELECT set_config('hnsw.ef_search', %s, false)", [str(max(k, EF_SEARCH))]
                )
                cursor.execute(
                    "SELECT kind, object_id, 1 - distance FROM ("
                    f" SELECT kind, object_id, embedding <=> %s::vector AS distance FROM {TABLE}"
                    " ORDER BY distance LIMIT %s) AS nearest",
                    [literal(query), k],
                )
                rows = cursor.fetchall()
        except DatabaseError as error:
            logger.warning("similar: the pgvector search failed, searching in memory (%s)", error)
            with _lock:
                reason = f"the search failed: {type(error).__name__}"
                _known.update(reason=reason, checked=time.monotonic())
            return []
        return [Hit(kind, object_id, float(score)) for kind, object_id, score in rows]


# --- writes ---------------------------------------------------------------------------------

UPSERT = (
    f"INSERT INTO {TABLE} (kind, object_id, embedding, updated_at)"
    " VALUES (%s, %s, %s::vector, %s)"
    " ON CONFLICT (kind, object_id) DO UPDATE"
    " SET embedding = EXCLUDED.embedding, updated_at = EXCLUDED.updated_at"
    f" WHERE {TABLE}.updated_at <= EXCLUDED.updated_at"
)


def write(row: Embedding) -> bool:
    """Store (or replace) the vector of this Embedding row when SIMILAR_BACKEND is pgvector
    and the table exists; False when there is nothing to write to."""
    if not wanted() or connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        if not _table_exists(cursor):
            return False
        cursor.execute(
            UPSERT,
            [row.kind, row.object_id, literal(np.frombuffer(bytes(row.vector), np.float32)),
             row.updated_at],
        )  # fmt: skip
    return True


def delete(kind: str, object_id: int) -> bool:
    """Remove the vector of a thread or article that is gone; False when there is no table."""
    if not wanted() or connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        if not _table_exists(cursor):
            return False
        cursor.execute(f"DELETE FROM {TABLE} WHERE kind = %s AND object_id = %s", [kind, object_id])
    return True


# --- setup ----------------------------------------------------------------------------------


def create_extension() -> None:
    """`CREATE EXTENSION vector` unless it is there (needs the right to create it)."""
    if connection.vendor != "postgresql":
        raise PgvectorUnavailable(f"pgvector needs PostgreSQL, the database is {connection.vendor}")
    with connection.cursor() as cursor:
        cursor.execute("SELECT extversion FROM pg_extension WHERE extname = 'vector'")
        if cursor.fetchone() is not None:
            return
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'vector'")
        if cursor.fetchone() is None:
            raise PgvectorUnavailable(
                f"the PostgreSQL server has no pgvector extension: {INSTALL_HINT}"
            )
        try:
            with transaction.atomic():
                cursor.execute("CREATE EXTENSION IF NOT EXISTS vector")
        except DatabaseError as error:
            raise PgvectorUnavailable(
                f"cannot create the extension ({error}); a superuser can: CREATE EXTENSION vector"
            ) from error


def create_table() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {TABLE} ("
            " kind varchar(8) NOT NULL,"
            " object_id integer NOT NULL,"
            f" embedding vector({DIMENSIONS}) NOT NULL,"
            " updated_at timestamp with time zone NOT NULL,"
            " PRIMARY KEY (kind, object_id))"
        )


def create_index() -> None:
    """The HNSW index (cosine, pgvector's defaults m = 16, ef_construction = 64); built
    after the fill, which is faster than growing it row by row. The build is much faster
    while its graph fits in the server's maintenance_work_mem (PostgreSQL's notice says
    when it does not)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON {TABLE} USING hnsw (embedding vector_cosine_ops)"
        )


def fill(progress=lambda done, total: None) -> int:
    """Copy every Embedding row into the table in batches (newer vectors are kept), then
    remove the rows whose Embedding is gone; the number of rows copied."""
    total = Embedding.objects.count()
    done, last = 0, 0
    with connection.cursor() as cursor:
        while True:
            batch = list(
                Embedding.objects.filter(pk__gt=last)
                .order_by("pk")
                .values_list("pk", "kind", "object_id", "vector", "updated_at")[:BATCH]
            )
            if not batch:
                break
            cursor.executemany(
                UPSERT,
                [
                    (kind, object_id, literal(np.frombuffer(bytes(raw), np.float32)), updated)
                    for _pk, kind, object_id, raw, updated in batch
                ],
            )
            last = batch[-1][0]
            done += len(batch)
            progress(done, total)
        cursor.execute(
            f"DELETE FROM {TABLE} AS p WHERE NOT EXISTS (SELECT 1 FROM"
            f" {Embedding._meta.db_table} AS e WHERE e.kind = p.kind AND e.object_id = p.object_id)"
        )
    return done


def setup(*, log=lambda line: None, progress=lambda done, total: None) -> int:
    """Extension, table, every stored vector, HNSW index: what `--setup` does. Idempotent;
    run again it brings the table up to the Embedding rows. The number of vectors."""
    create_extension()
    create_table()
    log(f"copying the stored vectors into {TABLE}…")
    copied = fill(progress)
    log(f"building the HNSW index {INDEX} (if missing)…")
    create_index()
    forget()
    return copied


def drop() -> None:
    """Remove the table and its index (the extension stays); searching goes back to memory."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")
    forget()


def has_hnsw_index() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT EXISTS (SELECT 1 FROM pg_indexes WHERE tablename = %s AND indexname = %s"
            " AND indexdef LIKE %s)",
            [TABLE, INDEX, "%USING hnsw (embedding vector_cosine_ops)%"],
        )
        return cursor.fetchone()[0]
