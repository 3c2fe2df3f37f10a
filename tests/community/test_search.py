"""Searching threads (community.searching) and the search pages (community.views.search_pages).

Writes go through the services inside ``django_capture_on_commit_callbacks(execute=True)``,
so the index task runs after commit exactly as in production (tasks are eager in tests).
"""

import pytest
from django.urls import reverse
from django.utils import translation
from haystack import connections

from community.models import ThreadKind
from community.searching import (
    Highlighter,
    highlight,
    parse_query,
    search_threads,
    similar_solved_threads,
)
from community.services.posts import delete_post, hide_post, post_answer
from community.services.solutions import accept_answer
from tests.community.search_helpers import titles
from tests.factories import (
    MemberFactory,
    SpaceFactory,
    StaffFactory,
    TagFactory,
    make_answer,
    make_thread,
)

pytestmark = pytest.mark.django_db

SEARCH_URL = reverse("community:search")
SIMILAR_URL = reverse("community:ask_similar")


@pytest.fixture(autouse=True)
def empty_index():
    """Every test starts with an empty index (the index folder outlives test transactions)."""
    connections["default"].get_backend().clear()
    yield


def suggestion_url(thread) -> str:
    return reverse("knowledge:open_suggestion", kwargs={"kind": "thread", "pk": thread.pk})


def solved_thread(*, title: str, body: str, space=None, author=None):
    thread = make_thread(title=title, body=body, space=space, author=author)
    answer = make_answer(thread=thread, body="This worked for me, thanks a lot everyone.")
    accept_answer(answer=answer, by=thread.author)
    return thread


# --- stemming in both languages ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "body", "query"),
    [
        ("Invoice is missing", "Where can I download the invoice for last month?", "invoices"),
        ("Frage zur Rechnung", "Wo finde ich die Rechnung vom letzten Monat?", "Rechnungen"),
        ("Passwort vergessen", "Mein Passwort funktioniert nicht mehr.", "Passwörter"),
        ("Mehrere Passwörter", "Die Passwörter werden nicht gespeichert.", "Passwort"),
        ("Downloading fails", "The export keeps failing after a minute.", "download"),
    ],
)
def test_search_threads_finds_other_forms_of_a_word(indexed, title, body, query):
    with indexed():
        make_thread(title=title, body=body)
        make_thread(title="Something else entirely", body="Nothing to do with the question.")

    results = search_threads(query=query)

    assert titles(results) == [title]
    assert results.total == 1


def test_search_threads_finds_words_in_answers_tags_and_space_names(indexed):
    space = SpaceFactory(name_en="Billing corner", name_de="Abrechnungsecke")
    with indexed():
        thread = make_thread(
            title="Card declined",
            body="My credit card is declined at checkout.",
            space=space,
            tags=[TagFactory(name="checkout")],
        )
        make_answer(thread=thread, body="Ask your bank to allow transactions abroad, please.")

    for query in ("transactions abroad", "checkout", "Abrechnungsecke", "billing"):
        assert titles(search_threads(query=query)) == ["Card declined"], query


def test_search_threads_needs_every_word_then_falls_back_to_any(indexed):
    with indexed():
        make_thread(title="Invoice PDF is empty", body="The PDF file of my invoice has no pages.")
        make_thread(title="Invoice address wrong", body="My invoice shows the old street name.")

    both = search_threads(query="invoice street")
    assert titles(both) == ["Invoice address wrong"]
    assert not both.matched_any

    either = search_threads(query="pages street")
    assert sorted(titles(either)) == ["Invoice PDF is empty", "Invoice address wrong"]
    assert either.matched_any


def test_search_threads_ignores_words_that_only_one_language_drops(indexed):
    with indexed():
        make_thread(title="Rechnung fehlt", body="Ich habe keine Rechnung bekommen, bitte helfen.")

    assert titles(search_threads(query="die Rechnung")) == ["Rechnung fehlt"]
    assert titles(search_threads(query="the Rechnung")) == ["Rechnung fehlt"]


