"""Splitting threads, closing duplicates, silencing and suspending members: what each service
changes, audits and announces (with a real receiver connected to each signal)."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from community import signals
from community.models import (
    AuditAction,
    AuditEntry,
    Member,
    Post,
    Thread,
    ThreadFollow,
    ThreadStatus,
    TrustLevel,
)
from community.services.moderation import (
    SUSPENDED_FOREVER,
    close_as_duplicate,
    reopen_thread,
    silence_member,
    split_thread,
    suspend_member,
    unsilence_member,
    unsuspend_member,
)
from community.services.solutions import accept_answer
from community.services.staff import set_thread_locked
from tests.factories import MemberFactory, SpaceFactory, make_answer, make_thread


@pytest.fixture
def super_user(db):
    return MemberFactory(username="leader", trust_level=TrustLevel.LEADER)


def audit_rows(action):
    return list(AuditEntry.objects.filter(action=action).order_by("pk"))


# --- split ---------------------------------------------------------------------------------


def test_split_thread_moves_answers_and_recounts_both_threads(member, super_user):
    # Given a thread with three answers, the last two about another problem
    thread = make_thread(author=member)
    stay = make_answer(thread=thread)
    first, second = make_answer(thread=thread), make_answer(thread=thread)
    # When a super user splits them off
    new_thread = split_thread(
        thread=thread, answers=[second, first], title="Printing fails too",
        by=super_user, reason="A different problem",
    )  # fmt: skip
    # Then the earliest chosen answer opens the new thread, asked by its author
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.thread_id == second.thread_id == new_thread.pk
    assert first.is_opening and not second.is_opening
    assert new_thread.author_id == first.author_id
    assert new_thread.kind == thread.kind and new_thread.space_id == thread.space_id
    thread.refresh_from_db()
    new_thread.refresh_from_db()
    assert thread.answer_count == 1
    assert new_thread.answer_count == 1
    assert list(thread.posts.filter(is_opening=False)) == [stay]
    assert new_thread.posts.filter(is_opening=True).count() == 1


def test_split_thread_clears_the_solution_when_it_moves(member, super_user):
    thread = make_thread(author=member)
    solution = make_answer(thread=thread)
    accept_answer(answer=solution, by=member)
    split_thread(thread=thread, answers=[solution], title="Another problem here",
                 by=super_user, reason="Off topic")  # fmt: skip
    thread.refresh_from_db()
    assert thread.solution_id is None and thread.status == ThreadStatus.OPEN


def test_split_thread_keeps_the_solution_when_it_stays(member, super_user):
    thread = make_thread(author=member)
    solution, other = make_answer(thread=thread), make_answer(thread=thread)
    accept_answer(answer=solution, by=member)
    split_thread(thread=thread, answers=[other], title="Another problem here",
                 by=super_user, reason="Off topic")  # fmt: skip
    thread.refresh_from_db()
    assert thread.solution_id == solution.pk and thread.status == ThreadStatus.SOLVED


def test_split_thread_followers_follow_the_new_thread(member, other_member, super_user):
    thread = make_thread(author=member)
    ThreadFollow.objects.get_or_create(thread=thread, member=other_member)
    answer = make_answer(thread=thread)
    new_thread = split_thread(thread=thread, answers=[answer], title="Another problem here",
                              by=super_user, reason="Off topic")  # fmt: skip
    followers = set(ThreadFollow.objects.filter(thread=new_thread).values_list("member", flat=True))
    assert {member.pk, other_member.pk, answer.author_id} <= followers


def test_split_thread_audits_both_threads_and_sends_thread_split(listen, member, super_user):
    thread = make_thread(author=member)
    answer = make_answer(thread=thread)
    calls = listen(signals.thread_split)
    new_thread = split_thread(thread=thread, answers=[answer], title="Another problem here",
                              by=super_user, reason="Off topic")  # fmt: skip
    rows = audit_rows(AuditAction.SPLIT_THREAD)
    assert [(row.target_id, row.reason, row.actor) for row in rows] == [
        (thread.pk, "Off topic", super_user),
        (new_thread.pk, "Off topic", super_user),
    ]
    assert calls == [
        {"sender": Thread, "thread": thread, "new_thread": new_thread, "by": super_user,
         "reason": "Off topic", "moved_answers": [answer.pk]},
    ]  # fmt: skip


def test_split_thread_refuses_posts_of_another_thread_and_no_reason(member, super_user):
    thread, other = make_thread(author=member), make_thread(author=member)
    foreign = make_answer(thread=other)
    with pytest.raises(ValidationError):
        split_thread(thread=thread, answers=[foreign], title="Another problem here",
                     by=super_user, reason="Off topic")  # fmt: skip
    with pytest.raises(ValidationError):
        split_thread(thread=thread, answers=[], title="Another problem here",
                     by=super_user, reason="Off topic")  # fmt: skip
    answer = make_answer(thread=thread)
    with pytest.raises(ValidationError):
        split_thread(thread=thread, answers=[answer], title="Another problem here",
                     by=super_user, reason="  ")  # fmt: skip
    assert Post.objects.get(pk=answer.pk).thread_id == thread.pk


# --- close as duplicate ----------------------------------------------------------------------


def test_close_as_duplicate_locks_points_and_keeps_answers(listen, member, super_user):
    thread, original = make_thread(author=member), make_thread(author=member)
    answer = make_answer(thread=thread)
    calls = listen(signals.thread_closed_as_duplicate)
    close_as_duplicate(thread=thread, original=original, by=super_user, reason="Asked before")
    close_as_duplicate(thread=thread, original=original, by=super_user, reason="Asked before")
    thread.refresh_from_db()
    assert thread.is_locked and thread.duplicate_of_id == original.pk
    assert thread.lock_reason == "Asked before"
    assert Post.objects.get(pk=answer.pk).thread_id == thread.pk
    assert len(audit_rows(AuditAction.CLOSE_AS_DUPLICATE)) == 1
    assert calls == [
        {"sender": Thread, "thread": thread, "original": original, "by": super_user,
         "reason": "Asked before", "closed": True},
    ]  # fmt: skip


def test_reopen_thread_undoes_close_as_duplicate(listen, member, super_user):
    thread, original = make_thread(author=member), make_thread(author=member)
    close_as_duplicate(thread=thread, original=original, by=super_user, reason="Asked before")
    calls = listen(signals.thread_closed_as_duplicate)
    reopen_thread(thread=thread, by=super_user)
    reopen_thread(thread=thread, by=super_user)
    thread.refresh_from_db()
    assert not thread.is_locked and thread.duplicate_of_id is None and thread.lock_reason == ""
    assert len(audit_rows(AuditAction.REOPEN_THREAD)) == 1
    assert [call["closed"] for call in calls] == [False]


def test_close_as_duplicate_refuses_itself_and_hidden_originals(member, super_user):
    thread = make_thread(author=member)
    with pytest.raises(ValidationError):
        close_as_duplicate(thread=thread, original=thread, by=super_user, reason="Same")
    with pytest.raises(ValidationError):
        close_as_duplicate(thread=thread, original=make_thread(), by=super_user, reason=" ")


def test_set_thread_locked_stores_the_reason_and_unlocking_clears_it(member, staff):
    thread = make_thread(author=member)
    set_thread_locked(thread=thread, by=staff, locked=True, reason="Heated")
    assert Thread.objects.get(pk=thread.pk).lock_reason == "Heated"
    set_thread_locked(thread=thread, by=staff, locked=False)
    assert Thread.objects.get(pk=thread.pk).lock_reason == ""


# --- silence and suspend -------------------------------------------------------------------


def test_silence_member_sets_the_period_audits_and_sends_member_silenced(
    listen, member, super_user
):
    until = timezone.now() + timedelta(days=7)
    calls = listen(signals.member_silenced)
    silence_member(member=member, until=until, reason="Spam links", by=super_user)
    silence_member(member=member, until=until, reason="Spam links", by=super_user)
    member.refresh_from_db()
    assert (member.silenced_until, member.silence_reason) == (until, "Spam links")
    [row] = audit_rows(AuditAction.SILENCE_MEMBER)
    assert (row.actor, row.target_id, row.reason) == (super_user, member.pk, "Spam links")
    unsilence_member(member=member, by=super_user)
    unsilence_member(member=member, by=super_user)
    assert Member.objects.get(pk=member.pk).silenced_until is None
    assert len(audit_rows(AuditAction.UNSILENCE_MEMBER)) == 1
    assert calls == [
        {"sender": Member, "member": member, "by": super_user, "until": until,
         "reason": "Spam links"},
        {"sender": Member, "member": member, "by": super_user, "until": None, "reason": ""},
    ]  # fmt: skip


def test_silence_member_refuses_staff_oneself_past_periods_and_no_reason(member, staff, super_user):
    later = timezone.now() + timedelta(days=1)
    for target, by, until, reason in [
        (staff, super_user, later, "No"),
        (super_user, super_user, later, "No"),
        (member, super_user, timezone.now() - timedelta(minutes=1), "No"),
        (member, super_user, later, ""),
    ]:
        with pytest.raises(ValidationError):
            silence_member(member=target, until=until, reason=reason, by=by)
    assert not AuditEntry.objects.exists()


def test_suspend_member_permanently_audits_and_sends_member_suspended(listen, member, staff):
    calls = listen(signals.member_suspended)
    suspend_member(member=member, until=None, reason="Fraud", by=staff)
    member.refresh_from_db()
    assert member.suspended_until == SUSPENDED_FOREVER
    assert member.suspension_reason == "Fraud"
    [row] = audit_rows(AuditAction.SUSPEND_MEMBER)
    assert row.details == {"until": None}
    unsuspend_member(member=member, by=staff)
    assert Member.objects.get(pk=member.pk).suspended_until is None
    assert [call["until"] for call in calls] == [SUSPENDED_FOREVER, None]
    assert len(audit_rows(AuditAction.UNSUSPEND_MEMBER)) == 1


def test_suspend_member_refuses_staff(staff):
    other_staff = MemberFactory(is_staff=True)
    with pytest.raises(ValidationError):
        suspend_member(member=other_staff, until=None, reason="No", by=staff)


def test_split_into_another_space(member, super_user):
    thread = make_thread(author=member)
    answer = make_answer(thread=thread)
    space = SpaceFactory(slug="elsewhere")
    new_thread = split_thread(thread=thread, answers=[answer], title="Another problem here",
                              by=super_user, reason="Off topic", space=space)  # fmt: skip
    assert new_thread.space == space


def test_split_thread_opened_by_a_hidden_answer_is_hidden(member, super_user, staff):
    from community.services.posts import hide_post

    thread = make_thread(author=member)
    answer = make_answer(thread=thread)
    hide_post(post=answer, by=staff, reason="Spam")
    new_thread = split_thread(thread=thread, answers=[answer], title="Another problem here",
                              by=super_user, reason="Off topic")  # fmt: skip
    assert Thread.objects.get(pk=new_thread.pk).hidden_reason == "Spam"
    assert not Thread.objects.public().filter(pk=new_thread.pk).exists()
