"""Keeping the search index current without slowing the request.

Haystack's RealtimeSignalProcessor writes to the index inside the request. We
write an outbox message in the transaction instead (community.outbox), handed to
Celery after commit; the task loads the row again and indexes it, or removes it
when it is gone or no longer public.
"""

from django.db import models
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


def _send_index_task(label: str, pk: int) -> None:
    """Index `label`/`pk` after the transaction commits, through the outbox.

    Asking a question saves a thread, a post and a revision: the batch key makes that one
    index task per thread and transaction, not three.
    """
    from community.outbox import enqueue
    from community.tasks import update_search_index_task

    enqueue(
        update_search_index_task,
        {"model": label, "pk": pk},
        batch_key=f"search-index:{label}:{pk}",
    )


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
            _send_index_task(model._meta.label_lower, pk)

    def handle_save(self, sender, instance, **kwargs):
        self._enqueue(instance)

    def handle_delete(self, sender, instance, **kwargs):
        self._enqueue(instance)

    def handle_m2m_changed(self, sender, instance, action, reverse, **kwargs):
        # A thread's tags changed: index the thread again.
        if action in ("post_add", "post_remove", "post_clear") and not reverse:
            self._enqueue(instance)
