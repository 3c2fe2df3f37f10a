"""Embed after commit, through the durable outbox: the model never runs in a request."""

from django.dispatch import receiver

from community import signals as community_signals
from community.outbox import enqueue
from knowledge import signals as knowledge_signals


def _enqueue(kind: str, object_id: int) -> None:
    enqueue(
        "similar.embed",
        {"kind": kind, "object_id": object_id},
        batch_key=f"similar.embed:{kind}:{object_id}",
    )


@receiver(community_signals.thread_asked, dispatch_uid="similar.thread_asked")
def thread_asked(sender, thread, **kwargs):
    _enqueue("thread", thread.pk)


@receiver(community_signals.thread_retitled, dispatch_uid="similar.thread_retitled")
def thread_retitled(sender, thread, **kwargs):
    _enqueue("thread", thread.pk)


@receiver(community_signals.post_edited, dispatch_uid="similar.post_edited")
def post_edited(sender, post, **kwargs):
    if post.is_opening:
        _enqueue("thread", post.thread_id)


@receiver(knowledge_signals.article_published, dispatch_uid="similar.article_published")
def article_published(sender, article, **kwargs):
    _enqueue("article", article.pk)


@receiver(knowledge_signals.article_updated, dispatch_uid="similar.article_updated")
def article_updated(sender, article, **kwargs):
    _enqueue("article", article.pk)
