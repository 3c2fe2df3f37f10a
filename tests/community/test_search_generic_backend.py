"""Searching through haystack's SearchQuerySet: the path for any engine but Whoosh on disk.

There is no Elasticsearch server in the tests; two engines stand in for one.

* haystack's simple engine (``SEARCH_URL=simple://``) really switches the engine. It is
  made for tests, not a faithful index: it matches the last word of the query with
  ``icontains`` in the model's own text columns, and ignores field names, filters,
  offsets and the stored index fields. With it the tests check that the path is taken,
  that a word of a title finds the thread and that no query breaks the page.
* haystack's Whoosh engine asked through SearchQuerySet (the choice of path forced) is a
  real index: fields, filters, offsets, stored fields and spelling as an engine has them.
  It analyzes text with ThreadIndex's Whoosh analyzers, which Elasticsearch would not.
"""

from contextlib import contextmanager

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from haystack import connections

from community import searching
from community.models import ThreadKind
from community.searching import (
    SearchHit,
    SearchResults,
    SimilarThread,
    search_threads,
    similar_solved_threads,
)
from community.services.posts import post_answer
from community.services.solutions import accept_answer
from tests.community.search_helpers import titles
from tests.factories import MemberFactory, SpaceFactory, StaffFactory, make_answer, make_thread

pytestmark = pytest.mark.django_db

SEARCH_URL = reverse("community:search")
SIMILAR_URL = reverse("community:ask_similar")
SIMPLE_ENGINE = "haystack.backends.simple_backend.SimpleEngine"
# The simple engine keeps no index: it warns when the index task hands it a thread.
keeps_no_index = pytest.mark.filterwarnings("ignore:.* not implemented in this backend:UserWarning")

ODD_QUERIES = [
    '"unbalanced',
    "unbalanced quote'",
    "title:*",
    "OR OR",
    "AND",
    "(((",
    ")",
    "*",
    "-",
    '""',
    "invoice AND",
    "invoice^5~2",
    "[a TO z]",
    "\\",
    "invoice\x00pdf",
    "<script>alert(1)</script>",
    "text_de:rechnung django_ct:community.member",
    "invoice " * 100,
]


@contextmanager
def haystack_engine(engine: str):
    """haystack's ``default`` connection on `engine` inside the block, the configured one after.

    haystack keeps each connection once made, and the list of them it read from
    HAYSTACK_CONNECTIONS at import; a new connection reads its options from the setting.
    """
    other = {"default": {"ENGINE": engine}}
    configured = connections.connections_info
    with override_settings(HAYSTACK_CONNECTIONS=other):
        connections.connections_info = other
        connections.reload("default")
        try:
            yield
        finally:
            connections.connections_info = configured
    connections.reload("default")  # after the override ends, so it reads the Whoosh options


@pytest.fixture
def simple_engine():
    with haystack_engine(SIMPLE_ENGINE):
        yield


@pytest.fixture
def through_search_query_set(monkeypatch):
    """The Whoosh index, asked the way any other engine is: through SearchQuerySet.

    The index folder outlives test transactions: it starts and ends empty.
    """
    connections["default"].get_backend().clear()
    monkeypatch.setattr(searching.threads, "uses_whoosh_directly", lambda: False)
    yield
    connections["default"].get_backend().clear()


def solved_thread(**kwargs):
    thread = make_thread(**kwargs)
    answer = make_answer(thread=thread, body="This worked for me, thanks a lot everyone.")
    accept_answer(answer=answer, by=thread.author)
    return thread


# --- choosing the path ---------------------------------------------------------------------


def test_the_whoosh_engine_on_disk_is_asked_directly():
    assert searching.uses_whoosh_directly()


@keeps_no_index
def test_another_engine_is_asked_through_search_query_set(simple_engine, indexed, monkeypatch):
    def no_whoosh():
        raise AssertionError("Whoosh was asked directly")

    monkeypatch.setattr(searching.whoosh_path, "current_searcher", no_whoosh)
    with indexed():
        make_thread(title="Invoice PDF is empty", body="My invoice PDF has no pages at all.")

    assert not searching.uses_whoosh_directly()
    assert titles(search_threads(query="invoice")) == ["Invoice PDF is empty"]


