"""A post's earlier versions may hold what was taken out of it: only its author and
moderators read them."""

import pytest

from community.models import Post, PostRevision, TrustLevel
from community.services.posts import edit_post
from tests.factories import MemberFactory, StaffFactory, make_answer, make_thread

REMOVED = "My IBAN is DE89 3704 0044 0532 0130 00, please refund."


@pytest.fixture
def edited_answer(member):
    thread = make_thread()
    answer = make_answer(thread=thread, author=member, body="The first version, soon replaced.")
    # Written before the personal-data guard refused IBANs: the first version held one.
    Post.objects.filter(pk=answer.pk).update(body=REMOVED)
    PostRevision.objects.filter(post=answer, number=1).update(body=REMOVED)
    answer.body = REMOVED
    edit_post(post=answer, by=member, body="Please refund the double payment, thank you.")
    return answer


def test_post_history_is_readable_by_its_author(client, member, edited_answer):
    client.force_login(member)
    response = client.get(f"/p/{edited_answer.pk}/history/")
    assert response.status_code == 200
    assert "DE89 3704" in response.content.decode()


@pytest.mark.parametrize(
    "reader",
    [
        lambda: StaffFactory(),
        lambda: MemberFactory(trust_level=TrustLevel.LEADER),
    ],
    ids=["staff", "super-user"],
)
def test_post_history_is_readable_by_moderators(client, edited_answer, reader):
    client.force_login(reader())
    assert client.get(f"/p/{edited_answer.pk}/history/").status_code == 200


def test_post_history_is_refused_to_visitors_and_other_members(client, edited_answer):
    response = client.get(f"/p/{edited_answer.pk}/history/")
    assert response.status_code == 403
    assert "DE89" not in response.content.decode()
    client.force_login(MemberFactory(trust_level=TrustLevel.REGULAR))
    response = client.get(f"/p/{edited_answer.pk}/history/")
    assert response.status_code == 403
    assert "Only the author and moderators" in response.content.decode()


def test_thread_page_links_history_only_for_those_who_may_read_it(client, member, edited_answer):
    url = edited_answer.thread.get_absolute_url()
    history = f"/p/{edited_answer.pk}/history/"

    content = client.get(url).content.decode()
    assert history not in content
    assert "edited" in content  # others still see that, and when, it was edited

    client.force_login(member)
    assert history in client.get(url).content.decode()


def test_post_history_shows_rendered_versions_with_inline_word_changes(client, member):
    thread = make_thread(author=member, body="Restart the **router** and wait a minute.")
    opening = thread.posts.get(is_opening=True)
    edit_post(
        post=opening, by=member, title="Router restarts every night",
        body="Restart the **modem** and wait a minute.",
    )  # fmt: skip
    client.force_login(member)
    content = client.get(f"/p/{opening.pk}/history/").content.decode()
    assert '<del class="diff-del">router</del><ins class="diff-ins">modem</ins>' in content
    assert "<strong>" in content and "**" not in content
    assert "@@" not in content
    assert content.index("Version 2") < content.index("Version 1")  # newest first
    assert '<ins class="diff-ins">' in content.split("Title:")[1].split("</p>")[0]


def test_post_history_says_who_edited_and_why(client, member, staff):
    thread = make_thread(author=member)
    opening = thread.posts.get(is_opening=True)
    client.force_login(member)
    response = client.post(
        f"/p/{opening.pk}/edit/",
        {"title": thread.title, "body": "When I click on my invoice the PDF shows no pages.",
         "tags": "", "reason": "Described the error better", "revision": 1},
    )  # fmt: skip
    assert response.status_code == 302
    content = client.get(f"/p/{opening.pk}/history/").content.decode()
    assert "Edited by" in content
    assert "Why: Described the error better" in content
