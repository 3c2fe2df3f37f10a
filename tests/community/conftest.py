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
        # A real commit forgets the callbacks it ran; the capture does not: forget them too,
        # so the next block starts like a fresh transaction.
        del connection.run_on_commit[start:]

    return committed


@pytest.fixture
def listen():
    """``calls = listen(signal)`` connects a real receiver that records every send.

    Each entry is ``{"sender": …, **arguments}`` as a listening app would get them;
    the receiver is disconnected after the test.
    """
    connected = []

    def connect(signal) -> list[dict]:
        calls: list[dict] = []

        def receiver(sender, signal, **kwargs):
            calls.append({"sender": sender, **kwargs})

        signal.connect(receiver, weak=False)
        connected.append((signal, receiver))
        return calls

    yield connect
    for signal, receiver in connected:
        signal.disconnect(receiver)
