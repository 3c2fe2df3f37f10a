"""Celery tasks (registered in every process: similar/apps.py imports this module)."""

from celery import shared_task


@shared_task(name="similar.embed", acks_late=True)
def embed_task(*, kind: str, object_id: int) -> bool:
    from similar.embedder import EmbedderUnavailable
    from similar.services import store_embedding

    try:
        return store_embedding(kind, object_id)
    except EmbedderUnavailable:
        return False  # logged once by the embedder; `manage.py embed --missing` catches up