def test_the_configured_whoosh_connection_comes_back_after_another_engine():
    with haystack_engine(SIMPLE_ENGINE):
        assert not searching.uses_whoosh_directly()

    backend = connections["default"].get_backend()
    assert searching.uses_whoosh_directly()
    assert backend.path == settings.HAYSTACK_CONNECTIONS["default"]["PATH"]


# --- haystack's simple engine ----------------------------------------------------------------


@keeps_no_index
def test_simple_engine_finds_a_thread_by_a_word_of_its_title(simple_engine, indexed):
    with indexed():
        make_thread(title="Invoice PDF is empty", body="My invoice PDF has no pages at all.")
        make_thread(title="Password reset link", body="The link in the mail has expired.")

    results = search_threads(query="INVOICE")

    assert isinstance(results, SearchResults)
    assert results.total == 1
    assert results.error == ""
    [hit] = results.results
    assert isinstance(hit, SearchHit)
    assert hit.title == "Invoice PDF is empty"
    assert hit.title_html == "<mark>Invoice</mark> PDF is empty"
    assert titles(search_threads(query="password")) == ["Password reset link"]
    assert search_threads(query="zebra").total == 0


@keeps_no_index
@pytest.mark.parametrize("query", ODD_QUERIES)
def test_simple_engine_search_page_answers_any_query(simple_engine, indexed, client, query):
    with indexed():
        make_thread(title="Invoice PDF does not open", body="The invoice PDF download fails.")

    response = client.get(SEARCH_URL, {"q": query})

    assert response.status_code == 200
    assert "searching failed" not in response.context["results"].error


@keeps_no_index
def test_simple_engine_similar_threads_are_rows_of_the_engine(simple_engine, indexed, client):
    with indexed():
        solved_thread(title="Invoice PDF is empty", body="My invoice PDF has no pages at all.")

    similar = similar_solved_threads("Where is my invoice?")
    response = client.get(SIMILAR_URL, {"title": "((( invoice OR"})

    assert [type(s) for s in similar] == [SimilarThread]
    assert [s.title for s in similar] == ["Invoice PDF is empty"]
    assert response.status_code == 200


# --- through SearchQuerySet on a field-aware engine ------------------------------------------


def test_results_are_built_from_stored_fields(through_search_query_set, indexed):
    space = SpaceFactory(slug="billing-faq", name_en="Billing", name_de="Abrechnung")
    with indexed():
        thread = solved_thread(
            title="Invoice PDF is empty",
            body="My invoice PDF has no pages, the download is blank.",
            space=space,
        )
    thread.refresh_from_db()

    results = search_threads(query="invoice")

    [hit] = results.results
    assert (hit.title, hit.url) == ("Invoice PDF is empty", thread.get_absolute_url())
    assert (hit.space_slug, hit.space_name) == ("billing-faq", "Billing")
    assert (hit.kind, hit.kind_label) == (ThreadKind.QUESTION, "")  # questions carry no label
    assert hit.is_solved
    assert hit.answer_count == 1
    assert hit.last_activity_at == thread.last_activity_at
    assert hit.title_html == "<mark>Invoice</mark> PDF is empty"
    assert "My <mark>invoice</mark> PDF has no pages" in hit.snippet_html
    assert results.page.number == 1


def test_false_flags_are_read_back_as_false(through_search_query_set, indexed):
    with indexed():
        make_thread(title="Invoice PDF is empty", body="My invoice PDF has no pages at all.")

    [hit] = search_threads(query="invoice").results
    assert (hit.is_solved, hit.has_official_answer) == (False, False)


