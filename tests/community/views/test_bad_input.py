"""Bad input gets a clear answer, never a 500."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import make_answer, make_thread

URLS = [
    "/t/999999/nothing/",
    "/t/abc/",
    "/p/999999/",
    "/p/999999/history/",
    "/s/%00/",
    "/questions/?page=-1&sort=x&filter=y&kind=z&status=w&tag=%00",
    "/questions/?page=99999999999999999999",
    "/search/?q=%22unbalanced&page=abc",
    "/search/?q=title:*&space=nope&kind=nope",
    "/ask/similar/?title=%00%00",
    "/members/%E2%80%8B/",
    "/unsubscribe/x/",
    "/media/../../etc/passwd",
    "/members/a%00b/",
    "/t/1/a%00b/",
]


@pytest.mark.parametrize("url", URLS)
def test_odd_urls_never_500(client, db, url):
    make_answer(thread=make_thread())
    assert client.get(url).status_code < 500


def test_get_on_action_urls_is_405_not_500(member_client, db):
    thread = make_thread()
    for name in ("me_too", "follow_thread", "answer", "unaccept"):
        assert member_client.get(reverse(f"community:{name}", args=[thread.pk])).status_code == 405


def test_csrf_failure_page_is_branded(db, member):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    thread = make_thread()
    response = client.post(reverse("community:me_too", args=[thread.pk]))
    assert response.status_code == 403
    content = response.content.decode()
    assert "Your form had expired" in content
    assert "Peerdesk" in content


def test_answer_to_a_missing_thread_is_404(member_client, db):
    assert (
        member_client.post("/t/424242/answer/", {"body": "An answer for nobody."}).status_code
        == 404
    )


def test_nul_characters_never_reach_the_database(client, db):
    # PostgreSQL cannot store or compare NUL: without this the list page would 500 there.
    assert client.get("/questions/?tag=%00").status_code == 200
    response = client.get("/members/a%00b/")
    assert response.status_code == 400
    assert "That request did not work" in response.content.decode()


@pytest.mark.parametrize("space", ["abc", "-1", "99999999999999999999999", ""])
def test_ask_with_a_space_that_is_no_space_keeps_the_text(member_client, db, space):
    response = member_client.post(
        "/ask/",
        {"title": "Router keeps restarting at night", "body": "Every night at 3 am it reboots.",
         "space": space, "kind": "question"},
    )  # fmt: skip
    assert response.status_code == 400
    content = response.content.decode()
    assert "Every night at 3 am it reboots." in content
    assert "Router keeps restarting at night" in content


def test_preview_obeys_the_length_limit(member_client, db):
    """A megabyte of comment openers took 9 s to render; over the limit nothing is rendered."""
    response = member_client.post("/preview/", {"body": "<!-- " * 200_000})
    assert response.status_code == 200
    content = response.content.decode()
    assert "the limit is 32" in content
    assert len(content) < 500


def test_answer_over_the_limit_keeps_the_text_with_a_counter(member_client, db):
    thread = make_thread()
    body = "word " * 7_000  # 35,000 characters
    response = member_client.post(f"/t/{thread.pk}/answer/", {"body": body})
    assert response.status_code == 400
    content = response.content.decode()
    assert "34,999 characters long; the limit is 32,000" in content
    assert body.strip()[:200] in content


def test_title_field_has_no_maxlength_that_would_cut_a_paste(member_client, db):
    content = member_client.get("/ask/").content.decode()
    assert 'maxlength="150"' not in content
