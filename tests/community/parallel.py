"""Requests and service calls at the same moment, each thread on its own database connection.

Use with ``@pytest.mark.django_db(transaction=True)``: the threads must see each
other's commits, which a test wrapped in one transaction would hide.
"""

import threading

import pytest
from celery._state import _set_task_join_will_block, task_join_will_block
from django.db import connection, connections

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason=(
        "SQLite lets one writer in at a time (a write transaction locks the whole file), "
        "so these requests cannot race there; row locks and concurrent inserts are "
        "proved on PostgreSQL (DATABASE_URL=postgres://…)"
    ),
)


def run_in_parallel(function, times: int) -> list:
    """Call ``function(i)`` for i in range(`times`), all threads released at once.

    Returns each call's result, or the exception it raised, in order.

    Tasks run inline in tests, and Celery guards an inline task with a process-wide flag
    ("a task must not wait for another task's result") that it sets and restores without a
    lock: threads overlapping there can leave it set, and every later ``result.get()`` in
    this test process (the real-worker tests) would then refuse to wait. Put it back.
    """
    join_will_block = task_join_will_block()
    barrier = threading.Barrier(times)
    results: list = [None] * times

    def run(i: int) -> None:
        try:
            barrier.wait(timeout=30)
            results[i] = function(i)
        except BaseException as error:  # reported to the test, which asserts on it
            results[i] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    _set_task_join_will_block(join_will_block)
    return results
