import json
import re

import pytest
from django.urls import reverse

from community.services.posts import delete_post, hide_post
from community.services.reactions import set_helpful_vote
from community.services.solutions import accept_answer
from tests.factories import MemberFactory, StaffFactory, make_answer, make_thread


def _json_ld(content: str) -> dict:
    return json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', content, re.S).group(1)
    )


def test_thread_page_shows_question_answers_and_solution_first(client, member, other_member, staff):
    thread = make_thread(author=member)
    first = make_answer(thread=thread, body="First answer that did not help much.")
    official = make_answer(thread=thread, author=staff, body="Official steps: reinstall the app.")
    solution = make_answer(
        thread=thread, author=other_member, body="Clear the cache, that solves it."
    )
    accept_answer(answer=solution, by=member)

    content = client.get(thread.get_absolute_url()).content.decode()

    order = [content.index(f'id="post-{p.pk}"') for p in (solution, official, first)]
    assert order == sorted(order)
    assert "Go to solution" in content
    assert "Official answer" in content
    assert staff.staff_signature in content


def test_thread_page_redirects_to_the_canonical_slug(client, member):
    thread = make_thread(author=member, title="Parcel never arrived at all")
    response = client.get(f"/t/{thread.pk}/old-title/?page=1")
    assert response.status_code == 301
    assert response["Location"] == f"/t/{thread.pk}/parcel-never-arrived-at-all/?page=1"
    assert client.get(f"/t/{thread.pk}/").status_code == 301


def test_thread_page_has_qa_page_json_ld_and_open_graph(client, member, other_member):
    thread = make_thread(author=member)
    answer = make_answer(thread=thread, author=other_member)
    make_answer(thread=thread, body="Another suggestion for you here.")
    accept_answer(answer=answer, by=member)
    set_helpful_vote(post=answer, by=MemberFactory(), voted=True)

    content = client.get(thread.get_absolute_url()).content.decode()
    data = _json_ld(content)
    assert data["@type"] == "QAPage"
    question = data["mainEntity"]
    assert question["name"] == thread.title
    assert question["answerCount"] == 2
    assert question["acceptedAnswer"]["upvoteCount"] == 1
    assert len(question["suggestedAnswer"]) == 1
    assert '<meta property="og:title" content="Invoice PDF does not open">' in content


def test_thread_page_json_ld_cannot_be_broken_out_of(client, member):
    thread = make_thread(author=member, title="</script><script>alert(1)</script> PDF")
    content = client.get(thread.get_absolute_url()).content.decode()
    assert "</script><script>alert(1)" not in content
    assert _json_ld(content)["mainEntity"]["name"].startswith("</script>")


def test_hidden_thread_is_404_for_others_but_visible_to_author_and_staff(client, member, staff):
    thread = make_thread(author=member)
    hide_post(post=thread.posts.get(), by=staff, reason="Spam")
    assert client.get(thread.get_absolute_url()).status_code == 404
    client.force_login(MemberFactory())
    assert client.get(thread.get_absolute_url()).status_code == 404
    client.force_login(member)
    assert "Spam" in client.get(thread.get_absolute_url()).content.decode()
    client.force_login(staff)
    assert client.get(thread.get_absolute_url()).status_code == 200


def test_hidden_answer_shows_the_reason_instead_of_the_text(client, member, other_member, staff):
    thread = make_thread(author=member)
    answer = make_answer(
        thread=thread, author=other_member, body="Buy cheap watches at spam.example"
    )
    hide_post(post=answer, by=staff, reason="Advertising")
    content = client.get(thread.get_absolute_url()).content.decode()
    assert "spam.example" not in content
    assert "Advertising" in content


def test_deleted_question_leaves_a_tombstone(client, member):
    thread = make_thread(author=member)
    delete_post(post=thread.posts.get(), by=member)
    response = client.get(thread.get_absolute_url())
    assert response.status_code == 410
    assert "This question was deleted" in response.content.decode()


