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
