import pytest
from django.urls import reverse

from community.models import ThreadKind
from community.services.follows import set_thread_following
from community.services.solutions import accept_answer
from tests.factories import MemberFactory, SpaceFactory, TagFactory, make_answer, make_thread


def _titles(response):
    return [thread.title for thread in response.context["page_obj"].object_list]


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


@pytest.mark.parametrize("threads", [3, 40])
def test_thread_list_query_count_is_fixed(client, member, django_assert_max_num_queries, threads):
    space = SpaceFactory()
    tags = [TagFactory(name=f"t{n}") for n in range(3)]
    for number in range(threads):
        thread = make_thread(
            space=space, tags=tags[: number % 3], title=f"Thread number {number} here"
        )
        make_answer(thread=thread)
    client.force_login(member)
    with django_assert_max_num_queries(15):
        assert client.get(reverse("community:threads")).status_code == 200
    with django_assert_max_num_queries(15):
        assert client.get(reverse("community:home")).status_code == 200


def test_unknown_space_is_404(client, db):
    assert client.get("/s/does-not-exist/").status_code == 404


# --- the questions list no longer lists ideas --------------------------------------------


def test_question_list_leaves_ideas_to_the_ideas_list(client, db):
    space = SpaceFactory()
    question = make_thread(title="Where is my invoice of March?", space=space)
    idea = make_thread(title="Dark mode for the app", kind=ThreadKind.IDEA, space=space)
    questions = [t.title for t in client.get("/questions/").context["page_obj"].object_list]
    assert questions == [question.title]
    # A space's own list still shows everything in it.
    in_space = client.get(space.get_absolute_url()).context["page_obj"].object_list
    assert {t.title for t in in_space} == {question.title, idea.title}


def test_question_list_of_ideas_redirects_to_the_ideas_list(client, db):
    response = client.get("/questions/?kind=idea&status=planned&sort=me_too")
    assert response.status_code == 302
    assert response["Location"] == "/ideas/?status=planned&sort=votes"
    assert client.get("/questions/?kind=idea")["Location"] == "/ideas/"
    # The list's kind menu asks through htmx: the browser goes to the ideas list.
    response = client.get("/questions/?kind=idea&sort=newest", headers={"HX-Request": "true"})
    assert response["HX-Redirect"] == "/ideas/?sort=newest"
