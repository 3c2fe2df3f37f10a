"""/healthz line "embeddings": down (with the reason) when the model cannot load, which
means the ask form's suggestions are keyword-only. Otherwise it names the backend that
SIMILAR_BACKEND asks for and whether it is ready: pgvector without its table (or on
SQLite) is not an outage, the process searches in memory, and the line warns why."""

from django.conf import settings

from community.views.health import CheckFailed
from similar import embedder
from similar.backends import pgvector
from similar.index import current_index


def check_embedder() -> dict:
    reason = embedder.unavailable_reason()
    if reason is not None:
        raise CheckFailed(f"model unavailable, keyword suggestions only: {reason}")
    problem = pgvector.unavailable_reason() if pgvector.wanted() else None
    entry = {
        "backend": settings.SIMILAR_BACKEND,
        "ready": problem is None,
        "vectors": len(current_index()),
    }
    if problem is not None:
        entry["warning"] = f"searching in memory: {problem}"
    return entry
