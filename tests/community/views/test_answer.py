"""Posting an answer: a refused or interrupted answer never loses what was typed."""

from community.models import TrustLevel
from community.services.staff import set_thread_locked
from tests.factories import MemberFactory, make_thread


def _may_say_me_too(member):
    """Only from the trust level “Member” on."""
    member.trust_level = TrustLevel.MEMBER
    member.save(update_fields=["trust_level"])


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


def test_edit_of_a_post_whose_thread_was_locked_meanwhile_keeps_the_text(
    member_client, member, staff
):
    thread = make_thread(author=member)
    opening = thread.posts.get(is_opening=True)
    set_thread_locked(thread=thread, by=staff, locked=True)

    response = member_client.post(
        f"/p/{opening.pk}/edit/",
        {"title": thread.title, "body": TEXT, "tags": "", "revision": opening.revision_count},
    )

    assert response.status_code == 403
    content = response.content.decode()
    assert TEXT in content
    assert "This thread is locked: its posts can no longer be edited." in content


def test_answer_that_only_says_me_too_is_offered_the_button_instead(member_client, member):
    # Given a question of someone else, and a member who may say “me too”
    thread = make_thread()
    _may_say_me_too(member)

    # When the member replies only "same here"
    response = member_client.post(
        f"/t/{thread.pk}/answer/", {"body": "Same here, since yesterday."}
    )

    # Then nothing is posted: the text comes back with the "I have this problem too" button
    assert response.status_code == 200
    content = response.content.decode()
    assert "Same here, since yesterday.</textarea>" in content
    assert "It sounds like you have this problem too." in content
    assert f'action="/t/{thread.pk}/me-too/"' in content
    assert 'name="post_anyway" value="1"' in content
    assert "Post it anyway" in content
    assert not thread.posts.filter(is_opening=False).exists()

    # When they post it anyway, it is posted
    response = member_client.post(
        f"/t/{thread.pk}/answer/", {"body": "Same here, since yesterday.", "post_anyway": "1"}
    )
    assert response.status_code == 302
    assert thread.posts.filter(is_opening=False, author=member).exists()


def test_answer_with_content_after_me_too_is_posted_at_once(member_client):
    thread = make_thread()
    response = member_client.post(
        f"/t/{thread.pk}/answer/", {"body": "Same here. Clearing the app cache fixed it for me."}
    )
    assert response.status_code == 302
    assert thread.posts.filter(is_opening=False).count() == 1


def test_answer_me_too_on_an_idea_suggests_the_vote(member_client, member):
    from community.models import ThreadKind

    _may_say_me_too(member)
    idea = make_thread(kind=ThreadKind.IDEA, title="Dark mode for the app")
    response = member_client.post(f"/t/{idea.pk}/answer/", {"body": "+1, same here please"})
    content = response.content.decode()
    assert "It sounds like you want this too." in content
    assert "I want this too" in content


def test_answer_me_too_in_own_thread_is_posted(client, member):
    # The asker cannot press "me too" on their own question: nothing to suggest.
    thread = make_thread(author=member)
    client.force_login(member)
    response = client.post(f"/t/{thread.pk}/answer/", {"body": "Still the same problem here."})
    assert response.status_code == 302
    assert thread.posts.filter(is_opening=False).count() == 1


def test_answer_post_has_a_fixed_query_budget(
    member_client, member, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    # Given a thread and a member to mention …
    thread = make_thread()
    MemberFactory(username="anna.support")
    body = f"{TEXT} Thanks to @anna.support for the tip."

    # … the first answer writes post, revision, counters and follow in one transaction:
    # session and member, thread (2), BEGIN, thread locked, mention, post, revision,
    # counters (2), follow, the asker's and the mentioned member's notifications (the
    # asker, the mentioned members, two rows), outbox rows (the index row is batched with
    # the notify row's transaction; gamification's badge check and trust-level re-check are
    # one row per member each in a savepoint, 3 + 3; insights' sentiment scoring, 1),
    # COMMIT, and the bump of the visitors' page version.
    with django_assert_max_num_queries(26), django_capture_on_commit_callbacks() as callbacks:
        response = member_client.post(f"/t/{thread.pk}/answer/", {"body": body})

    assert response.status_code == 302
    assert callbacks  # indexing and notifying are left to the worker
    # A second answer of the same member costs no more (the follow exists already).
    with django_assert_max_num_queries(26):
        member_client.post(f"/t/{thread.pk}/answer/", {"body": body + " Again."})
