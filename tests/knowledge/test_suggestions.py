"""The ask form's "similar" box: published articles (any language) above solved threads."""

import pytest
from django.urls import reverse

from community.searching import ask_suggestions
from community.services.solutions import accept_answer
from knowledge.models import ArticleStatus
from tests.factories import make_answer, make_thread
from tests.knowledge.search_helpers import make_article

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("article_urls", "empty_search_index")]

SIMILAR_URL = reverse("community:ask_similar")


def solved_thread(*, title, body):
    thread = make_thread(title=title, body=body)
    accept_answer(answer=make_answer(thread=thread, body="That worked, thanks."), by=thread.author)
    return thread


def open_url(kind, pk):
    return reverse("knowledge:open_suggestion", kwargs={"kind": kind, "pk": pk})


@pytest.fixture
def corpus(indexed):
    with indexed():
        thread = solved_thread(title="Router firmware update fails", body="It stops at 50 %.")
        english = make_article(title="Updating the router firmware", body="Download it first.")
        german = make_article(
            title="Router-Firmware aktualisieren", body="Lade sie zuerst herunter.", language="de"
        )
        make_article(title="Router firmware draft", body="Later.", status=ArticleStatus.DRAFT)
    return thread, english, german


def test_articles_in_every_language_come_before_threads(corpus):
    thread, english, german = corpus

    found = ask_suggestions("router firmware")

    assert [item.kind for item in found] == ["article", "article", "thread"]
    assert {item.pk for item in found[:2]} == {english.pk, german.pk}
    assert found[2].pk == thread.pk
    by_pk = {item.pk: item for item in found[:2]}
    assert by_pk[german.pk].language == "de" and by_pk[german.pk].language_label
    assert by_pk[english.pk].language_label == ""  # the visitor's own language
    assert all(item.open_url == open_url(item.kind, item.pk) for item in found)


def test_drafts_are_never_suggested(corpus):
    assert "Router firmware draft" not in [item.title for item in ask_suggestions("router draft")]


def test_the_htmx_list_shows_articles_first_with_their_links(corpus, client):
    thread, english, german = corpus

    response = client.get(SIMILAR_URL, {"title": "router firmware"}, headers={"HX-Request": "true"})

    content = response.content.decode()
    assert "Articles and solved questions that may already answer yours" in content
    assert content.index(open_url("article", english.pk)) < content.index(
        open_url("thread", thread.pk)
    )
    assert f'href="{open_url("article", german.pk)}"' in content
    assert 'hreflang="de" lang="de"' in content  # the other language is marked


def test_the_page_without_javascript_and_the_ask_form_list_the_article(corpus, client, member):
    _, english, _ = corpus
    page = client.get(SIMILAR_URL, {"title": "router firmware"}).content.decode()
    client.force_login(member)
    ask = client.get(reverse("community:ask"), {"title": "router firmware"}).content.decode()

    assert f'href="{open_url("article", english.pk)}"' in page
    assert f'href="{open_url("article", english.pk)}"' in ask


def test_the_suggestion_endpoint_has_a_fixed_query_budget(
    corpus, client, django_assert_max_num_queries
):
    client.get(SIMILAR_URL, {"title": "router"}, headers={"HX-Request": "true"})  # warm caches

    # The visitors' page version only: articles and threads come from the index's stored
    # fields, however many there are.
    with django_assert_max_num_queries(1):
        response = client.get(
            SIMILAR_URL, {"title": "router firmware"}, headers={"HX-Request": "true"}
        )

    assert response.status_code == 200
    assert len(response.context["threads"]) == 3