@pytest.mark.parametrize("answers", [3, 200])
def test_thread_page_query_count_does_not_grow_with_answers(
    client, member, django_assert_max_num_queries, answers
):
    thread = make_thread(author=member)
    staff = StaffFactory()
    authors = [MemberFactory() for _ in range(5)] + [staff]
    posts = [make_answer(thread=thread, author=authors[i % len(authors)]) for i in range(answers)]
    accept_answer(answer=posts[1], by=member)
    viewer = MemberFactory()
    for post in posts[:3]:
        set_helpful_vote(post=post, by=viewer, voted=True)
    client.force_login(viewer)
    # 14, plus one for the question's latest escalation (the support team's notice:
    # community.views.thread_page.escalation_context), plus one for the "Related threads"
    # panel when its list is not cached (similar.related: the threads and articles it
    # names, in one query; none when cached or when nothing is near).
    with django_assert_max_num_queries(16):
        response = client.get(thread.get_absolute_url())
    assert response.status_code == 200
    assert (
        response.content.decode().count('class="post ')
        + response.content.decode().count('class="post"')
        >= answers
    )


def test_answer_form_posts_an_answer(
    client, member, other_member, django_capture_on_commit_callbacks
):
    thread = make_thread(author=member)
    client.force_login(other_member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("community:answer", args=[thread.pk]),
            {"body": "Restart the router for 30 seconds."},
        )
    assert response.status_code == 302
    thread.refresh_from_db()
    assert thread.answer_count == 1


def test_answer_form_with_bad_input_keeps_the_text(client, member, other_member):
    thread = make_thread(author=member)
    client.force_login(other_member)
    response = client.post(reverse("community:answer", args=[thread.pk]), {"body": "short"})
    assert response.status_code == 400
    content = response.content.decode()
    assert "short</textarea>" in content
    assert "at least 10 characters" in content


def test_answer_preview_renders_without_saving(client, member, other_member):
    thread = make_thread(author=member)
    client.force_login(other_member)
    response = client.post(
        reverse("community:answer", args=[thread.pk]),
        {"body": "**Bold** advice here", "preview": "1"},
    )
    assert "<strong>Bold</strong>" in response.content.decode()
    thread.refresh_from_db()
    assert thread.answer_count == 0


def test_locked_thread_refuses_answers(client, member, other_member, staff):
    from community.services.staff import set_thread_locked

    thread = make_thread(author=member)
    set_thread_locked(thread=thread, by=staff, locked=True)
    client.force_login(other_member)
    response = client.post(
        reverse("community:answer", args=[thread.pk]), {"body": "Any answer at all here."}
    )
    assert response.status_code == 403
    assert "locked" in response.content.decode()


def test_acknowledgement_after_asking_shows_the_typical_response_time(client, member):
    from datetime import timedelta

    from django.utils import timezone

    from community.models import Thread

    space = None
    for minutes in (20, 30, 40):
        thread = make_thread(author=MemberFactory(), space=space)
        space = thread.space
        make_answer(thread=thread)
        Thread.objects.filter(pk=thread.pk).update(
            first_response_at=thread.created_at + timedelta(minutes=minutes)
        )
    client.force_login(member)
    response = client.post(
        reverse("community:ask"),
        {
            "title": "My router keeps restarting",
            "body": "Every ten minutes it restarts itself.",
            "space": space.pk,
            "kind": "question",
            "tags": "",
        },
        follow=True,
    )
    content = response.content.decode()
    assert "your question is posted" in content
    assert "30 minutes" in content  # the median of 20, 30 and 40
    assert timezone.now()  # keep the import honest
    # The acknowledgement appears once.
    assert (
        "your question is posted" not in client.get(response.redirect_chain[-1][0]).content.decode()
    )


def test_thread_page_after_the_first_shows_its_answers_and_links_the_solution(
    client, member, other_member, monkeypatch
):
    from community import selectors

    monkeypatch.setattr(selectors, "ANSWERS_PER_PAGE", 2)
    thread = make_thread(author=member)
    answers = [make_answer(thread=thread, body=f"Suggestion number {n} for you.") for n in range(3)]
    accept_answer(answer=answers[2], by=member)
    client.force_login(other_member)

    response = client.get(thread.get_absolute_url() + "?page=2")

    content = response.content.decode()
    assert response.status_code == 200
    assert "Suggestion number 1" in content  # the solution and answer 0 are on page 1
    assert f'href="{answers[2].get_absolute_url()}"' in content  # "Go to solution"


