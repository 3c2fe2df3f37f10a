"""Retitling others' threads (regulars) and merging duplicates (super users)."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from community import signals
from community.models import (
    AuditAction,
    AuditEntry,
    OutboxMessage,
    Post,
    Thread,
    ThreadFollow,
    TrustLevel,
)
from community.services.posts import delete_post, hide_post
from community.services.staff import merge_threads, retitle_thread
from tests.factories import MemberFactory, StaffFactory, TagFactory, make_answer, make_thread


@pytest.fixture
def regular(db):
    return MemberFactory(trust_level=TrustLevel.REGULAR)


@pytest.fixture
def super_user(db):
    return MemberFactory(trust_level=TrustLevel.LEADER)


# --- retitle_thread ---------------------------------------------------------------------------


def test_retitle_thread_changes_title_slug_and_tags_and_keeps_a_revision(member, regular):
    thread = make_thread(author=member, title="help!!! printer", tags=[TagFactory(name="help")])
    printer = TagFactory(name="printer")

    retitle_thread(thread=thread, by=regular, title="Printer drops the Wi-Fi", tags=[printer])

    thread.refresh_from_db()
    assert (thread.title, thread.slug) == ("Printer drops the Wi-Fi", "printer-drops-the-wi-fi")
    assert list(thread.tags.values_list("name", flat=True)) == ["printer"]
    opening = thread.posts.get(is_opening=True)
    revision = opening.revisions.order_by("number").last()
    assert (revision.number, revision.title, revision.editor) == (2, thread.title, regular)
    assert revision.body == opening.body  # the text is the author's, untouched
    assert opening.revision_count == 2
    entry = AuditEntry.objects.get(action=AuditAction.RETITLE_THREAD)
    assert entry.actor == regular and entry.target_id == thread.pk
    assert entry.details["from_title"] == "help!!! printer"
    assert entry.details["to_tags"] == ["printer"]


def test_retitle_thread_checks_the_title_like_the_ask_form(member, regular):
    thread = make_thread(author=member)
    with pytest.raises(ValidationError) as refusal:
        retitle_thread(thread=thread, by=regular, title="   short ", tags=[])
    assert refusal.value.code == "min_length"
    thread.refresh_from_db()
    assert thread.title == "Invoice PDF does not open"
    assert not AuditEntry.objects.exists()


def test_retitle_thread_with_the_same_title_and_tags_changes_nothing(member, regular, listen):
    thread = make_thread(author=member)
    calls = listen(signals.thread_retitled)
    retitle_thread(thread=thread, by=regular, title=f"  {thread.title} ", tags=[])
    assert calls == []
    assert thread.posts.get().revision_count == 1


# --- merge_threads ---------------------------------------------------------------------------


def _duplicate_with_answers(*, asker, count: int, start):
    """A duplicate asked at `start`, with `count` answers an hour apart."""
    with time_machine.travel(start, tick=False):
        duplicate = make_thread(author=asker, title="Invoice PDF empty again")
    answers = []
    for hour in range(1, count + 1):
        with time_machine.travel(start + timedelta(hours=hour), tick=False):
            answers.append(make_answer(thread=duplicate, body=f"Answer number {hour} helps."))
    return duplicate, answers


def test_merge_threads_moves_the_answers_in_order_and_leaves_a_locked_pointer(
    member, super_user, listen, django_capture_on_commit_callbacks
):
    # Given an original with one answer and a duplicate with three, written in between
    start = timezone.now() - timedelta(days=3)
    with django_capture_on_commit_callbacks(execute=True):
        with time_machine.travel(start, tick=False):
            original = make_thread(title="Invoice PDF is empty")
        with time_machine.travel(start + timedelta(hours=2, minutes=30), tick=False):
            first = make_answer(thread=original, body="Open it in another viewer.")
        duplicate, moved = _duplicate_with_answers(asker=member, count=3, start=start)
    calls = listen(signals.threads_merged)
    written_before = set(OutboxMessage.objects.values_list("pk", flat=True))

    # When a super user merges the duplicate into the original
    merge_threads(duplicate=duplicate, into=original, by=super_user, reason="Same problem")

    # Then the original holds every answer, in the order they were written
    in_original = list(
        Post.objects.filter(thread=original, is_opening=False)
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)
    )
    assert in_original == [moved[0].pk, moved[1].pk, first.pk, moved[2].pk]
    original.refresh_from_db()
    duplicate.refresh_from_db()
    assert original.answer_count == 4
    assert original.last_activity_at >= moved[2].created_at
    # …the duplicate keeps its question, locked, pointing there with the public reason
    assert duplicate.posts.get().is_opening
    assert (duplicate.merged_into, duplicate.is_locked) == (original, True)
    assert (duplicate.merge_reason, duplicate.answer_count) == ("Same problem", 0)
    # …its asker follows the original now
    assert ThreadFollow.objects.filter(thread=original, member=member).exists()
    # …an audit row, the signal, and both threads indexed again after commit
    entry = AuditEntry.objects.get(action=AuditAction.MERGE_THREAD)
    assert (entry.actor, entry.target_id, entry.reason) == (
        super_user,
        duplicate.pk,
        "Same problem",
    )
    assert entry.details == {"into": original.pk, "moved_answers": [p.pk for p in moved]}
    assert [call["moved_answers"] for call in calls] == [[p.pk for p in moved]]
    indexed = {
        message.kwargs["pk"]
        for message in OutboxMessage.objects.filter(
            task_name="community.update_search_index"
        ).exclude(pk__in=written_before)
    }
    assert {original.pk, duplicate.pk} <= indexed
    assert not Thread.objects.public().filter(pk=duplicate.pk).exists()


def test_merge_threads_recalculates_the_official_answer_flag(member, super_user):
    original = make_thread()
    duplicate = make_thread(author=member)
    make_answer(thread=duplicate, author=StaffFactory(), body="Official: clear the cache.")
    merge_threads(duplicate=duplicate, into=original, by=super_user, reason="Asked before")
    original.refresh_from_db()
    duplicate.refresh_from_db()
    assert original.has_official_answer and not duplicate.has_official_answer


def test_merge_threads_counts_only_visible_answers(member, super_user, staff):
    original = make_thread()
    duplicate = make_thread(author=member)
    kept = make_answer(thread=duplicate)
    hide_post(post=make_answer(thread=duplicate), by=staff, reason="Spam")
    gone = make_answer(thread=duplicate)
    delete_post(post=gone, by=gone.author)
    merge_threads(duplicate=duplicate, into=original, by=super_user, reason="Asked before")
    original.refresh_from_db()
    assert original.answer_count == 1
    assert Post.objects.filter(thread=original, is_opening=False).count() == 3
    assert Post.objects.get(pk=kept.pk).thread_id == original.pk


@pytest.mark.parametrize(
    "case", ["itself", "no reason", "into a merged thread", "already merged elsewhere"]
)
def test_merge_threads_refuses_what_makes_no_sense_and_changes_nothing(member, super_user, case):
    original, duplicate, third = make_thread(), make_thread(author=member), make_thread()
    answer = make_answer(thread=duplicate)
    reason, into = "Asked before", original
    if case == "itself":
        into = duplicate
    elif case == "no reason":
        reason = "   "
    elif case == "into a merged thread":
        merge_threads(duplicate=original, into=third, by=super_user, reason="Older")
        original.refresh_from_db()
    else:
        merge_threads(duplicate=duplicate, into=third, by=super_user, reason="Older")
        duplicate.refresh_from_db()
        answer.refresh_from_db()
    before = (answer.thread_id, AuditEntry.objects.count())
    with pytest.raises(ValidationError):
        merge_threads(duplicate=duplicate, into=into, by=super_user, reason=reason)
    answer.refresh_from_db()
    assert (answer.thread_id, AuditEntry.objects.count()) == before


def test_merge_threads_twice_into_the_same_thread_changes_nothing(member, super_user, listen):
    original, duplicate = make_thread(), make_thread(author=member)
    make_answer(thread=duplicate)
    merge_threads(duplicate=duplicate, into=original, by=super_user, reason="Asked before")
    calls = listen(signals.threads_merged)
    merge_threads(duplicate=duplicate, into=original, by=super_user, reason="Asked before")
    assert calls == []
    assert AuditEntry.objects.filter(action=AuditAction.MERGE_THREAD).count() == 1
