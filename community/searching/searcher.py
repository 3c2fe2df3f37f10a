"""The Whoosh searcher: one per thread, on haystack's index on disk, reopened when it changed."""

import os
import threading

from django.core.exceptions import ImproperlyConfigured

_local = threading.local()


def _backend():
    from haystack import connections
    from haystack.backends.whoosh_backend import WhooshSearchBackend

    backend = connections["default"].get_backend()
    if not isinstance(backend, WhooshSearchBackend) or not backend.use_file_storage:
        raise ImproperlyConfigured("community.searching needs haystack's Whoosh engine on disk.")
    if not backend.setup_complete:
        backend.setup()
    return backend


def current_searcher():
    """A Whoosh searcher on the latest index, kept open between requests on this thread.

    Opening one costs ~25 ms at 10,000 threads, so it is reopened only when
    the index folder changed. The listing, not Whoosh's generation number,
    decides: a rebuilt index starts counting generations again, but its
    segment files have new names.
    """
    backend = _backend()
    try:
        state = (backend.path, tuple(sorted(os.listdir(backend.path))))
    except FileNotFoundError:
        backend.setup()  # the folder was removed (index cleared): create an empty index
        state = (backend.path, tuple(sorted(os.listdir(backend.path))))
    cached = getattr(_local, "searcher", None)
    if cached is not None and cached[0] == state:
        return cached[1]
    searcher = backend.index.refresh().searcher()
    if cached is not None:
        cached[1].close()
    _local.searcher = (state, searcher)
    return searcher
