"""Rebuilding the whole search index fast (``manage.py rebuild_search_index``).

haystack's ``rebuild_index`` empties the index, then indexes in batches of
BATCH_SIZE, each batch a Whoosh writer of its own that replaces every document one
by one (a look-up per document) and commits a segment, which Whoosh then merges
again and again. At 10,000 threads with 100,000 posts that took minutes.

Here one writer takes every document (added, not replaced: the writer starts from
nothing) with a large memory budget, and commits once, replacing the old index in
the same step: searches answer from the old index until the new one is complete.
With ``procs`` above 1 Whoosh analyzes and writes in that many processes, each a
segment of its own (one segment per process; searches read them all). Threads are
read from the database in batches by primary key, each batch in a fixed number of
queries.

Other engines (Elasticsearch) are rebuilt with haystack's ``rebuild_index``, which
sends batches in bulk. Incremental updates (community.indexing) are unchanged.
"""

import time
from collections.abc import Callable
from contextlib import contextmanager

from django.core.management import call_command

from community.searching.searcher import _backend

BATCH_SIZE = 500  # threads read from the database at a time
WRITER_MEMORY_MB = 512  # Whoosh's buffer before it spills postings to temporary files
LOCK_WAIT_SECONDS = 60  # for an index update that is writing when the rebuild starts


def _is_whoosh_on_disk() -> bool:
    from haystack import connections
    from haystack.backends.whoosh_backend import WhooshSearchBackend

    backend = connections["default"].get_backend()
    return isinstance(backend, WhooshSearchBackend) and backend.use_file_storage


def _batches(index, batch_size: int):
    """`index`'s objects in primary key order, `batch_size` at a time."""
    queryset = index.index_queryset()
    last = None
    while True:
        batch = queryset.filter(pk__gt=last) if last is not None else queryset
        batch = list(batch.order_by("pk")[:batch_size])
        if not batch:
            return
        yield batch
        last = batch[-1].pk


@contextmanager
def _missing_columns_remembered():
    """Whoosh looks on disk (a system call) for a field's length file at every posting of a
    field that has none (the spelling words): about a million times per rebuild. The new
    segment's files do not change while it is written: remember the answer meanwhile."""
    from whoosh.codec.whoosh3 import W3PerDocReader

    original = W3PerDocReader._cached_reader

    def cached_reader(self, fieldname, column):
        missing = self.__dict__.setdefault("_missing_columns", set())
        if fieldname in missing:
            return None
        reader = original(self, fieldname, column)
        if reader is None:
            missing.add(fieldname)
        return reader

    W3PerDocReader._cached_reader = cached_reader
    try:
        yield
    finally:
        W3PerDocReader._cached_reader = original


def rebuild_search_index(
    *,
    batch_size: int = BATCH_SIZE,
    procs: int = 1,
    memory_mb: int = WRITER_MEMORY_MB,
    progress: Callable[[str, int, int], None] | None = None,
) -> int:
    """Index every indexed object again and replace the index with the result.

    `progress(label, done, total)` is called after each batch. Returns how many
    documents the index holds. On an engine other than Whoosh on disk, runs
    haystack's ``rebuild_index`` and returns -1 (it counts for itself).
    """
    if not _is_whoosh_on_disk():
        call_command("rebuild_index", interactive=False, verbosity=0)
        return -1

    from haystack import connections

    backend = _backend()
    backend.setup()  # the schema of the current code, whatever the index on disk has
    unified = connections["default"].get_unified_index()
    with _missing_columns_remembered():  # in the writer's processes too: they fork from here
        return _write_everything(backend, unified, batch_size, procs, memory_mb, progress)


def _write_everything(backend, unified, batch_size, procs, memory_mb, progress) -> int:
    from haystack.exceptions import SkipDocument
    from whoosh.writing import CLEAR

    # With several processes each writes a segment of its own, kept as it is (merging
    # them would cost as much again); searches read any number of segments.
    writer = backend.index.writer(
        limitmb=memory_mb,
        procs=procs,
        multisegment=procs > 1,
        timeout=LOCK_WAIT_SECONDS,
        delay=0.25,
    )
    added = 0
    try:
        for model, index in unified.get_indexes().items():
            total = index.index_queryset().count()
            done = 0
            label = str(model._meta.verbose_name_plural)
            for batch in _batches(index, batch_size):
                for obj in batch:
                    try:
                        document = index.full_prepare(obj)
                    except SkipDocument:
                        continue
                    document.pop("boost", None)  # Whoosh has no document boosts
                    writer.add_document(
                        **{key: backend._from_python(value) for key, value in document.items()}
                    )
                    added += 1
                done += len(batch)
                if progress is not None:
                    progress(label, done, total)
        # CLEAR: the new segments replace every old one, in the same commit.
        writer.commit(mergetype=CLEAR)
    except BaseException:
        writer.cancel()
        raise
    return added


class ProgressBar:
    """``Indexing threads [#####.....] 5,000/10,000 50 % 12 s`` on one line, redrawn."""

    WIDTH = 30

    def __init__(self, stream, *, redraw: bool):
        self.stream = stream
        self.redraw = redraw
        self.started = time.monotonic()

    def __call__(self, label: str, done: int, total: int) -> None:
        share = done / total if total else 1.0
        filled = int(self.WIDTH * share)
        bar = "#" * filled + "." * (self.WIDTH - filled)
        elapsed = time.monotonic() - self.started
        line = f"Indexing {label} [{bar}] {done:,}/{total:,} {share:4.0%} {elapsed:.0f} s"
        if self.redraw:
            self.stream.write("\r" + line + ("\n" if done >= total else ""), ending="")
        else:
            self.stream.write(line)
        self.stream.flush()
