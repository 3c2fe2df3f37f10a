import pytest
from django.core.exceptions import ValidationError

from community.models import AuditAction, AuditEntry, Post, PostRevision, Thread, ThreadFollow
from community.permissions import visible_threads
from community.services.posts import delete_post, edit_post, hide_post, unhide_post
from tests.factories import MemberFactory, StaffFactory, TagFactory, make_answer, make_thread


def test_ask_question_creates_thread_opening_post_revision_and_follow(member):
    thread = make_thread(
        author=member,
        title="Rechnung als PDF herunterladen geht nicht",
        body="Wenn ich die Rechnung öffne, kommt eine Fehlermeldung.",
    )
    opening = thread.posts.get()
    assert opening.is_opening
    assert opening.body_html.startswith("<p>")
    assert thread.language == "de"
    assert thread.slug == "rechnung-als-pdf-herunterladen-geht-nicht"
    assert PostRevision.objects.filter(post=opening, number=1).exists()
    assert ThreadFollow.objects.filter(thread=thread, member=member).exists()


def test_ask_question_rejects_an_empty_body(member):
    with pytest.raises(ValidationError):
        make_thread(author=member, body="   ")
    assert not Thread.objects.exists()


def test_ask_question_notifies_after_commit(
    member, django_capture_on_commit_callbacks, monkeypatch
):
    from celery.app.task import Task

    from community.models import OutboxMessage

    sent = []
    monkeypatch.setattr(
        Task, "apply_async", lambda task, kwargs=None, **options: sent.append((task.name, kwargs))
    )
    with django_capture_on_commit_callbacks() as callbacks:
        thread = make_thread(author=member)
    # The work is written in the thread's transaction; nothing is sent before it commits.
    assert OutboxMessage.objects.filter(
        task_name="community.notify_new_thread", kwargs={"thread_id": thread.pk}
    ).exists()
    assert sent == []
    for callback in callbacks:
        callback()
    assert sent.count(("community.notify_new_thread", {"thread_id": thread.pk})) == 1


def test_post_answer_counts_and_records_first_response(member, other_member):
    thread = make_thread(author=member)
    own_reply = make_answer(thread=thread, author=member, body="Some more details from me.")
    thread.refresh_from_db()
    assert thread.answer_count == 1
    assert thread.first_response_at is None  # the asker talking to themselves is no response

    make_answer(thread=thread, author=other_member)
    thread.refresh_from_db()
    assert thread.answer_count == 2
    assert thread.first_response_at is not None
    assert thread.last_poster == other_member
    assert own_reply.is_official is False


def test_a_hidden_answer_is_no_first_response(member, other_member, staff):
    # A spam reply a moderator hides answered nobody: the thread waits for a real one again
    # (escalation and the first-response figures read first_response_at).
    thread = make_thread(author=member)
    spam = make_answer(thread=thread, author=other_member, body="Cheap parts in our shop.")
    hide_post(post=spam, by=staff, reason="Spam")
    thread.refresh_from_db()
    assert thread.first_response_at is None

    real = make_answer(thread=thread, body="Reset the router with the pin for ten seconds.")
    unhide_post(post=spam, by=staff)  # a mistake after all: the earlier answer counts again
    thread.refresh_from_db()
    assert thread.first_response_at == Post.objects.get(pk=spam.pk).created_at
    assert thread.first_response_at < Post.objects.get(pk=real.pk).created_at


def test_an_answer_held_by_the_spam_rules_is_no_first_response(member):
    from community.models import TrustLevel

    thread = make_thread(author=member)
    newcomer = MemberFactory(trust_level=TrustLevel.NEW)
    held = make_answer(thread=thread, author=newcomer, body="Buy cheap followers now, click here!")
    assert Post.objects.get(pk=held.pk).hidden_at is not None
    thread.refresh_from_db()
    assert thread.first_response_at is None


def test_post_answer_by_staff_is_official(member, staff):
    thread = make_thread(author=member)
    answer = make_answer(thread=thread, author=staff)
    thread.refresh_from_db()
    assert answer.is_official
    assert thread.has_official_answer