def test_every_word_is_looked_for_in_the_english_and_the_german_text(
    through_search_query_set, indexed
):
    with indexed():
        make_thread(title="Frage zur Rechnung", body="Wo finde ich die Rechnung vom Mai?")
        make_thread(title="Invoice is missing", body="Where can I download the invoice?")

    assert titles(search_threads(query="Rechnungen")) == ["Frage zur Rechnung"]  # text_de
    assert titles(search_threads(query="invoices")) == ["Invoice is missing"]  # text


def test_all_words_then_any_word_phrases_and_exclusions(through_search_query_set, indexed):
    with indexed():
        make_thread(title="Reset password link", body="The password reset link has expired.")
        make_thread(title="Link to reset", body="Which password should I reset, the old one?")

    both = search_threads(query="password expired")
    either = search_threads(query="expired old")

    assert titles(both) == ["Reset password link"]
    assert not both.matched_any
    assert sorted(titles(either)) == ["Link to reset", "Reset password link"]
    assert either.matched_any
    assert titles(search_threads(query='"password reset"')) == ["Reset password link"]
    assert titles(search_threads(query="password -expired")) == ["Link to reset"]


def test_filters_by_space_solved_official_answer_and_kind(through_search_query_set, indexed):
    billing = SpaceFactory(slug="billing-faq")
    app = SpaceFactory(slug="billing")
    with indexed():
        solved_thread(title="Invoice solved", body="An invoice question, answered.", space=billing)
        official = make_thread(title="Invoice official", body="Staff answered this invoice.")
        post_answer(thread=official, author=StaffFactory(), body="We have fixed your invoice now.")
        make_thread(title="Invoice idea", body="Please add invoice folders.", kind=ThreadKind.IDEA)
        make_thread(title="Invoice in app", body="Where is my invoice?", space=app)

    assert titles(search_threads(query="invoice", space="billing-faq")) == ["Invoice solved"]
    assert titles(search_threads(query="invoice", space="billing")) == ["Invoice in app"]
    assert titles(search_threads(query="invoice", solved_only=True)) == ["Invoice solved"]
    official_only = search_threads(query="invoice", official_only=True)
    assert titles(official_only) == ["Invoice official"]
    assert official_only.results[0].has_official_answer
    assert titles(search_threads(query="invoice", kind=ThreadKind.IDEA)) == ["Invoice idea"]
    assert search_threads(query="invoice", space="no such space!", kind="nonsense").total == 4


def test_pages_of_twenty(through_search_query_set, indexed, client):
    author, space = MemberFactory(), SpaceFactory()
    with indexed():
        for number in range(23):
            make_thread(
                title=f"Invoice question {number}",
                body="Where is the invoice?",
                author=author,
                space=space,
            )

    first = search_threads(query="invoice")
    second = search_threads(query="invoice", page=2)
    beyond = search_threads(query="invoice", page=99)

    assert (first.total, len(first.results), first.page.has_next()) == (23, 20, True)
    assert (second.page.number, len(second.results)) == (2, 3)
    assert set(titles(first)).isdisjoint(titles(second))
    assert len(set(titles(first)) | set(titles(second))) == 23
    assert (beyond.page.number, titles(beyond)) == (2, titles(second))
    assert search_threads(query="invoice", page="x").page.number == 1
    assert 'start="21"' in client.get(SEARCH_URL, {"q": "invoice", "page": "2"}).content.decode()


@pytest.mark.parametrize("query", ODD_QUERIES)
def test_search_page_answers_any_query(through_search_query_set, indexed, client, query):
    with indexed():
        make_thread(title="Invoice PDF does not open", body="The invoice PDF download fails.")

    response = client.get(SEARCH_URL, {"q": query})

    assert response.status_code == 200
    results = response.context["results"]
    assert "searching failed" not in results.error
    if query.startswith("invoice"):
        assert results.total == 1


def test_a_failing_engine_gives_a_message_not_an_error(through_search_query_set, monkeypatch):
    def broken(**filters):
        raise ConnectionError("no search engine at 127.0.0.1:9200")

    monkeypatch.setattr(searching.engine_path, "_thread_sqs", broken)

    results = search_threads(query="invoice")

    assert "searching failed" in results.error
    assert results.page is None
    assert similar_solved_threads("invoice question") == []


