"""/healthz line "embeddings": down (with the reason) when the model cannot load, which
means the ask form's suggestions are keyword-only."""

from community.views.health import CheckFailed
from similar import embedder
from similar.index import current_index


def check_embedder() -> dict:
    reason = embedder.unavailable_reason()
    if reason is not None:
        raise CheckFailed(f"model unavailable, keyword suggestions only: {reason}")
    return {"vectors": len(current_index())}