def test_edit_post_keeps_every_revision(member):
    thread = make_thread(author=member)
    opening = thread.posts.get()
    edit_post(
        post=opening,
        by=member,
        body="A much better description of it.",
        title="A better title here",
    )
    edit_post(post=opening, by=member, body="A much better description of it, again.")
    opening.refresh_from_db()
    thread.refresh_from_db()
    assert opening.revision_count == 3
    assert list(opening.revisions.values_list("number", flat=True)) == [1, 2, 3]
    assert thread.title == "A better title here"
    assert thread.slug == "a-better-title-here"
    assert opening.edited_at is not None
    assert not AuditEntry.objects.exists()


def test_edit_post_without_changes_writes_no_revision(member):
    thread = make_thread(author=member)
    opening = thread.posts.get()
    edit_post(post=opening, by=member, body=opening.body, title=thread.title)
    assert opening.revisions.count() == 1


def test_edit_post_by_staff_is_audited(member, staff):
    thread = make_thread(author=member)
    opening = thread.posts.get()
    edit_post(post=opening, by=staff, body="Removed a customer number from this text.")
    assert AuditEntry.objects.get().action == AuditAction.EDIT_POST


def test_edit_post_changes_tags(member):
    thread = make_thread(author=member, tags=[TagFactory(name="invoice")])
    edit_post(
        post=thread.posts.get(),
        by=member,
        body=thread.posts.get().body,
        tags=[TagFactory(name="pdf")],
    )
    assert list(thread.tags.values_list("name", flat=True)) == ["pdf"]


def test_delete_post_leaves_a_tombstone_and_an_audit_row(member, other_member):
    thread = make_thread(author=member)
    answer = make_answer(thread=thread, author=other_member)
    delete_post(post=answer, by=other_member)
    answer.refresh_from_db()
    thread.refresh_from_db()
    assert answer.deleted_at is not None
    assert Post.objects.filter(pk=answer.pk).exists()
    assert thread.answer_count == 0
    assert AuditEntry.objects.get().action == AuditAction.DELETE_POST


def test_delete_opening_post_deletes_the_thread_softly(member):
    thread = make_thread(author=member)
    delete_post(post=thread.posts.get(), by=member)
    thread.refresh_from_db()
    assert thread.deleted_at is not None
    assert Thread.objects.public().count() == 0


def test_hide_post_needs_a_reason_and_can_be_undone(member, other_member, staff):
    thread = make_thread(author=member)
    answer = make_answer(thread=thread, author=other_member)
    with pytest.raises(ValidationError):
        hide_post(post=answer, by=staff, reason=" ")
    hide_post(post=answer, by=staff, reason="Contains a phone number")
    thread.refresh_from_db()
    assert thread.answer_count == 0
    unhide_post(post=answer, by=staff)
    thread.refresh_from_db()
    assert thread.answer_count == 1
    assert list(AuditEntry.objects.order_by("pk").values_list("action", flat=True)) == [
        AuditAction.HIDE_POST,
        AuditAction.UNHIDE_POST,
    ]


def test_hide_the_solution_reopens_the_thread(member, other_member, staff):
    from community.services.solutions import accept_answer

    thread = make_thread(author=member)
    answer = make_answer(thread=thread, author=other_member)
    accept_answer(answer=answer, by=member)
    hide_post(post=answer, by=staff, reason="Advertising")
    thread.refresh_from_db()
    assert thread.solution is None
    assert not thread.is_solved


def test_hide_opening_post_hides_the_thread(member, staff):
    thread = make_thread(author=member)
    hide_post(post=thread.posts.get(), by=staff, reason="Spam")
    thread.refresh_from_db()
    assert thread.hidden_at is not None
    assert not visible_threads(MemberFactory()).filter(pk=thread.pk).exists()
    assert visible_threads(member).filter(pk=thread.pk).exists()  # its author still sees it
    assert visible_threads(StaffFactory()).filter(pk=thread.pk).exists()


def test_thread_slug_never_collides_with_thread_actions():
    from community.services.posts import thread_slug

    assert thread_slug("Follow") == "follow-thread"
    assert thread_slug("!!!") == "thread"


