"""Articles in the site search: indexed after commit like threads, with the same analysis."""

import pytest
from django.db import transaction
from django.urls import reverse
from haystack import connections

from community.searching import search_site, search_threads
from community.services.solutions import accept_answer
from knowledge import signals
from knowledge.models import Article, ArticleStatus
from tests.community.search_helpers import titles
from tests.factories import StaffFactory, make_answer, make_thread
from tests.knowledge.search_helpers import make_article, make_section

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("article_urls", "empty_search_index")]

SEARCH_URL = reverse("community:search")


@pytest.mark.parametrize(
    ("title", "body", "language", "query"),
    [
        ("Where is my invoice?", "Download the invoice from your account page.", "en", "invoices"),
        ("Wo ist meine Rechnung?", "Die Rechnung findest du in deinem Konto.", "de", "Rechnungen"),
        ("Passwörter ändern", "So änderst du dein Passwort.", "de", "Passwort"),
    ],
)
def test_articles_are_found_in_both_languages_with_stemming(indexed, title, body, language, query):
    with indexed():
        make_article(title=title, body=body, language=language)
        make_article(title="Something else", body="Nothing to do with it.", language=language)

    results = search_site(query=query)

    assert titles(results) == [title]
    assert results.results[0].type_label == "Article"


def test_the_type_filter_narrows_to_articles_or_threads(indexed):
    with indexed():
        make_article(title="Invoice as PDF", body="How to download an invoice.")
        make_thread(title="Invoice missing", body="I cannot find my invoice anywhere.")

    assert sorted(titles(search_site(query="invoice"))) == ["Invoice as PDF", "Invoice missing"]
    assert titles(search_site(query="invoice", types=("articles",))) == ["Invoice as PDF"]
    assert titles(search_site(query="invoice", types=("threads",))) == ["Invoice missing"]
    # The thread search of community pages never shows an article.
    assert titles(search_threads(query="invoice")) == ["Invoice missing"]


def test_an_article_ranks_above_a_thread_at_equal_relevance(indexed):
    text = "The invoice PDF is empty after the download."
    with indexed():
        thread = make_thread(title="Empty invoice PDF", body=text)
        # Even a solved thread with an official answer: the article is the curated answer.
        answer = make_answer(thread=thread, body="Clear the cache.", author=StaffFactory())
        accept_answer(answer=answer, by=thread.author)
        make_article(title="Empty invoice PDF", body=text)

    results = search_site(query="invoice pdf")

    assert [hit.type_label for hit in results.results] == ["Article", ""]


def test_a_much_better_thread_still_ranks_above_an_article(indexed):
    with indexed():
        make_thread(
            title="Router firmware update fails",
            body="The router firmware update fails at 50 %. Router firmware 3.2.",
        )
        make_article(title="Getting started", body="Set up your account. A router is optional.")

    assert titles(search_site(query="router firmware")) == ["Router firmware update fails"]


@pytest.mark.parametrize(
    "status", [ArticleStatus.DRAFT, ArticleStatus.REVIEW, ArticleStatus.ARCHIVED]
)
def test_unpublished_articles_are_never_found(indexed, status):
    with indexed():
        make_article(title="Secret invoice plan", body="Not for the public yet.", status=status)

    assert titles(search_site(query="invoice")) == []
    assert search_site(query="invoice", types=("articles",)).total == 0


def test_an_article_is_indexed_again_after_commit_and_removed_when_archived(indexed):
    with indexed():
        article = make_article(title="Invoice as PDF", body="How to download an invoice.")

    with indexed():
        article.title = "Receipt as PDF"
        article.save()
        # Before the commit, the index still has the old title.
        assert titles(search_site(query="receipt")) == []
    assert titles(search_site(query="receipt")) == ["Receipt as PDF"]

    # Archived without a save signal (the services send article_archived): the receiver
    # removes it from the index after commit.
    with indexed():
        Article.objects.filter(pk=article.pk).update(status=ArticleStatus.ARCHIVED)
        signals.article_archived.send(sender=Article, article=article, by=article.author)
    assert titles(search_site(query="receipt")) == []


