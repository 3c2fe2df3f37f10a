import pytest
from django.core.cache import cache

from community.searching import SimilarThread
from community.services.solutions import accept_answer
from knowledge import selectors_related
from knowledge.models import ArticleStatus
from knowledge.selectors_related import related_for_article
from tests.factories import MemberFactory, TagFactory, make_answer, make_thread
from tests.knowledge.kbthread_helpers import make_article, make_section


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def no_threads(monkeypatch):
    monkeypatch.setattr(selectors_related, "similar_solved_threads", lambda title, limit: [])


def test_related_articles_rank_shared_tags_then_title_words_then_section(db, no_threads):
    billing, other = make_section(), make_section()
    invoices = TagFactory(name="invoices")
    article = make_article(section=billing, title="Download an invoice PDF", tags=[invoices])
    same_tag = make_article(section=other, title="Payment methods", tags=[invoices])
    same_words = make_article(section=other, title="Invoice addresses")
    same_section = make_article(section=billing, title="Refunds")
    make_article(section=other, title="Router setup")  # nothing in common
    make_article(section=billing, title="Invoice drafts", status=ArticleStatus.DRAFT)

    related = related_for_article(article, MemberFactory())

    assert related.articles == [same_tag, same_words, same_section]


def test_related_articles_are_at_most_five_and_leave_out_the_translation(db, no_threads):
    section = make_section()
    article = make_article(section=section, title="Invoice PDF")
    translation = make_article(section=section, title="Rechnung als PDF", language="de")
    article.translation = translation
    article.save(update_fields=["translation"])
    for number in range(7):
        make_article(section=section, title=f"Other topic {number}")

    related = related_for_article(article, None)

    assert len(related.articles) == 5
    assert article not in related.articles and translation not in related.articles


def test_related_threads_leave_out_the_source_thread(db, monkeypatch):
    source = make_thread(title="Invoice PDF blank")
    found = [
        SimilarThread(title="Invoice PDF blank", url=source.get_absolute_url(), space_name="A"),
        SimilarThread(title="Empty invoice", url="/t/1/empty-invoice/", space_name="A"),
    ]
    asked = []

    def similar(title, limit):
        asked.append(title)
        return found

    monkeypatch.setattr(selectors_related, "similar_solved_threads", similar)
    article = make_article(title="Blank invoice PDF", source_thread=source)

    assert [t.title for t in related_for_article(article, None).threads] == ["Empty invoice"]
    assert asked == ["Blank invoice PDF"]


def test_related_lists_are_cached_per_article_and_cost_one_query(
    db, monkeypatch, django_assert_num_queries
):
    calls = []
    monkeypatch.setattr(
        selectors_related, "similar_solved_threads", lambda title, limit: calls.append(1) or []
    )
    section = make_section()
    article = make_article(section=section, title="Invoice PDF")
    neighbour = make_article(section=section, title="Invoice address")
    related_for_article(article, None)

    with django_assert_num_queries(1):
        related = related_for_article(article, None)

    assert related.articles == [neighbour]
    assert len(calls) == 1
    neighbour.status = ArticleStatus.ARCHIVED
    neighbour.save(update_fields=["status"])
    assert related_for_article(article, None).articles == []  # archived drops out at once


def test_related_threads_come_from_the_community_search(db, indexed):
    with indexed():
        thread = make_thread(title="Invoice PDF stays blank", body="The invoice PDF is empty.")
        accept_answer(answer=make_answer(thread=thread), by=thread.author)
        make_thread(title="Invoice PDF unanswered", body="No invoice PDF at all.")

    article = make_article(title="Blank invoice PDF")

    threads = related_for_article(article, None).threads
    assert [(t.title, t.url) for t in threads] == [(thread.title, thread.get_absolute_url())]


def test_the_related_box_lists_articles_and_threads(client, db, monkeypatch):
    monkeypatch.setattr(
        selectors_related,
        "similar_solved_threads",
        lambda title, limit: [SimilarThread(title="PDF help", url="/t/5/pdf/", space_name="S")],
    )
    section = make_section()
    article = make_article(section=section, title="Invoice PDF")
    neighbour = make_article(section=section, title="Invoice address")

    content = client.get(article.get_absolute_url()).content.decode()

    assert f'<a href="{neighbour.get_absolute_url()}">Invoice address</a>' in content
    assert '<a href="/t/5/pdf/">PDF help</a>' in content