def test_search_threads_matches_quoted_phrases_in_order_and_excludes_minus_words(indexed):
    with indexed():
        make_thread(title="Reset password link", body="The password reset link has expired.")
        make_thread(title="Link to reset", body="Which password should I reset, the old one?")

    assert titles(search_threads(query='"password reset"')) == ["Reset password link"]
    assert titles(search_threads(query="password -expired")) == ["Link to reset"]


# --- filters -------------------------------------------------------------------------------------


def test_search_threads_filters_by_space(indexed):
    billing, app = SpaceFactory(slug="billing"), SpaceFactory(slug="app")
    with indexed():
        make_thread(
            title="Invoice in billing", body="Question about an invoice here.", space=billing
        )
        make_thread(title="Invoice in the app", body="Question about an invoice there.", space=app)

    assert titles(search_threads(query="invoice", space="billing")) == ["Invoice in billing"]
    assert len(search_threads(query="invoice", space="").results) == 2


def test_search_threads_filters_solved_only(indexed):
    with indexed():
        solved_thread(title="Invoice solved", body="The invoice question was answered.")
        make_thread(title="Invoice open", body="The invoice question is still open.")

    results = search_threads(query="invoice", solved_only=True)

    assert titles(results) == ["Invoice solved"]
    assert results.results[0].is_solved


def test_search_threads_filters_official_answers_only(indexed):
    with indexed():
        official = make_thread(title="Invoice official", body="Staff answered this invoice one.")
        post_answer(thread=official, author=StaffFactory(), body="We have fixed your invoice now.")
        member_answered = make_thread(title="Invoice peer", body="A member answered this invoice.")
        make_answer(thread=member_answered)

    results = search_threads(query="invoice", official_only=True)

    assert titles(results) == ["Invoice official"]
    assert results.results[0].has_official_answer
    assert results.results[0].answer_count == 1


def test_search_threads_filters_by_kind(indexed):
    with indexed():
        make_thread(title="Invoice idea", body="Please add invoice folders.", kind=ThreadKind.IDEA)
        make_thread(title="Invoice question", body="Where is my invoice folder?")

    results = search_threads(query="invoice", kind=ThreadKind.IDEA)

    assert titles(results) == ["Invoice idea"]
    assert results.results[0].kind_label == "Idea"


def test_search_threads_ignores_unknown_filter_values(indexed):
    with indexed():
        make_thread(title="Invoice anywhere", body="Question about an invoice.")

    results = search_threads(query="invoice", space="no such space!", kind="nonsense")

    assert titles(results) == ["Invoice anywhere"]


# --- hidden and deleted content -----------------------------------------------------------------


def test_search_threads_drops_a_thread_when_its_opening_post_is_hidden(indexed, staff):
    with indexed():
        thread = make_thread(title="Cheap invoices here", body="Buy cheap invoices from my shop.")
    assert titles(search_threads(query="invoices")) == ["Cheap invoices here"]

    with indexed():
        hide_post(post=thread.posts.get(is_opening=True), by=staff, reason="spam")

    assert search_threads(query="invoices").total == 0


def test_search_threads_drops_a_thread_when_its_opening_post_is_deleted(indexed):
    with indexed():
        thread = make_thread(title="Invoice mistake", body="Posted this by mistake, sorry.")

    with indexed():
        delete_post(post=thread.posts.get(is_opening=True), by=thread.author)

    assert search_threads(query="invoice").total == 0


def test_search_threads_forgets_the_words_of_hidden_and_deleted_answers(indexed, staff):
    with indexed():
        thread = make_thread(title="Invoice question", body="Where is my invoice for March?")
        spam = make_answer(thread=thread, body="Visit cheapwatches dot example for deals.")
        regret = make_answer(thread=thread, body="I wrote something embarrassing here.")
    assert titles(search_threads(query="cheapwatches")) == ["Invoice question"]

    with indexed():
        hide_post(post=spam, by=staff, reason="spam")
        delete_post(post=regret, by=regret.author)

    assert search_threads(query="cheapwatches").total == 0
    assert search_threads(query="embarrassing").total == 0
    assert titles(search_threads(query="invoice")) == ["Invoice question"]


