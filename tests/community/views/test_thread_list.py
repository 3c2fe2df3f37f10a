import pytest
from django.urls import reverse

from community.models import ThreadKind
from community.services.follows import set_thread_following
from community.services.solutions import accept_answer
from tests.community.lists import german_thread, many_threads
from tests.factories import MemberFactory, SpaceFactory, TagFactory, make_answer, make_thread


def _titles(response):
    return [row["title"] for row in response.context["page_obj"].object_list]


def test_thread_list_filters(client, member):
    space = SpaceFactory()
    unanswered = make_thread(author=member, space=space, title="Nobody answered this yet")
    answered = make_thread(space=space, title="This one has an answer")
    make_answer(thread=answered)
    solved = make_thread(space=space, title="This one is solved already")
    accept_answer(answer=make_answer(thread=solved), by=solved.author)
    followed = make_thread(space=space, title="I follow this one closely")
    set_thread_following(thread=followed, member=member, following=True)

    url = reverse("community:space", args=[space.slug])
    assert set(_titles(client.get(url + "?filter=unanswered"))) == {
        unanswered.title,
        followed.title,
    }
    assert _titles(client.get(url + "?filter=solved")) == [solved.title]
    assert solved.title not in _titles(client.get(url + "?filter=unsolved"))
    client.force_login(member)
    assert _titles(client.get(url + "?filter=mine")) == [unanswered.title]
    assert set(_titles(client.get(url + "?filter=following"))) == {unanswered.title, followed.title}


def test_thread_list_mine_for_visitors_asks_to_log_in(client, db):
    response = client.get(reverse("community:threads") + "?filter=mine")
    assert "Sign in to see your own threads" in response.content.decode()


def test_thread_list_sorts_and_ignores_unknown_values(client, db):
    from community.services.reactions import set_me_too

    quiet = make_thread(title="A quiet little problem")
    outage = make_thread(title="Everything is down for everyone")
    for _ in range(3):
        set_me_too(thread=outage, by=MemberFactory(), me_too=True)
    url = reverse("community:threads")
    assert _titles(client.get(url + "?sort=me_too"))[0] == outage.title
    assert _titles(client.get(url + "?sort=newest"))[0] == outage.title
    assert client.get(url + "?sort=DROP TABLE&filter=../../").status_code == 200
    assert quiet.title in _titles(client.get(url + "?sort=nonsense"))


def test_thread_list_filters_by_tag_and_idea_status(client, staff):
    from community.models import IdeaStatus
    from community.services.ideas import change_idea_status

    tag = TagFactory(name="pdf")
    tagged = make_thread(title="Invoice PDF is empty", tags=[tag])
    make_thread(title="Something else entirely")
    space = SpaceFactory(default_kind=ThreadKind.IDEA)
    idea = make_thread(title="Dark mode for the app", kind=ThreadKind.IDEA, space=space)
    change_idea_status(thread=idea, by=staff, status=IdeaStatus.PLANNED, comment="Yes!")
    assert _titles(client.get(reverse("community:threads") + "?tag=pdf", follow=True)) == [
        tagged.title
    ]  # the tag's page
    # A space's list filters its ideas by status (the list of all ideas is /ideas/).
    url = reverse("community:space", args=[space.slug])
    assert _titles(client.get(url + "?kind=idea&status=planned")) == [idea.title]
    assert _titles(client.get(url + "?kind=idea&status=declined")) == []


def test_thread_list_shows_status_badges(client, staff):
    thread = make_thread(title="Question with an official answer")
    make_answer(thread=thread, author=staff)
    content = client.get(reverse("community:threads")).content.decode()
    assert "Official answer" in content


def test_thread_list_is_paginated(client, db):
    space = SpaceFactory()
    for number in range(25):
        make_thread(space=space, title=f"Question number {number} here")
    response = client.get(reverse("community:space", args=[space.slug]))
    assert len(response.context["page_obj"].object_list) == 20
    assert 'rel="next"' in response.content.decode()
    assert (
        len(
            client.get(reverse("community:space", args=[space.slug]) + "?page=2")
            .context["page_obj"]
            .object_list
        )
        == 5
    )
    assert (
        client.get(reverse("community:space", args=[space.slug]) + "?page=999").status_code == 200
    )


