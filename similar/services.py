"""Embedding threads and articles and storing the vectors (after commit, in Celery)."""

import hashlib

import numpy as np
from django.core.cache import cache
from django.db import transaction

from similar import embedder
from similar.backends import pgvector
from similar.models import Embedding

BODY_CHARS = 400  # the start of the body: e5-small reads 512 tokens, titles carry most
VERSION_KEY = "similar:index-version"


def thread_text(thread) -> str:
    opening = thread.posts.filter(is_opening=True).values_list("body", flat=True).first() or ""
    return f"{thread.title}\n{opening[:BODY_CHARS]}".strip()


def article_text(article) -> str:
    start = article.summary or article.body[:BODY_CHARS]
    return f"{article.title}\n{start}".strip()


def _source(kind: str, object_id: int):
    """The text to embed, or None when the object is gone (nothing to store)."""
    if kind == Embedding.Kind.THREAD:
        from community.models import Thread

        thread = Thread.objects.filter(pk=object_id).first()
        return None if thread is None else thread_text(thread)
    from knowledge.models import Article

    article = Article.objects.filter(pk=object_id).first()
    return None if article is None else article_text(article)


def bump_version() -> None:
    """Tell every process's index to reload (similar.index compares this number)."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 1, None)


def store_embedding(kind: str, object_id: int, *, force: bool = False) -> bool:
    """Embed one object and store its vector; False when nothing changed or it is gone.
    Idempotent: the same text with the same model version is not embedded again."""
    text = _source(kind, object_id)
    if text is None:
        with transaction.atomic():
            deleted, _ = Embedding.objects.filter(kind=kind, object_id=object_id).delete()
            pgvector.delete(kind, object_id)
        if deleted:
            bump_version()
        return False
    digest = hashlib.sha256(text.encode()).hexdigest()
    version = embedder.model_version()
    current = Embedding.objects.filter(kind=kind, object_id=object_id).first()
    if (
        not force
        and current is not None
        and current.text_hash == digest
        and current.model_version == version
    ):
        return False
    vector = embedder.embed_passages([text])[0]
    with transaction.atomic():
        row, _created = Embedding.objects.update_or_create(
            kind=kind,
            object_id=object_id,
            defaults={
                "model_name": embedder.MODEL_NAME,
                "model_version": version,
                "vector": np.ascontiguousarray(vector, dtype=np.float32).tobytes(),
                "text_hash": digest,
            },
        )
        pgvector.write(row)  # with SIMILAR_BACKEND=pgvector, once its table exists
    bump_version()
    return True
