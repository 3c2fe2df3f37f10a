"""A question and its translation show once: on a small fixed example of hand-made vectors,
and in the ask form's suggestions (the asked title's vector is hand-made too: no model)."""

import numpy as np
import pytest
from django.utils import translation

from community.models import Thread
from community.searching import ask_suggestions
from community.services.solutions import accept_answer
from similar import embedder
from similar.embedder import DIMENSIONS
from similar.models import Embedding
from similar.services import bump_version
from similar.translations import TRANSLATION_COSINE, collapse_translations, translation_groups
from tests.factories import make_answer, make_thread


def unit(*weights) -> np.ndarray:
    vector = np.zeros(DIMENSIONS, dtype=np.float32)
    vector[: len(weights)] = weights
    return vector / np.linalg.norm(vector)


# "billing date" in English and its German translation (cosine 0.995), a different German
# question on the same subject (cosine 0.8 with both) and an English one far off.
VECTORS = {
    "billing-en": unit(1, 0.1, 0),
    "billing-de": unit(1, 0, 0),
    "invoice-de": unit(0.8, 0, 0.6),
    "roaming-en": unit(0, 0, 0, 1),
}
LANGUAGES = {"billing-en": "en", "billing-de": "de", "invoice-de": "de", "roaming-en": "en"}
RANKED = ["billing-en", "invoice-de", "billing-de", "roaming-en"]


def test_the_fixed_example_is_what_it_claims():
    cosine = float(VECTORS["billing-en"] @ VECTORS["billing-de"])
    assert cosine > TRANSLATION_COSINE
    assert float(VECTORS["billing-en"] @ VECTORS["invoice-de"]) < TRANSLATION_COSINE


def test_a_translation_joins_its_question_and_a_related_question_stays_apart():
    groups = translation_groups(RANKED, vectors=VECTORS, languages=LANGUAGES)
    assert groups == [["billing-en", "billing-de"], ["invoice-de"], ["roaming-en"]]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        # The reader's language wins, in the place of the better ranked of the two.
        ("de", ["billing-de", "invoice-de", "roaming-en"]),
        ("en", ["billing-en", "invoice-de", "roaming-en"]),
    ],
)
def test_collapse_keeps_the_one_in_the_readers_language(language, expected):
    kept = collapse_translations(RANKED, vectors=VECTORS, languages=LANGUAGES, language=language)
    assert kept == expected


def test_in_a_third_language_the_solved_one_stays():
    kept = collapse_translations(
        RANKED, vectors=VECTORS, languages=LANGUAGES, language="fr", solved={"billing-de"}
    )
    assert kept == ["billing-de", "invoice-de", "roaming-en"]


def test_two_near_identical_questions_in_one_language_both_show():
    vectors = {"a": unit(1, 0), "b": unit(1, 0.01)}
    kept = collapse_translations(
        ["a", "b"], vectors=vectors, languages={"a": "en", "b": "en"}, language="en"
    )
    assert kept == ["a", "b"]


def test_a_key_without_a_vector_stays_alone():
    kept = collapse_translations(
        ["billing-en", "new"],
        vectors={"billing-en": VECTORS["billing-en"]},
        languages={"billing-en": "en", "new": "de"},
        language="de",
    )
    assert kept == ["billing-en", "new"]


@pytest.mark.django_db
def test_the_ask_form_suggests_a_question_and_its_translation_once(
    monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(embedder, "get_model", lambda: None)  # vectors below are hand-made
    monkeypatch.setattr(embedder, "embed_query", lambda text: unit(1, 0.05, 0.3))
    monkeypatch.setattr(embedder, "embed_passages", lambda texts: [unit(0, 0, 0, 1)] * len(texts))
    threads = {}
    with django_capture_on_commit_callbacks(execute=True):
        for key, title, language in [
            ("billing-en", "Change the billing date of my invoice", "en"),
            ("billing-de", "Abbuchungsdatum der Rechnung ändern", "de"),
            ("invoice-de", "Rechnung doppelt abgebucht", "de"),
        ]:
            thread = make_thread(title=title, body="Please help, it matters to me.")
            Thread.objects.filter(pk=thread.pk).update(language=language)
            accept_answer(answer=make_answer(thread=thread), by=thread.author)
            threads[key] = thread
    for key, thread in threads.items():
        Embedding.objects.filter(kind="thread", object_id=thread.pk).update(
            vector=VECTORS[key].tobytes()
        )
    bump_version()
    for language, kept, gone in [
        ("de", "billing-de", "billing-en"),
        ("en", "billing-en", "billing-de"),
    ]:
        with translation.override(language):
            found = [item.pk for item in ask_suggestions("billing date")]
        assert threads[kept].pk in found
        assert threads[gone].pk not in found
        assert threads["invoice-de"].pk in found