def test_search_threads_sees_a_new_answer_only_after_commit(indexed):
    with indexed():
        thread = make_thread(title="Invoice question", body="Where is my invoice for March?")
    with indexed():
        make_answer(thread=thread, body="Look under Account, then Documents, then Archive.")
        assert search_threads(query="archive").total == 0  # not committed yet

    assert titles(search_threads(query="archive")) == ["Invoice question"]


# --- queries a visitor can type ---------------------------------------------------------------

AWKWARD_QUERIES = [
    '"unbalanced quote',
    "unbalanced quote'",
    "title:*",
    "OR OR",
    "AND",
    "NOT",
    "(((",
    ")",
    "*",
    "?",
    "-",
    '""',
    "invoice AND",
    "invoice^5~2",
    "[a TO z]",
    "{}",
    "\\",
    "%s %d",
    "a" * 500,
    "invoice " * 100,
    "invoice\x00pdf",
    "\x00",
    "<script>alert(1)</script>",
    "text_de:rechnung django_ct:community.member",
]


@pytest.mark.parametrize("query", AWKWARD_QUERIES)
def test_search_view_answers_any_query_with_results_or_a_message(indexed, client, query):
    with indexed():
        make_thread(title="Invoice PDF does not open", body="The invoice PDF download fails.")

    response = client.get(SEARCH_URL, {"q": query})

    assert response.status_code == 200
    results = response.context["results"]
    assert "searching failed" not in results.error
    assert results.page is not None or results.error or not results.query  # \x00 alone is empty
    if query.startswith("invoice"):
        assert results.total == 1


def test_search_threads_shortens_long_queries_and_says_so(indexed):
    with indexed():
        make_thread(title="Invoice PDF does not open", body="The invoice PDF download fails.")

    results = search_threads(query="invoice " + "pdf " * 200)

    assert results.total == 1
    assert "first words" in results.notice


def test_parse_query_drops_operators_punctuation_and_common_words():
    parsed = parse_query('the (invoice) OR "PDF download" -spam title:* ***')

    assert parsed.items == (("invoice",), ("pdf", "download"), ("title",))
    assert parsed.excluded == (("spam",),)


def test_search_view_with_an_empty_query_shows_a_prompt_and_searches_nothing(client):
    for params in ({}, {"q": ""}, {"q": "   "}):
        response = client.get(SEARCH_URL, params)

        assert response.status_code == 200
        assert response.context["results"].page is None
        assert "What are you looking for?" in response.content.decode()


# --- spelling -----------------------------------------------------------------------------------


def test_search_threads_suggests_the_spelling_of_a_known_word(indexed, client):
    with indexed():
        make_thread(title="Invoice PDF does not open", body="The invoice download fails.")

    results = search_threads(query="invoise pdf")

    assert results.suggestion == "invoice pdf"
    content = client.get(SEARCH_URL, {"q": "invoise pdf", "solved": "1"}).content.decode()
    assert "Did you mean" in content
    assert "?q=invoice+pdf&amp;solved=1" in content


def test_search_threads_suggests_german_spellings_too(indexed):
    with indexed():
        make_thread(title="Rechnung fehlt", body="Die Rechnung vom Mai ist nicht im Kundenkonto.")

    assert search_threads(query="Kundenkonot").suggestion == "kundenkonto"


def test_search_threads_suggests_nothing_when_every_word_is_known(indexed):
    with indexed():
        make_thread(title="Invoice PDF does not open", body="The invoice download fails.")

    assert search_threads(query="invoices download").suggestion == ""
    assert search_threads(query="zzzzqqqq").suggestion == ""  # nothing close


# --- highlighting ---------------------------------------------------------------------------------


def test_highlight_escapes_the_text_before_marking_words():
    assert highlight("<b>Invoices</b> & more", "invoice") == (
        "&lt;b&gt;<mark>Invoices</mark>&lt;/b&gt; &amp; more"
    )