def test_unknown_space_is_404(client, db):
    assert client.get("/s/does-not-exist/").status_code == 404


# --- the questions list no longer lists ideas --------------------------------------------


def test_question_list_leaves_ideas_to_the_ideas_list(client, db):
    space = SpaceFactory()
    question = make_thread(title="Where is my invoice of March?", space=space)
    idea = make_thread(title="Dark mode for the app", kind=ThreadKind.IDEA, space=space)
    questions = [row["title"] for row in client.get("/questions/").context["page_obj"].object_list]
    assert questions == [question.title]
    # A space's own list still shows everything in it.
    in_space = client.get(space.get_absolute_url()).context["page_obj"].object_list
    assert {row["title"] for row in in_space} == {question.title, idea.title}


def test_question_list_of_ideas_redirects_to_the_ideas_list(client, db):
    response = client.get("/questions/?kind=idea&status=planned&sort=me_too")
    assert response.status_code == 302
    assert response["Location"] == "/ideas/?status=planned&sort=votes"
    assert client.get("/questions/?kind=idea")["Location"] == "/ideas/"
    # The list's kind menu asks through htmx: the browser goes to the ideas list.
    response = client.get("/questions/?kind=idea&sort=newest", headers={"HX-Request": "true"})
    assert response["HX-Redirect"] == "/ideas/?sort=newest"


# --- content in the reader's language -----------------------------------------------------------


def test_thread_list_shows_a_visitor_the_threads_in_the_page_language(client, db):
    english = make_thread(title="My invoice did not arrive")
    german = german_thread()
    url = reverse("community:threads")
    assert _titles(client.get(url)) == [english.title]
    assert _titles(client.get(url, HTTP_ACCEPT_LANGUAGE="de")) == [german.title]


def test_thread_list_switch_shows_all_languages_and_back(client, db):
    english = make_thread(title="My invoice did not arrive")
    german = german_thread()
    url = reverse("community:threads")
    content = client.get(url).content.decode()
    assert "Showing threads in English." in content
    assert 'href="?lang=all">Show all languages</a>' in content
    response = client.get(url + "?lang=all")
    assert set(_titles(response)) == {english.title, german.title}
    content = response.content.decode()
    assert "Showing threads in all languages." in content
    assert 'href="?">Only English</a>' in content
    # The German thread is marked as German, for the eye and for screen readers.
    assert '<span class="badge badge--language" lang="de">Deutsch</span>' in content
    assert f'lang="de">{german.title}</a>' in content


def test_thread_list_remembers_all_languages_while_paginating_filtering_and_sorting(client, db):
    space = SpaceFactory()
    many_threads(25, space=space, language="de", tags=0)
    url = reverse("community:space", args=[space.slug])
    assert _titles(client.get(url)) == []
    response = client.get(url + "?lang=all")
    content = response.content.decode()
    assert len(_titles(response)) == 20
    assert 'rel="next" href="?lang=all&amp;page=2"' in content
    assert 'href="?lang=all&amp;filter=unanswered"' in content
    assert '<input type="hidden" name="lang" value="all">' in content
    second = client.get(url + "?lang=all&page=2&sort=newest")
    assert len(_titles(second)) == 5
    assert 'rel="prev" href="?lang=all&amp;page=1&amp;sort=newest"' in second.content.decode()


def test_thread_list_follows_the_members_languages_i_read(client, member):
    english = make_thread(title="My invoice did not arrive")
    german = german_thread()
    client.force_login(member)
    url = reverse("community:threads")
    assert _titles(client.get(url)) == [english.title]
    member.content_languages = "de"
    member.save(update_fields=["content_languages"])
    assert _titles(client.get(url)) == [german.title]
    member.content_languages = "en,de"
    member.save(update_fields=["content_languages"])
    response = client.get(url)
    assert set(_titles(response)) == {english.title, german.title}
    # Reading every language leaves nothing to switch.
    assert "Show all languages" not in response.content.decode()