def test_article_published_signal_indexes_the_article(indexed):
    with indexed():
        article = make_article(
            title="Invoice as PDF", body="How to download it.", status=ArticleStatus.REVIEW
        )
    assert titles(search_site(query="invoice")) == []
    Article.objects.filter(pk=article.pk).update(status=ArticleStatus.PUBLISHED)

    with indexed():
        signals.article_published.send(
            sender=Article, article=article, by=article.author, contributors=[]
        )

    assert titles(search_site(query="invoice")) == ["Invoice as PDF"]


def test_search_page_shows_type_section_and_summary_of_an_article(indexed, client):
    section = make_section(slug="billing", name_en="Billing", name_de="Abrechnung")
    with indexed():
        make_article(
            title="Invoice as PDF",
            summary="Where to download invoices.",
            body="Open your account page and choose the invoice.",
            section=section,
        )
        make_thread(title="Invoice missing", body="I cannot find my invoice.")

    response = client.get(SEARCH_URL, {"q": "invoice", "type": "articles"})

    content = response.content.decode()
    assert response.status_code == 200
    assert "1 result found for “invoice”" in content
    assert 'href="/kb/billing/' in content
    assert "Where to download invoices." in content
    assert 'href="/kb/billing/"' in content and ">Billing</a>" in content
    assert '<option value="articles" selected>' in content
    assert "Invoice missing" not in content


def test_search_page_with_both_types_lists_the_article_first(indexed, client):
    with indexed():
        make_thread(title="Invoice as PDF", body="Open your account page and choose the invoice.")
        make_article(title="Invoice as PDF", body="Open your account page and choose the invoice.")

    content = client.get(SEARCH_URL, {"q": "invoice"}).content.decode()

    assert "2 results found" in content
    assert content.index("search-result--article") < content.index('href="/t/')


def test_the_index_schema_and_the_rebuild_include_articles():
    from community.management.commands.ensure_search_index import current_schema
    from community.searching.rebuild import rebuild_search_index

    make_article(title="Invoice as PDF", body="How to download an invoice.")
    transaction.get_connection().run_on_commit.clear()  # not indexed by a task

    assert {"section", "section_name_en", "summary"} <= set(current_schema("default")["fields"])
    assert rebuild_search_index() == 1
    assert titles(search_site(query="invoice")) == ["Invoice as PDF"]
    assert connections["default"].get_backend().index.doc_count() == 1


def test_search_page_in_german_names_the_type_and_the_section_in_german(indexed, client):
    section = make_section(slug="abrechnung", name_en="Billing", name_de="Abrechnung")
    with indexed():
        make_article(
            title="Rechnung als PDF",
            body="Du findest die Rechnung in deinem Konto.",
            language="de",
            section=section,
        )

    response = client.get(SEARCH_URL, {"q": "Rechnungen"}, HTTP_ACCEPT_LANGUAGE="de")

    content = response.content.decode()
    assert "1 Ergebnis für „Rechnungen“ gefunden" in content
    assert ">Abrechnung</a>" in content
    assert '<span class="badge badge--official">Artikel</span>' in content
    assert '<option value="articles">Artikel</option>' in content


def test_renaming_a_section_in_the_admin_reindexes_its_articles(indexed, client):
    from tests.knowledge.search_helpers import MemberFactory

    section = make_section(name_en="Invoices", name_de="Rechnungen")
    with indexed():
        make_article(title="Where is my invoice?", body="On the account page.", section=section)
        make_article(title="Old invoice", body="Archived.", section=section, status="archived")
    client.force_login(MemberFactory(is_staff=True, is_superuser=True))
    url = reverse("admin:knowledge_section_change", args=[section.pk])
    form = {"slug": section.slug, "name_en": "Billing", "name_de": "Abrechnung",
            "icon": section.icon, "position": section.position}  # fmt: skip
    with indexed():
        response = client.post(url, form)
    assert response.status_code == 302

    [hit] = search_site(query="invoice").results
    assert hit.section_name == "Billing"
