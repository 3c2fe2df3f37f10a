"""SIMILAR_BACKEND=pgvector where pgvector cannot search (SQLite, a PostgreSQL server
without the extension, or before `similar_pgvector --setup`): the process searches in
memory, with a warning in the log and in /healthz, never an error page. These run on
every database; the pgvector table is never set up here."""

import logging

import numpy as np
import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from similar import embedder
from similar.backends import pgvector
from similar.index import current_index
from similar.models import Embedding
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pgvector_configured(settings):
    settings.SIMILAR_BACKEND = "pgvector"


def expected_reason() -> str:
    if connection.vendor != "postgresql":
        return "pgvector needs PostgreSQL"
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'vector'")
        available = cursor.fetchone() is not None
    return "similar_pgvector --setup" if available else "no pgvector extension"


def test_without_its_table_the_process_searches_in_memory_with_a_warning(
    pgvector_configured, caplog
):
    unit = np.zeros(384, np.float32)
    unit[3] = 1
    Embedding.objects.create(
        kind="thread", object_id=5, model_name="m", model_version="v", vector=unit.tobytes()
    )
    with caplog.at_level(logging.WARNING, logger="similar.backends.pgvector"):
        index = current_index()
        current_index()
    assert index.backend == "memory"
    assert [hit.object_id for hit in index.search(unit, 3)] == [5]
    warnings = [record.getMessage() for record in caplog.records]
    assert len(warnings) == 1  # once, not on every search
    assert expected_reason() in warnings[0]
    assert "searching in memory" in warnings[0]


def test_healthz_names_the_backend_and_warns_that_it_is_not_ready(
    pgvector_configured, client, monkeypatch
):
    monkeypatch.setattr(embedder, "unavailable_reason", lambda: None)
    client.force_login(StaffFactory())
    response = client.get(reverse("healthz"))
    entry = response.json()["checks"]["embeddings"]
    assert entry["status"] == "ok"  # a slower search, not an outage
    assert (entry["backend"], entry["ready"], entry["vectors"]) == ("pgvector", False, 0)
    assert expected_reason() in entry["warning"]


def test_healthz_says_the_memory_backend_is_ready(client, monkeypatch):
    monkeypatch.setattr(embedder, "unavailable_reason", lambda: None)
    client.force_login(StaffFactory())
    entry = client.get(reverse("healthz")).json()["checks"]["embeddings"]
    assert (entry["backend"], entry["ready"]) == ("memory", True)
    assert "warning" not in entry


def test_writes_skip_the_missing_table(pgvector_configured):
    unit = np.ones(384, np.float32)
    row = Embedding.objects.create(
        kind="thread", object_id=5, model_name="m", model_version="v", vector=unit.tobytes()
    )
    assert pgvector.write(row) is False
    assert pgvector.delete("thread", 5) is False


def test_setup_refuses_where_pgvector_cannot_work_and_says_why():
    reason = expected_reason()
    if reason == "similar_pgvector --setup":
        pytest.skip("this server has pgvector: tests/similar/test_pgvector.py sets it up")
    with pytest.raises(CommandError, match=reason):
        call_command("similar_pgvector", "--setup")
