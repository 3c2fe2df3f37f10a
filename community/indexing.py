"""Keeping the search index current without slowing the request.

Haystack's RealtimeSignalProcessor writes to the index inside the request. We
send a Celery task after the transaction commits instead; the task loads the
row again and indexes it, or removes it when it is gone or no longer public.
"""

from django.db import models, transaction
from haystack import signals
from haystack.exceptions import NotHandled


def _search_target(instance: models.Model) -> tuple[type[models.Model], int] | None:
    """The indexed object that `instance` belongs to, as (model class, pk).

    A model whose rows are indexed as part of another (a post as part of its
    thread) says so with a ``search_parent()`` method.
    """
    parent = getattr(instance, "search_parent", None)
    if callable(parent):
        return parent()
    return type(instance), instance.pk


class _IndexBatch:
    """The objects one transaction changed, indexed once each after it commits.

    Asking a question saves a thread, a post and a revision; without batching
    that would be three index tasks for one thread.
    """

    def __init__(self):
        self.targets: set[tuple[str, int]] = set()
        self.flushed = False

    @classmethod
    def add(cls, label: str, pk: int) -> None:
        from community.tasks import tasks_are_muted

        if tasks_are_muted():
            return
        connection = transaction.get_connection()
        if not connection.in_atomic_block:
            _send_index_task(label, pk)
            return
        batch = getattr(connection, "_search_index_batch", None)
        # A rolled-back transaction drops its on-commit callbacks: start a new batch then.
        if (
            batch is None
            or batch.flushed
            or not any(c[1] == batch.flush for c in connection.run_on_commit)
        ):
            batch = cls()
            connection._search_index_batch = batch
            transaction.on_commit(batch.flush)
        batch.targets.add((label, pk))

    def flush(self) -> None:
        self.flushed = True
        for label, pk in sorted(self.targets):
            _send_index_task(label, pk)
        self.targets.clear()


def _send_index_task(label: str, pk: int) -> None:
    from community.tasks import update_search_index_task

    update_search_index_task.delay(model=label, pk=pk)


class CelerySignalProcessor(signals.BaseSignalProcessor):
    def setup(self):
        models.signals.post_save.connect(self.handle_save)
        models.signals.post_delete.connect(self.handle_delete)
        models.signals.m2m_changed.connect(self.handle_m2m_changed)

    def teardown(self):
        models.signals.post_save.disconnect(self.handle_save)
        models.signals.post_delete.disconnect(self.handle_delete)
        models.signals.m2m_changed.disconnect(self.handle_m2m_changed)

    def _is_indexed(self, model) -> bool:
        from haystack import connections

        try:
            connections["default"].get_unified_index().get_index(model)
        except NotHandled:
            return False
        return True

    def _enqueue(self, instance):
        target = _search_target(instance)
        if target is None:
            return
        model, pk = target
        if self._is_indexed(model):
            _IndexBatch.add(model._meta.label_lower, pk)

    def handle_save(self, sender, instance, **kwargs):
        self._enqueue(instance)

    def handle_delete(self, sender, instance, **kwargs):
        self._enqueue(instance)

    def handle_m2m_changed(self, sender, instance, action, reverse, **kwargs):
        # A thread's tags changed: index the thread again.
        if action in ("post_add", "post_remove", "post_clear") and not reverse:
            self._enqueue(instance)
