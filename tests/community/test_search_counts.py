"""How a search counts what it found: exactly up to COUNT_LIMIT, then “more
than”; a phrase of common words is checked in the best threads only, then “at least”;
the suggestion is looked for only when results are few. Limits are made small here
so a few threads reach them."""

import pytest
from django.urls import reverse
from haystack import connections

from community import searching
from community.searching import search_threads
from tests.community.search_helpers import titles
from tests.factories import MemberFactory, SpaceFactory, make_thread

pytestmark = pytest.mark.django_db

SEARCH_URL = reverse("community:search")


@pytest.fixture(autouse=True)
def empty_index():
    connections["default"].get_backend().clear()
    yield
    connections["default"].get_backend().clear()


@pytest.fixture
def count_limit(monkeypatch):
    def set_limit(limit: int):
        for module in (searching.results, searching.threads, searching.whoosh_path):
            monkeypatch.setattr(module, "COUNT_LIMIT", limit)

    return set_limit


def _invoices(indexed, count: int, body: str = "Where is the invoice for May?"):
    author, space = MemberFactory(), SpaceFactory()
    with indexed():
        for _ in range(count):
            make_thread(title="Invoice question", body=body, author=author, space=space)


def test_search_threads_counts_exactly_up_to_the_limit(indexed, count_limit):
    _invoices(indexed, 5)
    count_limit(5)

    results = search_threads(query="invoice")

    assert (results.total, results.more_than, results.total_is_exact) == (5, 0, True)


def test_search_threads_says_more_than_the_limit_and_pages_up_to_it(indexed, count_limit, client):
    _invoices(indexed, 6)
    count_limit(3)

    results = search_threads(query="invoice")
    beyond = search_threads(query="invoice", page=2)

    assert (results.total, results.more_than) == (6, 3)
    assert results.page.paginator.count == 3  # pages reach the limit, no further
    assert len(results.results) == 3
    assert beyond.page.number == 1
    content = client.get(SEARCH_URL, {"q": "invoice", "lang": "all"}).content.decode()
    assert "More than 3 results found for “invoice”" in content


def test_search_threads_checks_a_common_phrase_in_the_best_threads_only(
    indexed, monkeypatch, client
):
    # 26 threads have both words, 25 of them in order: with no checks beyond the first
    # page, the best 20 are checked and found, the other 6 are not looked at.
    _invoices(indexed, 1, body="The pdf of the invoice is empty.")  # oldest: ranked last
    _invoices(indexed, 25, body="The invoice pdf is empty.")
    monkeypatch.setattr(searching.whoosh_path, "PHRASE_CHECK_LIMIT", 0)

    results = search_threads(query='"invoice pdf"')

    assert (results.total, results.total_is_exact, results.more_than) == (20, False, 0)
    assert len(results.results) == 20
    content = client.get(SEARCH_URL, {"q": '"invoice pdf"', "lang": "all"}).content.decode()
    assert "At least 20 results found for “&quot;invoice pdf&quot;”" in content


def test_search_threads_checks_further_phrase_candidates_until_the_page_is_full(
    indexed, monkeypatch
):
    # The newest of 22 threads (ranked first) has the words out of order: of the first 20
    # checked, 19 are kept, so the next ones are checked too.
    _invoices(indexed, 21, body="The invoice pdf is empty.")
    _invoices(indexed, 1, body="The pdf of the invoice is empty.")
    monkeypatch.setattr(searching.whoosh_path, "PHRASE_CHECK_LIMIT", 0)

    results = search_threads(query='"invoice pdf"')

    assert (results.total, results.total_is_exact, len(results.results)) == (21, True, 20)


def test_search_threads_checks_every_phrase_candidate_within_the_limit(indexed):
    _invoices(indexed, 3, body="The invoice pdf is empty.")
    _invoices(indexed, 2, body="The pdf of the invoice is empty.")

    results = search_threads(query='"invoice pdf"')

    assert (results.total, results.total_is_exact) == (3, True)


def test_search_threads_excludes_a_phrase_only_where_its_words_are_in_order(indexed):
    with indexed():
        make_thread(title="Empty file", body="The invoice pdf is empty.")
        make_thread(title="Blank file", body="The pdf of the invoice is blank.")

    assert titles(search_threads(query='file -"invoice pdf"')) == ["Blank file"]


def test_search_threads_looks_for_a_spelling_only_when_results_are_few(indexed, monkeypatch):
    _invoices(indexed, 12)
    asked = []
    monkeypatch.setattr(
        searching.whoosh_path,
        "spelling_suggestion",
        lambda words, **kwargs: asked.append(words) or "",
    )

    search_threads(query="invoice")  # 12 threads: enough
    search_threads(query="invoise")  # none

    assert asked == [["invoise"]]


@pytest.mark.parametrize("params", [{"lang": "all"}, {"lang": "de"}, {"q": '"invoice pdf"'}])
def test_search_view_runs_a_fixed_number_of_queries_whatever_the_options(
    indexed, client, member, django_assert_max_num_queries, params
):
    _invoices(indexed, 22, body="The invoice pdf is empty.")
    client.force_login(member)

    # the session, the member, the spaces for the filter, the branding in the header, the bell,
    # and the search logged for the insights dashboard (an insert in a savepoint: 3)
    with django_assert_max_num_queries(8):
        response = client.get(SEARCH_URL, {"q": "invoice", **params})

    assert response.context["results"].total == 22


def test_search_threads_with_any_word_keeps_a_phrase_only_where_it_is_in_order(indexed):
    with indexed():
        make_thread(title="Empty file", body="The invoice pdf is empty.")
        make_thread(title="Blank file", body="The pdf of the invoice is blank.")
        make_thread(title="Router question", body="My router blinks red all day.")

    # No thread has both; of the phrase's threads only the one with the words in order.
    results = search_threads(query='"invoice pdf" router')

    assert results.matched_any
    assert sorted(titles(results)) == ["Empty file", "Router question"]
