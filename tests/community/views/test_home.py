"""The home page: spaces, latest activity and unanswered questions in the reader's language."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from community.services.staff import set_thread_pinned
from tests.community.lists import german_thread, many_threads
from tests.factories import SpaceFactory, make_thread


def _recent(response):
    return [row["title"] for row in response.context["recent_threads"]]


def _unanswered(response):
    return [row["title"] for row in response.context["unanswered_threads"]]


def test_home_shows_each_reader_the_threads_in_their_language(client, db):
    english = make_thread(title="My invoice did not arrive")
    german = german_thread()
    response = client.get(reverse("community:home"))
    assert _recent(response) == [english.title] and _unanswered(response) == [english.title]
    response = client.get(reverse("community:home"), HTTP_ACCEPT_LANGUAGE="de")
    assert _recent(response) == [german.title] and _unanswered(response) == [german.title]


def test_home_shows_only_the_welcome_post_in_the_readers_language(client, staff):
    welcome = make_thread(
        author=staff, title="Welcome to the community", body="Read this first, it is how we work."
    )
    willkommen = german_thread(
        author=staff,
        title="Willkommen in der Community",
        body="Lies das zuerst, so arbeiten wir hier.",
    )
    for thread in (welcome, willkommen):
        set_thread_pinned(thread=thread, pinned=True, by=staff)
    english = client.get(reverse("community:home")).content.decode()
    assert welcome.title in english and willkommen.title not in english
    german = client.get(reverse("community:home"), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert willkommen.title in german and welcome.title not in german


def test_home_switch_shows_all_languages_with_markers(client, db):
    english = make_thread(title="My invoice did not arrive")
    german = german_thread()
    content = client.get(reverse("community:home")).content.decode()
    assert 'href="?lang=all">Show all languages</a>' in content
    response = client.get(reverse("community:home") + "?lang=all")
    assert set(_recent(response)) == {english.title, german.title}
    assert set(_unanswered(response)) == {english.title, german.title}
    content = response.content.decode()
    assert content.count('<span class="badge badge--language" lang="de">Deutsch</span>') == 2
    assert 'href="?">Only English</a>' in content
    # The links onwards keep showing every language.
    assert f'href="{reverse("community:threads")}?lang=all"' in content
    assert f'href="{reverse("community:threads")}?filter=unanswered&amp;lang=all"' in content


def test_home_counts_a_spaces_threads_in_the_readers_languages(client, db):
    space = SpaceFactory(name_en="Invoices & payment", name_de="Rechnungen & Zahlung")
    make_thread(space=space, title="My invoice did not arrive")
    make_thread(space=space, title="The app does not start")
    german_thread(space=space)
    content = client.get(reverse("community:home")).content.decode()
    assert "Invoices &amp; payment" in content and "2 threads" in content
    content = client.get(reverse("community:home"), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Rechnungen &amp; Zahlung" in content and "1 Thema" in content
    content = client.get(reverse("community:home") + "?lang=all").content.decode()
    assert "3 threads" in content
    assert f'href="{space.get_absolute_url()}?lang=all"' in content


@pytest.mark.parametrize("threads", [5, 60])
def test_home_query_budget_does_not_grow(client, member, django_assert_max_num_queries, threads):
    for number in range(3):
        space = SpaceFactory(slug=f"space-{number}")
        many_threads(threads, space=space, language="en", tags=2)
        many_threads(threads, space=space, language="de", tags=2)
    url = reverse("community:home")
    client.get(url)  # reads the branding and the counts into the cache
    # The page version, the spaces, the latest threads, their tags, the unanswered questions.
    with django_assert_max_num_queries(5):
        assert client.get(url).status_code == 200
    client.force_login(member)
    # The session and the member come first; the bell's count comes last.
    with django_assert_max_num_queries(7):
        assert client.get(url).status_code == 200


def test_home_counts_threads_once_a_minute_not_per_view(client, db):
    many_threads(60, space=SpaceFactory(), tags=0)
    url = reverse("community:home")
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    with CaptureQueriesContext(connection) as second:
        client.get(url)
    assert sum("COUNT(" in q["sql"].upper() for q in first) == 1
    assert not any("COUNT(" in q["sql"].upper() for q in second)
