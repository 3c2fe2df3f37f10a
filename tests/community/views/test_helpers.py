"""The one shape of a one-click action (community.views.helpers.member_action)."""

import pytest
from django.http import QueryDict
from django.urls import reverse

from community.services.posts import hide_post
from tests.factories import StaffFactory, make_answer, make_thread

# Every view built with member_action: (url name, whether it takes the post or the thread).
ACTIONS = [
    ("community:helpful", "post"),
    ("community:accept", "post"),
    ("community:solved_too", "post"),
    ("community:endorse", "post"),
    ("community:hide_post", "post"),
    ("community:unhide_post", "post"),
    ("community:delete_post", "post"),
    ("community:restore_post", "post"),
    ("community:me_too", "thread"),
    ("community:follow_thread", "thread"),
    ("community:unaccept", "thread"),
    ("community:moderate_thread", "thread"),
    ("community:restore_thread", "thread"),
]


@pytest.fixture
def answer(db):
    return make_answer(thread=make_thread())


def _url(name, on, answer):
    return reverse(name, args=[answer.pk if on == "post" else answer.thread_id])


@pytest.mark.parametrize(("name", "on"), ACTIONS)
def test_member_action_sends_visitors_to_log_in_and_back(client, answer, name, on):
    response = client.post(_url(name, on, answer))
    assert response.status_code == 302
    target = answer.get_absolute_url() if on == "post" else answer.thread.get_absolute_url()
    login, _, query = response["Location"].partition("?")
    assert login == reverse("account_login")
    assert QueryDict(query)["next"] == target


@pytest.mark.parametrize(("name", "on"), ACTIONS)
def test_member_action_answers_only_post(client, answer, name, on):
    client.force_login(StaffFactory())
    assert client.get(_url(name, on, answer)).status_code == 405


@pytest.mark.parametrize(("name", "on"), ACTIONS)
def test_member_action_hides_what_the_member_may_not_see(client, answer, name, on):
    """Not found comes before "log in": a hidden thread does not exist for visitors."""
    hide_post(post=answer.thread.posts.get(is_opening=True), by=StaffFactory(), reason="Spam")
    assert client.post(_url(name, on, answer)).status_code == 404