def test_thread_page_shows_posts_of_an_older_renderer_rendered_afresh(client, member):
    from community.models import Post

    thread = make_thread(author=member)
    answer = make_answer(thread=thread, body="Use the **bold** advice here.")
    Post.objects.filter(pk=answer.pk).update(body_html="<p>old output</p>", render_version=0)

    content = client.get(thread.get_absolute_url()).content.decode()

    assert "<strong>bold</strong>" in content
    assert "old output" not in content


def test_thread_page_marks_a_thread_in_another_language(client, db):
    from tests.community.lists import german_thread

    german = german_thread()
    content = client.get(german.get_absolute_url()).content.decode()
    assert f'<h1 id="thread-title-{german.pk}" lang="de">{german.title}</h1>' in content
    assert '<span class="badge badge--language" lang="de">Deutsch</span>' in content
    content = client.get(german.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert f'<h1 id="thread-title-{german.pk}">{german.title}</h1>' in content
    assert "badge--language" not in content


def test_idea_page_describes_itself_as_a_discussion_to_search_engines(client, member, staff):
    from community.models import ThreadKind

    idea = make_thread(author=member, kind=ThreadKind.IDEA, title="Dark mode for the app please")
    make_answer(thread=idea, body="Yes, my eyes would thank you for it.")
    data = _json_ld(client.get(idea.get_absolute_url()).content.decode())
    assert data["@type"] == "DiscussionForumPosting"
    assert data["headline"] == idea.title
    assert [comment["text"] for comment in data["comment"]] == [
        "Yes, my eyes would thank you for it."
    ]
    assert "acceptedAnswer" not in str(data)


def test_thread_page_links_its_moderation_history_once_there_is_one(client, member, staff):
    thread = make_thread(author=member)
    answer = make_answer(thread=thread, body="Buy a new router, nothing else helps here.")
    other = make_thread(author=member, title="A thread with a hidden post")
    hide_post(post=make_answer(thread=other, body="Spam spam spam spam."), by=staff, reason="Spam")
    history = f'href="{reverse("community:thread_moderation", args=[thread.pk])}"'

    # Another thread's moderated post is not this thread's history.
    assert history not in client.get(thread.get_absolute_url()).content.decode()

    hide_post(post=answer, by=staff, reason="Off topic")
    assert history in client.get(thread.get_absolute_url()).content.decode()


def test_thread_page_links_a_moderated_thread_s_history(client, member, staff):
    from community.services.moderation import close_as_duplicate

    original = make_thread(author=member, title="The first time this was asked")
    thread = make_thread(author=member, title="Asked again later on")
    history = f'href="{reverse("community:thread_moderation", args=[thread.pk])}"'
    assert history not in client.get(thread.get_absolute_url()).content.decode()

    close_as_duplicate(thread=thread, original=original, by=staff, reason="Same question")
    assert history in client.get(thread.get_absolute_url()).content.decode()


def test_thread_page_shows_its_tags_alphabetically_with_their_links(client, member):
    from tests.factories import TagFactory

    tags = [TagFactory(name="router", slug="router"), TagFactory(name="billing", slug="billing")]
    thread = make_thread(author=member, tags=tags)
    content = client.get(thread.get_absolute_url()).content.decode()
    billing = content.index('<a class="tag" href="/tags/billing/">#billing</a>')
    router = content.index('<a class="tag" href="/tags/router/">#router</a>')
    assert billing < router


def test_thread_page_shows_an_opening_post_and_answers_read_together(client, member, other_member):
    """The opening post comes in the answers' query, ranked before them, whatever the
    answers' order (an official answer written before it, say)."""
    from community.models import Post

    thread = make_thread(author=member, body="My opening question text is here.")
    answer = make_answer(thread=thread, author=other_member, body="An answer from a member.")
    Post.objects.filter(pk=answer.pk).update(created_at=thread.created_at.replace(year=2000))

    content = client.get(thread.get_absolute_url()).content.decode()

    opening = Post.objects.get(thread=thread, is_opening=True)
    assert content.index(f'id="post-{opening.pk}"') < content.index(f'id="post-{answer.pk}"')
    assert "1 answer" in content


@pytest.mark.parametrize("pk", ["0", "99999999", "9" * 30])
def test_a_thread_address_with_a_number_no_thread_has_is_404(db, client, pk):
    assert client.get(f"/t/{pk}/some-title/").status_code == 404
    assert client.get(f"/t/{pk}/").status_code == 404