def test_thread_list_shows_only_the_welcome_post_in_the_readers_language(client, staff):
    from community.services.staff import set_thread_pinned

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
    make_thread(title="My invoice did not arrive")
    english = client.get(reverse("community:threads")).content.decode()
    assert welcome.title in english and willkommen.title not in english
    german = client.get(reverse("community:threads"), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert willkommen.title in german and welcome.title not in german


def test_space_page_shows_the_space_in_the_readers_language(client, db):
    space = SpaceFactory(name_en="Invoices & payment", name_de="Rechnungen & Zahlung")
    make_thread(space=space, title="My invoice did not arrive")
    url = reverse("community:space", args=[space.slug])
    assert "<h1>Invoices &amp; payment</h1>" in client.get(url).content.decode()
    german = client.get(url, HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "<h1>Rechnungen &amp; Zahlung</h1>" in german
    listing = client.get(reverse("community:threads") + "?lang=all", HTTP_ACCEPT_LANGUAGE="de")
    assert ">Rechnungen &amp; Zahlung</a> ·" in listing.content.decode()


def test_thread_list_page_past_the_end_offers_the_first_page(client, db):
    space = SpaceFactory()
    many_threads(3, space=space, tags=0)
    response = client.get(reverse("community:space", args=[space.slug]) + "?page=7&sort=newest")
    assert response.status_code == 200
    content = response.content.decode()
    assert "This page is empty" in content
    assert 'href="?sort=newest">Go to the first page</a>' in content


# --- speed: fixed query budgets, no COUNT ----------------------------------------------------------


def _list_data(threads: int):
    space = SpaceFactory(slug="busy")
    many_threads(threads, space=space, language="en", tags=2)
    many_threads(threads, space=space, language="de", tags=2)
    return space


@pytest.mark.parametrize("threads", [5, 60])
def test_thread_list_query_budget_does_not_grow(
    client, member, django_assert_max_num_queries, threads
):
    _list_data(threads)
    url = reverse("community:threads")
    client.get(url)  # reads the branding into the cache
    # The page version (visitors' pages carry an ETag), the thread rows, their tags.
    with django_assert_max_num_queries(3):
        assert client.get(url).status_code == 200
    with django_assert_max_num_queries(3):
        assert client.get(url + "?lang=all&sort=newest&page=2").status_code == 200
    client.force_login(member)
    # The session and the member come first; the bell's count comes last.
    with django_assert_max_num_queries(5):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("threads", [5, 60])
def test_space_page_query_budget_does_not_grow(
    client, member, django_assert_max_num_queries, threads
):
    space = _list_data(threads)
    url = reverse("community:space", args=[space.slug])
    client.get(url)  # reads the branding into the cache
    # The page version, the space, the thread rows, their tags.
    with django_assert_max_num_queries(4):
        assert client.get(url).status_code == 200
    client.force_login(member)
    # The session and the member come first; whether they follow it comes with the space;
    # the bell's count comes last.
    with django_assert_max_num_queries(6):
        assert client.get(url).status_code == 200


def test_thread_list_and_space_page_never_count_the_list(client, member):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    space = _list_data(60)
    client.force_login(member)
    for url in (
        reverse("community:threads"),
        reverse("community:threads") + "?lang=all&filter=unsolved&page=3",
        reverse("community:space", args=[space.slug]),
    ):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        # The bell counts the member's unread notifications (a partial index), not the list.
        sql = [q["sql"].upper() for q in queries if "community_notification" not in q["sql"]]
        assert not any("COUNT(" in statement for statement in sql), sql


def test_thread_list_htmx_swap_brings_the_language_switch_along(client, db):
    make_thread(title="My invoice did not arrive")
    response = client.get(
        reverse("community:threads") + "?lang=all&sort=newest",
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="thread-list",
    )
    content = response.content.decode()
    assert content.startswith('<div id="thread-list">')
    assert "<html" not in content
    assert 'href="?sort=newest">Only English</a>' in content


def test_space_page_shows_whether_the_member_follows_it(client, member):
    from community.services.follows import set_space_following

    space = SpaceFactory()
    url = reverse("community:space", args=[space.slug])
    client.force_login(member)
    assert 'aria-pressed="false">Follow space</button>' in client.get(url).content.decode()
    set_space_following(space=space, member=member, following=True)
    assert 'aria-pressed="true">Following</button>' in client.get(url).content.decode()
    client.logout()
    assert "Follow space" not in client.get(url).content.decode()


def test_space_page_of_a_retired_space_is_404(client, db):
    space = SpaceFactory(is_active=False)
    assert client.get(reverse("community:space", args=[space.slug])).status_code == 404
