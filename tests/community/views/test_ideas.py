"""/ideas/: ideas by status, most wanted first, with a vote on each row."""

import re

import pytest
from django.urls import reverse

from community.models import IdeaStatus, ThreadKind, TrustLevel
from community.services.ideas import change_idea_status
from community.services.posts import hide_post
from community.services.reactions import set_me_too
from tests.factories import MemberFactory, SpaceFactory, make_answer, make_thread

IDEAS_URL = "/ideas/"


def _titles(response) -> list[str]:
    return [idea.title for idea in response.context["page_obj"].object_list]


def _idea(title: str, *, votes: int = 0, status: str = "", by=None, space=None, **kwargs):
    idea = make_thread(title=title, kind=ThreadKind.IDEA, space=space, **kwargs)
    for _ in range(votes):
        set_me_too(thread=idea, by=MemberFactory(), me_too=True)
    if status:
        change_idea_status(thread=idea, by=by, status=status, comment="The team decided.")
    return idea


def test_idea_list_shows_ideas_most_wanted_first_or_newest(client, db):
    older = _idea("Dark mode for the app", votes=3)
    newer = _idea("Export invoices as CSV", votes=1)
    make_thread(title="Where is my invoice of March?")  # a question

    assert reverse("community:ideas") == IDEAS_URL
    assert _titles(client.get(IDEAS_URL)) == [older.title, newer.title]
    assert _titles(client.get(IDEAS_URL + "?sort=newest")) == [newer.title, older.title]
    assert _titles(client.get(IDEAS_URL + "?sort=DROP&status=../")) == [older.title, newer.title]


def test_idea_list_tabs_filter_by_status_and_count_each(client, staff):
    fresh = _idea("Dark mode for the app")
    planned = _idea("Export invoices as CSV", status=IdeaStatus.PLANNED, by=staff)
    building = _idea("Sign in with passkeys", status=IdeaStatus.IN_PROGRESS, by=staff)
    declined = _idea("Live chat on weekends", status=IdeaStatus.DECLINED, by=staff)

    assert _titles(client.get(IDEAS_URL + "?status=planned")) == [planned.title]
    assert _titles(client.get(IDEAS_URL + "?status=in_progress")) == [building.title]
    assert _titles(client.get(IDEAS_URL + "?status=declined")) == [declined.title]
    assert _titles(client.get(IDEAS_URL + "?status=new")) == [fresh.title]
    assert _titles(client.get(IDEAS_URL + "?status=delivered")) == []

    response = client.get(IDEAS_URL + "?status=planned")
    tabs = {tab.status: tab.count for tab in response.context["tabs"]}
    assert tabs == {
        "": 4,
        "new": 1,
        "under_review": 0,
        "planned": 1,
        "in_progress": 1,
        "delivered": 0,
        "declined": 1,
    }
    content = response.content.decode()
    assert re.search(r'href="\?status=planned" aria-current="page">Planned', content)
    assert "<title>Ideas: Planned" in content


def test_idea_list_shows_already_exists_only_when_an_idea_has_it(client, staff):
    original = _idea("Dark mode for the app")
    duplicate = _idea("Dunkles Design für die App")
    assert "already_exists" not in {tab.status for tab in client.get(IDEAS_URL).context["tabs"]}
    # Asked for by address, the tab is there (empty) rather than a page without its tab.
    asked = client.get(IDEAS_URL + "?status=already_exists")
    assert "already_exists" in {tab.status for tab in asked.context["tabs"]}

    change_idea_status(
        thread=duplicate,
        by=staff,
        status=IdeaStatus.ALREADY_EXISTS,
        comment="Vote for the English one.",
        duplicate_of=original,
    )
    response = client.get(IDEAS_URL + "?status=already_exists")
    assert _titles(response) == [duplicate.title]
    assert "Already exists" in response.content.decode()


def test_idea_list_new_tab_holds_ideas_without_a_status(client, db):
    from community.models import Thread

    idea = _idea("Dark mode for the app")
    Thread.objects.filter(pk=idea.pk).update(idea_status="")  # made before statuses existed
    assert _titles(client.get(IDEAS_URL + "?status=new")) == [idea.title]


def test_idea_list_rows_show_votes_status_comments_and_space(client, staff):
    space = SpaceFactory(name_en="Feedback & ideas")
    idea = _idea("Dark mode for the app", votes=2, status=IdeaStatus.PLANNED, by=staff, space=space)
    make_answer(thread=idea, body="Would save battery on OLED screens.")

    content = client.get(IDEAS_URL).content.decode()
    row = content[content.index('class="idea-row"') :]
    assert re.search(r'I want this too <span class="reaction__count">2</span>', row)
    assert 'class="badge badge--idea-planned">Planned</span>' in row
    assert "1 comment" in row
    assert "answer" not in row
    assert f'href="{space.get_absolute_url()}">Feedback &amp; ideas</a>' in row


