"""New members post without images and with at most two links; from “Basic member” on,
both are free. Refused in the services, so every way in keeps the text and says why."""

import pytest
from django.core.exceptions import ValidationError

from community.markdown import count_links_and_images
from community.models import Post, Thread, TrustLevel
from community.services.posts import ask_question, edit_post, post_answer
from tests.factories import MemberFactory, SpaceFactory, StaffFactory, make_thread

TWO_LINKS = "Read https://example.com/guide and [the FAQ](https://example.com/faq) first."
THREE_LINKS = TWO_LINKS + " Then <https://example.com/support>."
IMAGE = "This is what I see: ![error](/media/uploads/1/error.png)"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("no links at all, just words", (0, 0)),
        ("bare https://example.com and www.example.org", (2, 0)),
        ("[text](https://example.com) and <https://example.com/x>", (2, 0)),
        ("`https://in-code.example.com` is code, not a link", (0, 0)),
        ("@someone is a mention, not a link", (0, 0)),
        ("![a](https://example.com/a.png) [![b](/media/b.png)](https://example.com)", (1, 2)),
    ],
)
def test_count_links_and_images_counts_what_the_renderer_links(text, expected):
    assert count_links_and_images(text) == expected


@pytest.fixture
def newcomer(db):
    return MemberFactory(trust_level=TrustLevel.NEW)


def test_new_members_may_use_two_links(newcomer):
    thread = make_thread()
    post = post_answer(thread=thread, author=newcomer, body=TWO_LINKS)
    assert post.pk


@pytest.mark.parametrize(
    "body, code", [(THREE_LINKS, "too_many_links"), (IMAGE, "images_not_allowed")]
)
def test_post_answer_refuses_a_new_member_images_and_a_third_link(newcomer, body, code):
    thread = make_thread()
    with pytest.raises(ValidationError) as refusal:
        post_answer(thread=thread, author=newcomer, body=body)
    assert refusal.value.code == code
    assert not Post.objects.filter(author=newcomer).exists()


def test_ask_question_refuses_a_new_member_a_third_link(newcomer):
    with pytest.raises(ValidationError, match="at most 2"):
        ask_question(
            author=newcomer, space=SpaceFactory(), title="Where is my order?", body=THREE_LINKS
        )
    assert not Thread.objects.exists()


@pytest.mark.parametrize("level", [TrustLevel.BASIC, TrustLevel.LEADER])
def test_from_basic_members_on_images_and_links_are_free(db, level):
    author = MemberFactory(trust_level=level)
    post = post_answer(thread=make_thread(), author=author, body=f"{THREE_LINKS}\n\n{IMAGE}")
    assert post.body_html.count("<a ") == 3 and "<img" in post.body_html


def test_edit_post_refuses_a_new_member_adding_an_image(newcomer):
    thread = make_thread(author=newcomer)
    opening = thread.posts.get()
    with pytest.raises(ValidationError, match="cannot add images"):
        edit_post(post=opening, by=newcomer, body=f"{opening.body}\n\n{IMAGE}")
    opening.refresh_from_db()
    assert "![error]" not in opening.body


def test_edit_post_keeps_what_staff_put_into_a_new_members_post(newcomer):
    # Staff added three links and a screenshot; the author still fixes a typo.
    thread = make_thread(author=newcomer)
    opening = thread.posts.get()
    edit_post(post=opening, by=StaffFactory(), body=f"{THREE_LINKS}\n\n{IMAGE} teh end")
    opening.refresh_from_db()
    edit_post(post=opening, by=newcomer, body=opening.body.replace("teh", "the"))
    opening.refresh_from_db()
    assert opening.body.endswith("the end")


# --- every way in keeps the text -------------------------------------------------------------


def test_answer_form_keeps_the_text_and_says_why(client, newcomer):
    thread = make_thread()
    client.force_login(newcomer)
    response = client.post(f"/t/{thread.pk}/answer/", {"body": THREE_LINKS})
    content = response.content.decode()
    assert response.status_code == 400
    assert "This post has 3 links; new members may use at most 2." in content
    assert "https://example.com/support&gt;.</textarea>" in content


def test_ask_form_keeps_the_text_and_says_why(client, newcomer):
    space = SpaceFactory()
    client.force_login(newcomer)
    data = {"title": "Error when paying", "body": IMAGE, "space": space.pk, "kind": "question"}
    response = client.post("/ask/", data)
    content = response.content.decode()
    assert response.status_code == 400
    assert "New members cannot add images yet" in content
    assert "![error](/media/uploads/1/error.png)</textarea>" in content


def test_edit_form_keeps_the_text_and_says_why(client, newcomer):
    thread = make_thread(author=newcomer)
    opening = thread.posts.get()
    client.force_login(newcomer)
    data = {"title": thread.title, "body": THREE_LINKS, "tags": "", "revision": "1"}
    response = client.post(f"/p/{opening.pk}/edit/", data)
    content = response.content.decode()
    assert response.status_code == 400
    assert "new members may use at most 2" in content
    assert "https://example.com/support&gt;.</textarea>" in content


def test_image_upload_tells_a_new_member_why_not(client, newcomer):
    client.force_login(newcomer)
    response = client.post("/uploads/images/", {})
    assert response.status_code == 403
    assert "New members cannot add images yet" in response.json()["error"]
