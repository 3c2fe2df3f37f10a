"""Deflection: a suggestion opened from the ask form and no question posted within 30 minutes."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from knowledge import signals
from knowledge.kpi import deflections
from knowledge.models import ArticleStatus, Deflection, SuggestionOpened
from knowledge.services.deflection import WINDOW, record_opening, settle_openings
from knowledge.tasks import settle_deflections_task
from tests.factories import MemberFactory, make_thread
from tests.knowledge.search_helpers import make_article

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("article_urls")]


def open_url(kind, pk):
    return reverse("knowledge:open_suggestion", kwargs={"kind": kind, "pk": pk})


def later(minutes=31):
    return timezone.now() + timedelta(minutes=minutes)


@pytest.fixture
def deflected():
    """A real receiver of questions_deflected: the deflections of each send."""
    sent = []

    def receiver(sender, deflections, **kwargs):
        sent.append((sender, deflections))

    signals.questions_deflected.connect(receiver)
    yield sent
    signals.questions_deflected.disconnect(receiver)


@pytest.fixture
def article():
    return make_article(title="Invoice as PDF", body="Download it from your account.")


def test_a_member_who_opened_an_article_and_did_not_post_is_a_deflection(
    client, member, article, deflected
):
    client.force_login(member)

    response = client.get(open_url("article", article.pk))

    assert response.status_code == 302
    assert response["Location"] == article.get_absolute_url()
    opening = SuggestionOpened.objects.get()
    assert (opening.member, opening.session_key, opening.article) == (member, "", article)

    assert settle_openings(now=later(29)) == 0  # still within the window
    assert settle_openings(now=later()) == 1

    deflection = Deflection.objects.get()
    assert (deflection.article, deflection.thread, deflection.opened) == (article, None, opening)
    assert deflected == [(Deflection, [deflection])]


def test_a_member_who_posted_anyway_is_no_deflection(client, member, article, deflected):
    client.force_login(member)
    client.get(open_url("article", article.pk))

    make_thread(author=member, title="Invoice still missing", body="The article did not help me.")

    assert SuggestionOpened.objects.get().posted
    assert settle_openings(now=later()) == 0
    assert not Deflection.objects.exists()
    assert SuggestionOpened.objects.get().settled
    assert deflected == []


def test_another_members_question_does_not_count(client, member, article):
    client.force_login(member)
    client.get(open_url("article", article.pk))

    make_thread(author=MemberFactory())

    assert settle_openings(now=later()) == 1


def test_a_visitor_gets_a_session_and_is_matched_after_signing_in(client, member, article):
    thread = make_thread(title="Invoice PDF empty", body="The PDF is blank.")

    client.get(open_url("thread", thread.pk))

    opening = SuggestionOpened.objects.get()
    assert opening.member is None
    assert opening.session_key and opening.session_key == client.session.session_key
    assert opening.thread == thread

    client.force_login(member)  # a new session key; the opening gets the member
    make_thread(author=member, title="My own invoice question", body="Still blank for me.")

    opening.refresh_from_db()
    assert (opening.member, opening.posted) == (member, True)
    assert settle_openings(now=later()) == 0


def test_a_visitor_who_never_posts_is_a_deflection(client, article):
    client.get(open_url("article", article.pk))

    assert settle_openings(now=later()) == 1
    assert Deflection.objects.get().article == article


def test_settling_is_idempotent_and_opening_twice_counts_once(client, member, article):
    client.force_login(member)
    client.get(open_url("article", article.pk))
    client.get(open_url("article", article.pk))  # the same suggestion again
    assert SuggestionOpened.objects.count() == 1

    assert settle_openings(now=later()) == 1
    assert settle_openings(now=later()) == 0
    assert settle_openings(now=later(60)) == 0
    assert Deflection.objects.count() == 1


def test_the_beat_task_settles_only_openings_past_the_window(member, article):
    old = record_opening(by=member, article=article)
    SuggestionOpened.objects.filter(pk=old.pk).update(opened_at=timezone.now() - WINDOW * 2)
    recent = record_opening(by=MemberFactory(), article=article)

    assert settle_deflections_task.delay().get() == 1

    assert Deflection.objects.get().opened == old
    recent.refresh_from_db()
    assert not recent.settled


@pytest.mark.parametrize("status", [ArticleStatus.DRAFT, ArticleStatus.ARCHIVED])
def test_only_published_articles_and_public_threads_can_be_opened(client, status):
    hidden = make_article(title="Draft", body="Not yet.", status=status)

    assert client.get(open_url("article", hidden.pk)).status_code == 404
    assert client.get(open_url("thread", 999_999)).status_code == 404
    assert client.get(open_url("post", hidden.pk)).status_code == 404
    assert not SuggestionOpened.objects.exists()


def test_deflections_per_article_and_thread_for_a_period(
    member, article, django_assert_num_queries
):
    thread = make_thread()
    for who in (member, MemberFactory()):
        record_opening(by=who, article=article)
    record_opening(by=member, thread=thread)
    settle_openings(now=later())
    Deflection.objects.update(created_at=timezone.now() - timedelta(days=3))
    other = make_article(title="Old one", body="Long ago.")
    opening = record_opening(by=member, article=other)
    Deflection.objects.create(opened=opening, article=other)
    Deflection.objects.filter(article=other).update(created_at=timezone.now() - timedelta(days=40))

    with django_assert_num_queries(4):
        counts = deflections(timedelta(days=30))

    assert counts.total == 3
    assert counts.articles == [(article, 2)]
    assert counts.threads == [(thread, 1)]
