"""The ask form's hybrid suggestions in ``manage.py bench`` (group "similar").

Registered in SimilarConfig.ready() as a benchmark extension; only the benchmark imports
this module. Every thread of community's data set gets a SYNTHETIC random unit vector
(model name "synthetic-bench"): the bench's thread texts are generated, and embedding
10,000 of them with the real model would take minutes, while random vectors cost the
same to search. The asked titles are embedded by the real model on every request, so the
measured time is the real one: keyword search + query embedding + matrix product (or,
with SIMILAR_BACKEND=pgvector, the HNSW search in PostgreSQL: the build fills its table
too) + the queries that describe the hits. Quality is measured by
``manage.py eval_similar``, which ``report`` runs after the timings."""

from urllib.parse import urlencode

import numpy as np
from django.conf import settings
from django.db import transaction

from community.benchmark.data import Size
from community.benchmark.pages import VISITOR, Page, Request, Target
from community.models import Thread
from similar.backends import pgvector
from similar.embedder import DIMENSIONS
from similar.evaluation import load_pairs
from similar.models import Embedding
from similar.services import bump_version

SYNTHETIC = "synthetic-bench"
BATCH = 2000
# The target: a suggestion answers in under 60 ms in-process at 10,000 threads.
SIMILAR_TARGET = Target(median_ms=60)


def find(size: Size) -> bool | None:
    """True if every public thread has its synthetic vector, else None (build again)."""
    threads = Thread.objects.public().count()
    vectors = Embedding.objects.filter(model_name=SYNTHETIC).count()
    if threads == 0 or vectors != threads or Embedding.objects.count() != vectors:
        return None
    if pgvector.wanted() and (
        pgvector.find_unavailable_reason() is not None or len(pgvector.PgvectorIndex()) != vectors
    ):
        return None
    return True


def build(size: Size, log=lambda line: None) -> bool:
    rng = np.random.default_rng(20)
    ids = list(Thread.objects.public().values_list("pk", flat=True))
    with transaction.atomic():
        Embedding.objects.all().delete()
        for start in range(0, len(ids), BATCH):
            chunk = ids[start : start + BATCH]
            vectors = rng.standard_normal((len(chunk), DIMENSIONS), dtype=np.float32)
            vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
            Embedding.objects.bulk_create(
                Embedding(
                    kind="thread",
                    object_id=pk,
                    model_name=SYNTHETIC,
                    model_version=SYNTHETIC,
                    vector=vector.tobytes(),
                    text_hash="",
                )
                for pk, vector in zip(chunk, vectors, strict=True)
            )
    bump_version()
    log(f"  {len(ids)} synthetic vectors")
    if pgvector.wanted():
        pgvector.setup(log=lambda line: log(f"  {line}"))
    return True


def report(log=print) -> None:
    """Recall@1 and recall@5 of keyword, embedding and hybrid suggestions per language and
    across languages, printed after the bench's timings: ``manage.py eval_similar`` on the
    labelled paraphrases, in a throw-away database of its own (the bench's synthetic
    vectors say nothing about quality)."""
    from django.core.management import call_command

    log("\nSimilar questions: recall on similar/eval/paraphrases.json (manage.py eval_similar)")
    call_command("eval_similar")


def _titles() -> list[str]:
    return [pair["asked"]["text"] for pair in load_pairs()]


def _suggest(data, round_number: int) -> list[Request]:
    titles = _titles()
    title = titles[round_number % len(titles)]
    return [Request("/ask/similar/?" + urlencode({"title": title}))]


PAGES: list[Page] = [
    Page(
        f"ask form: similar questions (hybrid, {settings.SIMILAR_BACKEND})",
        VISITOR,
        "similar",
        _suggest,
        SIMILAR_TARGET,
        every_size=True,
        notes="synthetic random vectors for the threads; the asked title is embedded for real",
    ),
]