def test_highlight_marks_german_forms_with_umlauts():
    assert highlight("Alle Passwörter und das Passwort", "passwort") == (
        "Alle <mark>Passwörter</mark> und das <mark>Passwort</mark>"
    )


def test_highlighter_snippet_starts_near_the_first_match():
    text = "Title\n" + "filler words here " * 30 + "the invoice is missing " + "tail " * 60

    snippet = Highlighter(["invoice"]).snippet(text, skip=len("Title\n"))

    assert snippet.startswith("… ")
    assert "<mark>invoice</mark>" in snippet
    assert snippet.endswith(" …")
    assert len(snippet) < 300


def test_search_view_renders_titles_and_snippets_inert(indexed, client):
    with indexed():
        make_thread(
            title="<script>alert(1)</script> invoice",
            body="An <img src=x onerror=alert(2)> invoice body with <b>markup</b>.",
        )

    content = client.get(SEARCH_URL, {"q": "invoice"}).content.decode()

    assert "<script>alert(1)" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <mark>invoice</mark>" in content
    assert "onerror=alert(2)>" not in content


# --- the search page ----------------------------------------------------------------------------


def test_search_view_shows_results_with_badges_links_and_count(indexed, client):
    space = SpaceFactory(name_en="Billing", name_de="Abrechnung")
    with indexed():
        thread = solved_thread(
            title="Invoice PDF is empty", body="My invoice PDF is blank.", space=space
        )

    response = client.get(SEARCH_URL, {"q": "invoice"})

    content = response.content.decode()
    assert response.context["results"].total == 1
    assert "1 result found for “invoice”" in content
    assert f'href="{thread.get_absolute_url()}"' in content
    assert "badge badge--solved" in content
    assert ">Billing</a>" in content
    assert f'href="{reverse("community:space", args=[space.slug])}"' in content


def test_search_view_shows_space_names_in_the_visitors_language(indexed, client):
    space = SpaceFactory(name_en="Billing", name_de="Abrechnung")
    with indexed():
        make_thread(title="Invoice PDF is empty", body="My invoice PDF is blank.", space=space)

    with translation.override("de"):
        hit = search_threads(query="invoice").results[0]

    assert hit.space_name == "Abrechnung"


def test_search_view_paginates_twenty_a_page_with_prev_and_next_links(indexed, client):
    author, space = MemberFactory(), SpaceFactory()
    with indexed():
        for number in range(23):
            make_thread(
                title=f"Invoice question {number}",
                body="Where is the invoice?",
                author=author,
                space=space,
            )

    first = client.get(SEARCH_URL, {"q": "invoice"})
    second = client.get(SEARCH_URL, {"q": "invoice", "page": "2"})
    beyond = client.get(SEARCH_URL, {"q": "invoice", "page": "99"})

    assert len(first.context["page_obj"].object_list) == 20
    assert 'rel="next"' in first.content.decode()
    assert len(second.context["page_obj"].object_list) == 3
    assert 'rel="prev"' in second.content.decode()
    assert 'start="21"' in second.content.decode()
    assert beyond.context["page_obj"].number == 2
    assert client.get(SEARCH_URL, {"q": "invoice", "page": "x"}).context["page_obj"].number == 1


def test_search_view_keeps_the_filters_in_its_form(client):
    space = SpaceFactory(slug="billing")

    content = client.get(
        SEARCH_URL, {"q": "invoice", "space": space.slug, "solved": "1", "kind": "idea"}
    ).content.decode()

    assert f'<option value="{space.slug}" selected>' in content
    assert 'name="solved" value="1" checked' in content
    assert '<option value="idea" selected>' in content
    assert '<label for="search-official">' in content


@pytest.mark.parametrize("thread_count", [1, 22])
def test_search_view_runs_a_fixed_number_of_queries(
    indexed, client, member, django_assert_max_num_queries, thread_count
):
    author, space = MemberFactory(), SpaceFactory()
    with indexed():
        for number in range(thread_count):
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

    assert response.context["results"].total == thread_count


# --- similar solved threads -----------------------------------------------------------------------


