"""Fixtures the community tests share."""

from contextlib import contextmanager

import pytest
from django.db import transaction


@pytest.fixture
def indexed(django_capture_on_commit_callbacks):
    """``with indexed(): …`` commits the writes in the block and runs their index tasks."""

    @contextmanager
    def committed():
        connection = transaction.get_connection()
        start = len(connection.run_on_commit)
        with django_capture_on_commit_callbacks(execute=True):
            yield
        # A real commit forgets the callbacks it ran; the capture does not. Without this,
        # community.indexing would add the next block's threads to the batch already sent.
        del connection.run_on_commit[start:]

    return committed