def test_idea_list_marks_the_viewers_own_votes(client, member, staff):
    wanted = _idea("Dark mode for the app")
    other = _idea("Export invoices as CSV")
    own = _idea("Sign in with passkeys", author=member)
    set_me_too(thread=wanted, by=member, me_too=True)
    member.trust_level = TrustLevel.MEMBER  # who may vote for ideas
    member.save(update_fields=["trust_level"])
    client.force_login(member)

    content = client.get(IDEAS_URL).content.decode()
    assert re.search(rf'id="me-too-{wanted.pk}".*?aria-pressed="true"', content)
    assert re.search(rf'id="me-too-{other.pk}".*?aria-pressed="false"', content)
    # The author does not vote for their own idea; the row still says how many want it.
    assert f'id="me-too-{own.pk}"' not in content
    assert "0</span> members want this" in content


def test_idea_list_leaves_out_hidden_ideas_for_others(client, member, staff):
    hidden = _idea("Something against the rules", author=member)
    hide_post(post=hidden.posts.get(), by=staff, reason="Spam")
    hidden.refresh_from_db()
    assert hidden.hidden_at is not None
    assert _titles(client.get(IDEAS_URL)) == []
    assert client.get(IDEAS_URL).context["tabs"][0].count == 0
    client.force_login(staff)
    assert _titles(client.get(IDEAS_URL)) == [hidden.title]


def test_idea_list_is_paginated(client, db):
    for number in range(23):
        _idea(f"Idea number {number} for the app")
    assert len(client.get(IDEAS_URL).context["page_obj"].object_list) == 20
    assert len(client.get(IDEAS_URL + "?page=2").context["page_obj"].object_list) == 3
    assert client.get(IDEAS_URL + "?page=999").status_code == 200


@pytest.mark.parametrize("ideas", [3, 40])
def test_idea_list_query_count_is_fixed(
    client, member, staff, django_assert_max_num_queries, ideas
):
    space = SpaceFactory(default_kind=ThreadKind.IDEA)
    for number in range(ideas):
        idea = _idea(f"Idea number {number} for the app", space=space, votes=number % 2)
        make_answer(thread=idea, body="Would save me a lot of time.")
        if number % 3 == 0:
            set_me_too(thread=idea, by=member, me_too=True)
    # A visitor: the page version (for the ETag), the page, its count, the tab counts,
    # the ideas space, the branding.
    with django_assert_max_num_queries(6):
        assert client.get(IDEAS_URL).status_code == 200
    # A member: and their session, themselves and their own votes on the page.
    member.trust_level = TrustLevel.MEMBER  # who may vote for ideas
    member.save(update_fields=["trust_level"])
    client.force_login(member)
    with django_assert_max_num_queries(8):
        response = client.get(IDEAS_URL + "?sort=newest")
    assert response.status_code == 200
    assert 'aria-pressed="true"' in response.content.decode()


def test_idea_list_suggest_button_preselects_idea_and_the_ideas_space(client, db):
    SpaceFactory(slug="billing")
    SpaceFactory(slug="ideas", default_kind=ThreadKind.IDEA)
    content = client.get(IDEAS_URL).content.decode()
    assert 'href="/ask/?kind=idea&amp;space=ideas">Suggest an idea</a>' in content


# --- the main navigation ------------------------------------------------------------------


def _current_nav(content: str) -> list[str]:
    start = content.index('<nav class="main-nav"')
    nav = content[start : content.index("</nav>", start)]
    return re.findall(r'aria-current="page">([^<]+)</a>', nav)


def test_main_nav_marks_ideas_on_the_list_and_on_an_idea(client, db):
    idea = _idea("Dark mode for the app")
    question = make_thread(title="Where is my invoice of March?")
    assert _current_nav(client.get(IDEAS_URL).content.decode()) == ["Ideas"]
    assert _current_nav(client.get(idea.get_absolute_url()).content.decode()) == ["Ideas"]
    assert _current_nav(client.get(question.get_absolute_url()).content.decode()) == ["Questions"]
    assert _current_nav(client.get("/questions/").content.decode()) == ["Questions"]
    assert _current_nav(client.get("/").content.decode()) == ["Home"]
