"""Celery tasks: thin, idempotent, given ids or plain data, never model instances."""

import contextvars
import logging
import os
import shutil
import time
from contextlib import contextmanager
from pathlib import Path

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction

logger = logging.getLogger(__name__)

_muted = contextvars.ContextVar("community_tasks_muted", default=False)


@contextmanager
def tasks_muted():
    """Send no tasks from this block: for bulk imports such as the demo data, whose
    history must not e-mail anyone and whose search index is rebuilt afterwards."""
    token = _muted.set(True)
    try:
        yield
    finally:
        _muted.reset(token)


def tasks_are_muted() -> bool:
    return _muted.get()


def enqueue_on_commit(task, **kwargs) -> None:
    """Send `task` with `kwargs` once the current transaction commits (never before)."""
    if _muted.get():
        return
    transaction.on_commit(lambda: task.delay(**kwargs))


@shared_task(name="community.ping")
def ping_task() -> str:
    """The health check's round trip through broker and worker."""
    return "pong"


@shared_task(
    name="community.send_email",
    acks_late=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def send_email_task(*, subject: str, body: str, from_email: str, to: list[str], html=None) -> None:
    message = EmailMultiAlternatives(subject, body, from_email, to)
    if html:
        message.attach_alternative(html, "text/html")
    message.send()
    logger.info("email sent", extra={"to_count": len(to), "subject": subject})


@shared_task(name="community.prune_task_results")
def prune_task_results(max_age_seconds: int = 3600) -> int:
    """Delete old result files and processed messages of the file-system broker."""
    removed = 0
    cutoff = time.time() - max_age_seconds
    folders = [settings.CELERY_DATA_DIR / "processed", settings.CELERY_DATA_DIR / "results"]
    for folder in folders:
        if not Path(folder).is_dir():
            continue
        for entry in os.scandir(folder):
            if entry.is_file() and entry.stat().st_mtime < cutoff:
                Path(entry.path).unlink(missing_ok=True)
                removed += 1
            elif entry.is_dir() and entry.stat().st_mtime < cutoff:
                shutil.rmtree(entry.path, ignore_errors=True)
    return removed


@shared_task(
    name="community.update_search_index",
    acks_late=True,
    autoretry_for=(Exception,),
    retry_backoff=True,
    max_retries=5,
)
def update_search_index_task(*, model: str, pk: int) -> str:
    """Index the row `model`/`pk` if it should be found, else remove it. Safe to repeat."""
    from django.apps import apps
    from haystack import connections

    model_class = apps.get_model(model)
    index = connections["default"].get_unified_index().get_index(model_class)
    instance = index.index_queryset().filter(pk=pk).first()
    if instance is not None:
        index.update_object(instance)
        return "indexed"
    index.remove_object(f"{model_class._meta.label_lower}.{pk}")
    return "removed"


_NOTIFY = {"acks_late": True, "autoretry_for": (OSError,), "retry_backoff": True, "max_retries": 5}


@shared_task(name="community.notify_new_thread", **_NOTIFY)
def notify_new_thread_task(*, thread_id: int) -> int:
    from community.services.notifications import notify_new_thread

    return notify_new_thread(thread_id=thread_id)


@shared_task(name="community.notify_new_answer", **_NOTIFY)
def notify_new_answer_task(*, post_id: int) -> int:
    from community.services.notifications import notify_new_answer

    return notify_new_answer(post_id=post_id)


@shared_task(name="community.notify_solution", **_NOTIFY)
def notify_solution_task(*, post_id: int, by_id: int) -> int:
    from community.services.notifications import notify_solution

    return notify_solution(post_id=post_id, by_id=by_id)


@shared_task(name="community.notify_idea_status", **_NOTIFY)
def notify_idea_status_task(*, change_id: int) -> int:
    from community.services.notifications import notify_idea_status

    return notify_idea_status(change_id=change_id)


@shared_task(name="community.rerender_posts", acks_late=True)
def rerender_posts_task(*, post_ids: list[int]) -> int:
    from community.services.rendering import rerender_posts

    return rerender_posts(post_ids=post_ids)


@shared_task(
    name="community.reindex_space",
    acks_late=True,
    autoretry_for=(Exception,),
    retry_backoff=True,
    max_retries=5,
)
def reindex_space_task(*, space_id: int) -> str:
    """Renew the search entries of every thread in a space (renamed, switched off or on)."""
    from community.models import Thread
    from community.services.search_index import reindex_threads

    thread_ids = list(Thread.objects.filter(space_id=space_id).values_list("pk", flat=True))
    indexed, removed = reindex_threads(thread_ids)
    return f"indexed {indexed}, removed {removed}"