def test_edit_post_from_a_stale_revision_overwrites_nothing(member, staff):
    from community.services.posts import EditConflict

    thread = make_thread(author=member)
    opening = thread.posts.get()
    edit_post(post=opening, by=staff, body="The moderator's careful fix.", base_revision=1)
    stale = Post.objects.get(pk=opening.pk)
    stale.revision_count = 1  # the author's form was filled before the moderator saved

    with pytest.raises(EditConflict) as conflict:
        edit_post(post=stale, by=member, body="The author's own rewrite.", base_revision=1)

    assert conflict.value.current.body == "The moderator's careful fix."
    assert conflict.value.current.revision_count == 2
    opening.refresh_from_db()
    assert opening.body == "The moderator's careful fix."
    assert opening.revisions.count() == 2


def test_edit_post_numbers_the_revision_from_the_stored_post(member):
    """An editor holding an out-of-date Post object still writes the next number."""
    thread = make_thread(author=member)
    first_copy, second_copy = thread.posts.get(), thread.posts.get()
    edit_post(post=first_copy, by=member, body="The first edit of the text.")
    edit_post(post=second_copy, by=member, body="The second edit of the text.")
    assert list(first_copy.revisions.values_list("number", flat=True)) == [1, 2, 3]
    second_copy.refresh_from_db()
    assert second_copy.revision_count == 3


def test_restore_post_brings_back_an_answer_and_its_count(member, other_member, staff):
    from community.services.posts import restore_post

    thread = make_thread(author=member)
    answer = make_answer(thread=thread, author=other_member)
    delete_post(post=answer, by=other_member)
    restore_post(post=answer, by=staff, reason="Deleted by mistake")
    answer.refresh_from_db()
    thread.refresh_from_db()
    assert answer.deleted_at is None and answer.deleted_by is None
    assert thread.answer_count == 1
    entry = AuditEntry.objects.order_by("pk").last()
    assert (entry.action, entry.actor, entry.reason) == (
        AuditAction.RESTORE_POST,
        staff,
        "Deleted by mistake",
    )


def test_restore_post_of_an_opening_post_restores_the_thread(member, staff):
    from community.services.posts import restore_post

    thread = make_thread(author=member)
    delete_post(post=thread.posts.get(), by=member)
    restore_post(post=thread.posts.get(), by=staff)
    assert Thread.objects.public().filter(pk=thread.pk).exists()


def test_restore_post_refuses_an_answer_of_a_deleted_thread(member, other_member, staff):
    from community.services.posts import restore_post

    thread = make_thread(author=member)
    answer = make_answer(thread=thread, author=other_member)
    delete_post(post=answer, by=other_member)
    delete_post(post=thread.posts.get(is_opening=True), by=member)
    with pytest.raises(ValidationError):
        restore_post(post=answer, by=staff)
    answer.refresh_from_db()
    assert answer.deleted_at is not None


def test_delete_post_of_the_solution_reopens_the_thread(member, other_member):
    from community.services.solutions import accept_answer

    thread = make_thread(author=member)
    answer = make_answer(thread=thread, author=other_member)
    accept_answer(answer=answer, by=member)
    delete_post(post=answer, by=other_member)
    thread.refresh_from_db()
    assert thread.solution is None and not thread.is_solved


def test_a_moderator_deletes_only_spam_or_guideline_breaches_and_says_which(member, staff):
    from community.audit import DELETED_AS_SPAM, DELETED_FOR_GUIDELINES

    thread = make_thread(author=member)
    critique = make_answer(thread=thread, body="Your support hotline kept me waiting an hour.")
    with pytest.raises(ValidationError, match="only spam and posts that break the guidelines"):
        delete_post(post=critique, by=staff)  # no reason: criticism is not deleted
    assert Post.objects.get(pk=critique.pk).deleted_at is None
    assert not AuditEntry.objects.filter(action=AuditAction.DELETE_POST).exists()

    advert = make_answer(thread=thread, body="Cheap router parts in our shop, come by.")
    delete_post(post=advert, by=staff, reason="spam")
    rude = make_answer(thread=thread, body="Whoever wrote this manual is an idiot.")
    delete_post(post=rude, by=staff, reason="guidelines")
    reasons = AuditEntry.objects.filter(action=AuditAction.DELETE_POST).values_list(
        "reason", flat=True
    )
    assert sorted(reasons) == sorted([DELETED_AS_SPAM, DELETED_FOR_GUIDELINES])