def test_spelling_suggestion_from_the_engine(through_search_query_set, indexed):
    with indexed():
        make_thread(title="Invoice PDF does not open", body="My invoices download fails.")

    assert search_threads(query="invoice pdff").suggestion == "invoice pdf"
    assert search_threads(query="invoices pdf").suggestion == ""


class _Suggesting:
    def __init__(self, suggestion):
        self.suggestion = suggestion

    def spelling_suggestion(self):
        if isinstance(self.suggestion, Exception):
            raise self.suggestion
        return self.suggestion


@pytest.mark.parametrize(
    ("suggestion", "words", "expected"),
    [
        ("invoic pdf", ["invoices", "pdf"], ""),  # Elasticsearch: known words come back stemmed
        ("invoic pdf", ["invoise", "pdf"], "invoic pdf"),
        ("invoices pdf", ["invoice", "pdff"], "invoice pdf"),  # other forms are not corrections
        ("pdf", ["invoise", "pdf"], ""),  # a word went missing
        (None, ["invoise"], ""),
        (RuntimeError("suggester down"), ["invoise"], ""),
    ],
)
def test_engine_suggestions_count_only_when_they_correct_a_word(suggestion, words, expected):
    assert searching.spelling._engine_suggestion(_Suggesting(suggestion), words) == expected


def test_similar_solved_threads_returns_only_solved_threads(through_search_query_set, indexed):
    author, space = MemberFactory(), SpaceFactory()
    with indexed():
        solved = solved_thread(title="Invoice PDF is empty", body="My invoice PDF is blank.")
        make_thread(title="Invoice PDF missing", body="Still no invoice PDF for May.")
        for number in range(6):
            solved_thread(
                title=f"Rechnung Nummer {number}",
                body="Die Rechnung fehlt.",
                author=author,
                space=space,
            )

    similar = similar_solved_threads("Where is my invoice PDF?")

    assert [(s.title, s.url) for s in similar] == [(solved.title, solved.get_absolute_url())]
    assert similar[0].space_name == solved.space.name_en
    assert len(similar_solved_threads("Rechnungen")) == 5
    assert len(similar_solved_threads("Rechnungen", limit=2)) == 2


def test_search_page_runs_a_fixed_number_of_queries(
    through_search_query_set, indexed, client, member, django_assert_max_num_queries
):
    author, space = MemberFactory(), SpaceFactory()
    with indexed():
        for number in range(22):
            make_thread(
                title=f"Invoice number {number}",
                body="Invoice body text.",
                author=author,
                space=space,
            )
    client.force_login(member)

    # the session, the member, the spaces for the filter, the branding in the header, the bell,
    # and the search logged for the insights dashboard (an insert in a savepoint: 3)
    with django_assert_max_num_queries(8):
        response = client.get(SEARCH_URL, {"q": "invoice"})

    assert response.context["results"].total == 22


def test_results_are_ranked_with_solved_and_official_threads_first(
    through_search_query_set, indexed
):
    with indexed():
        make_thread(title="Invoice PDF download fails", body="The invoice PDF gives an error.")
        solved = solved_thread(title="Invoice PDF is empty", body="The invoice PDF has no pages.")
        post_answer(thread=solved, author=StaffFactory(), body="We fixed the generator.")

    assert titles(search_threads(query="invoice pdf")) == [
        "Invoice PDF is empty",
        "Invoice PDF download fails",
    ]


def test_languages_filter_through_search_query_set(through_search_query_set, indexed):
    with indexed():
        make_thread(title="Rechnung fehlt", body="Wo finde ich die Rechnung vom Mai?")
        make_thread(title="Rechnung missing", body="Where can I find the Rechnung for May?")

    assert titles(search_threads(query="rechnung", languages=["de"])) == ["Rechnung fehlt"]
    assert titles(search_threads(query="rechnung", languages=["en"])) == ["Rechnung missing"]
