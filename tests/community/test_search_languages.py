"""Searching in the reader's language: the index knows each thread's language,
search_threads filters by it, the search page searches the reader's languages unless
asked for all, and results in another language than the page say which."""

import pytest
from django.urls import reverse
from django.utils import translation
from haystack import connections

from community.searching import search_threads, similar_solved_threads
from community.searching.whoosh_path import _index_has_languages
from community.services.solutions import accept_answer
from tests.community.search_helpers import titles
from tests.factories import MemberFactory, make_answer, make_thread

pytestmark = pytest.mark.django_db

SEARCH_URL = reverse("community:search")
SIMILAR_URL = reverse("community:ask_similar")
ENGLISH = "Router firmware update fails"
GERMAN = "Router Firmware Update schlägt fehl"


@pytest.fixture
def bilingual(indexed):
    """One English and one German thread about the same router, both solved."""
    connections["default"].get_backend().clear()
    with indexed():
        for title, body in (
            (ENGLISH, "The router firmware update fails with an error, what can I do?"),
            (GERMAN, "Das Firmware Update für meinen Router schlägt immer fehl, was kann ich tun?"),
        ):
            thread = make_thread(title=title, body=body)
            accept_answer(answer=make_answer(thread=thread), by=thread.author)
    yield
    connections["default"].get_backend().clear()


def test_thread_language_is_in_the_index(bilingual):
    results = search_threads(query="router")

    assert {(hit.title, hit.language) for hit in results.results} == {
        (ENGLISH, "en"),
        (GERMAN, "de"),
    }


@pytest.mark.parametrize(
    ("languages", "expected"),
    [(["en"], [ENGLISH]), (["de"], [GERMAN]), (None, [ENGLISH, GERMAN]), (["en", "de"], None)],
)
def test_search_threads_filters_by_language(bilingual, languages, expected):
    results = search_threads(query="router firmware", languages=languages)

    assert sorted(titles(results)) == sorted(expected or [ENGLISH, GERMAN])
    assert not results.languages_widened


def test_search_threads_ignores_unknown_languages(bilingual):
    assert sorted(titles(search_threads(query="router", languages=["xx"]))) == [GERMAN, ENGLISH]


def test_search_threads_searches_every_language_when_none_of_the_readers_matches(indexed):
    connections["default"].get_backend().clear()
    with indexed():
        make_thread(title="Invoice PDF is empty", body="The invoice PDF has no pages at all.")

    widened = search_threads(query="invoice", languages=["de"])
    strict = search_threads(query="invoice", languages=["de"], every_language_if_none=False)

    assert titles(widened) == ["Invoice PDF is empty"]
    assert widened.languages_widened
    assert strict.total == 0


def test_search_view_follows_a_members_languages_i_read(bilingual, client):
    member = MemberFactory(content_languages="de")
    client.force_login(member)
    response = client.get(SEARCH_URL, {"q": "router"})
    assert response.context["results"].languages == ("de",)


def test_search_view_shows_threads_in_the_readers_language_with_a_switch_to_all(bilingual, client):
    english = client.get(SEARCH_URL, {"q": "router"}, HTTP_ACCEPT_LANGUAGE="en")
    german = client.get(SEARCH_URL, {"q": "router"}, HTTP_ACCEPT_LANGUAGE="de")

    assert titles(english.context["results"]) == [ENGLISH]
    assert titles(german.context["results"]) == [GERMAN]
    content = english.content.decode()
    assert "Showing threads in English." in content
    assert 'href="?q=router&amp;lang=all">Show all languages</a>' in content
    assert 'name="lang" value="all">' in content  # the same switch in the filter form


def test_search_view_with_lang_all_shows_every_language_and_marks_the_other_one(bilingual, client):
    response = client.get(SEARCH_URL, {"q": "router", "lang": "all"}, HTTP_ACCEPT_LANGUAGE="en")

    results = response.context["results"]
    assert sorted(titles(results)) == [GERMAN, ENGLISH]
    labels = {hit.title: hit.language_label for hit in results.results}
    assert labels == {ENGLISH: "", GERMAN: "German"}
    content = response.content.decode()
    assert '<span class="badge" lang="de">German</span>' in content
    assert 'name="lang" value="all" checked>' in content
    assert "Show only threads in my language" in content


def test_search_view_accepts_an_explicit_list_of_languages(bilingual, client):
    response = client.get(
        SEARCH_URL, {"q": "router", "lang": ["de", "en"]}, HTTP_ACCEPT_LANGUAGE="en"
    )

    assert sorted(titles(response.context["results"])) == [GERMAN, ENGLISH]
    assert "Showing threads in German, English." in response.content.decode()


def test_search_view_says_when_it_shows_other_languages_because_none_matched(indexed, client):
    connections["default"].get_backend().clear()
    with indexed():
        make_thread(title="Invoice PDF is empty", body="The invoice PDF has no pages at all.")

    response = client.get(SEARCH_URL, {"q": "invoice"}, HTTP_ACCEPT_LANGUAGE="de")

    results = response.context["results"]
    assert titles(results) == ["Invoice PDF is empty"]
    assert results.languages_widened
    content = response.content.decode()
    assert "Kein Thema auf Deutsch passt" in content
    assert '<span class="badge" lang="en">Englisch</span>' in content  # named in German


def test_similar_solved_threads_shows_every_language_and_marks_other_ones(bilingual, client):
    with translation.override("en"):
        similar = similar_solved_threads("router firmware")

    assert {(s.title, s.language, s.language_label) for s in similar} == {
        (ENGLISH, "en", ""),
        (GERMAN, "de", "German"),
    }
    # The ask form's box: the two are one question in two languages, shown once, in the
    # reader's language (similar.translations).
    for language, shown, hidden in (("en", ENGLISH, GERMAN), ("de", GERMAN, ENGLISH)):
        content = client.get(
            SIMILAR_URL, {"title": "router firmware"}, HTTP_ACCEPT_LANGUAGE=language
        ).content.decode()
        assert shown in content and hidden not in content


@pytest.mark.parametrize(
    ("with_language", "documents", "filtered"),
    [
        (0, 10, False),  # built before threads had a language in the index
        (4, 10, False),  # the same, four threads indexed again since
        (10, 10, True),  # rebuilt
        (0, 0, False),  # empty
    ],
)
def test_an_index_is_filtered_by_language_only_when_every_thread_has_one(
    with_language, documents, filtered
):
    class Index:
        schema = {"language": object()}

        def doc_frequency(self, fieldname, term):
            return with_language if term == "en" else 0

        def doc_count(self):
            return documents

    assert _index_has_languages(Index()) is filtered