def test_similar_solved_threads_returns_only_solved_public_threads(indexed, staff):
    with indexed():
        solved = solved_thread(title="Invoice PDF is empty", body="My invoice PDF is blank.")
        make_thread(title="Invoice PDF missing", body="Still no invoice PDF for May.")
        hidden = solved_thread(title="Invoice PDF spam", body="Cheap invoice PDF tools here.")
        hide_post(post=hidden.posts.get(is_opening=True), by=staff, reason="spam")

    similar = similar_solved_threads("Where is my invoice PDF?")

    assert [(s.title, s.url) for s in similar] == [(solved.title, solved.get_absolute_url())]
    assert similar[0].space_name == solved.space.name_en


def test_similar_solved_threads_matches_any_word_in_either_language(indexed):
    with indexed():
        solved_thread(title="Rechnungen herunterladen", body="Wie lade ich alte Rechnungen?")

    assert [s.title for s in similar_solved_threads("Rechnung fehlt komplett")] == [
        "Rechnungen herunterladen"
    ]


@pytest.mark.parametrize("title", ["", "a", "ab", "  x ", "the and of", "an ?!"])
def test_similar_solved_threads_ignores_short_or_common_titles(indexed, title):
    with indexed():
        solved_thread(title="The and of an ab", body="Body text that is long enough.")

    assert similar_solved_threads(title) == []


def test_similar_solved_threads_returns_at_most_the_limit(indexed):
    author, space = MemberFactory(), SpaceFactory()
    with indexed():
        for number in range(7):
            solved_thread(
                title=f"Invoice problem number {number}",
                body="Invoice body.",
                author=author,
                space=space,
            )

    assert len(similar_solved_threads("invoice")) == 5
    assert len(similar_solved_threads("invoice", limit=2)) == 2


def test_suggest_similar_view_renders_the_partial_for_htmx(indexed, client):
    with indexed():
        thread = solved_thread(title="Invoice PDF is empty", body="My invoice PDF is blank.")

    response = client.get(SIMILAR_URL, {"title": "invoice pdf"}, headers={"HX-Request": "true"})

    content = response.content.decode()
    assert "<html" not in content
    # Through the knowledge base's link, which records the opening and redirects there.
    assert f'href="{suggestion_url(thread)}"' in content
    assert response.templates[0].name == "community/partials/similar_threads.html"
    assert "HX-Request" in response["Vary"]


def test_suggest_similar_view_is_a_page_without_javascript(indexed, client):
    with indexed():
        thread = solved_thread(title="Invoice PDF is empty", body="My invoice PDF is blank.")

    found = client.get(SIMILAR_URL, {"title": "invoice pdf"}).content.decode()
    nothing = client.get(SIMILAR_URL, {"title": "zebra crossing"}).content.decode()

    assert "<html" in found
    assert f'href="{suggestion_url(thread)}"' in found
    assert f"{reverse('community:ask')}?title=invoice%20pdf" in found
    assert "No solved questions match that title yet." in nothing


def test_suggest_similar_view_answers_htmx_with_nothing_for_short_titles(client):
    response = client.get(SIMILAR_URL, {"title": "ab"}, headers={"HX-Request": "true"})

    assert response.status_code == 200
    assert response.content.decode().strip() == ""


def test_a_split_moves_the_answers_words_in_search_to_the_new_thread(indexed, staff):
    from community.services.moderation import split_thread

    with indexed():
        thread = make_thread(title="Printer offline", body="My printer shows offline.")
        make_answer(thread=thread, body="Restart the spooler service first.")
        moved = make_answer(thread=thread, body="Unrelated: my scanner makes a grinding noise.")
    assert titles(search_threads(query="grinding scanner")) == ["Printer offline"]

    with indexed():
        split_thread(
            thread=thread, answers=[moved], title="Scanner noise", by=staff, reason="Off topic"
        )

    assert titles(search_threads(query="grinding scanner")) == ["Scanner noise"]
    assert titles(search_threads(query="spooler")) == ["Printer offline"]
