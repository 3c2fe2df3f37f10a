"""Posting an answer: a refused or interrupted answer never loses what was typed."""

from community.services.staff import set_thread_locked
from tests.factories import MemberFactory, make_thread

TEXT = "Restart the router and wait two minutes before you plug the cable in again."


def test_answer_to_a_thread_locked_meanwhile_comes_back_with_the_text_and_why(member_client, staff):
    thread = make_thread()
    set_thread_locked(thread=thread, by=staff, locked=True)

    response = member_client.post(f"/t/{thread.pk}/answer/", {"body": TEXT})

    assert response.status_code == 403
    content = response.content.decode()
    assert TEXT in content
    assert "This thread is locked" in content
    assert not thread.posts.filter(is_opening=False).exists()


def test_answer_from_a_signed_out_visitor_is_kept_through_sign_in(client, member):
    thread = make_thread()

    response = client.post(f"/t/{thread.pk}/answer/", {"body": TEXT})

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    client.force_login(member)
    content = client.get(thread.get_absolute_url()).content.decode()
    assert TEXT in content
    # Shown once: the draft is not kept forever.
    assert TEXT not in client.get(thread.get_absolute_url()).content.decode()


def test_question_from_a_signed_out_visitor_is_kept_through_sign_in(client, member):
    response = client.post(
        "/ask/", {"title": "Router restarts every night", "body": TEXT, "kind": "question"}
    )
    assert response.status_code == 302
    client.force_login(member)
    content = client.get("/ask/").content.decode()
    assert "Router restarts every night" in content
    assert TEXT in content


def test_answer_post_has_a_fixed_query_budget(
    member_client, member, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    # Given a thread and a member to mention …
    thread = make_thread()
    MemberFactory(username="anna.support")
    body = f"{TEXT} Thanks to @anna.support for the tip."

    # … the first answer writes post, revision, counters and follow in one transaction:
    # session and member, thread (2), BEGIN, thread locked, mention, post, revision,
    # counters (2), follow, COMMIT.
    with django_assert_max_num_queries(13), django_capture_on_commit_callbacks() as callbacks:
        response = member_client.post(f"/t/{thread.pk}/answer/", {"body": body})

    assert response.status_code == 302
    assert callbacks  # indexing and notifying are left to the worker
    # A second answer of the same member costs no more (the follow exists already).
    with django_assert_max_num_queries(13):
        member_client.post(f"/t/{thread.pk}/answer/", {"body": body + " Again."})
