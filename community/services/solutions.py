"""Choosing the solution, and the support team's official recommendation."""

from django.db import transaction
from django.utils import timezone

from community.audit import record_action
from community.models import AuditAction, Member, NotificationKind, Post, Thread, ThreadStatus
from community.outbox import enqueue
from community.services.counters import recalculate_thread_counters
from community.services.notices import notify
from community.signals import answer_accepted, answer_endorsed, answer_unaccepted


@transaction.atomic
def accept_answer(*, answer: Post, by: Member) -> Thread:
    """Mark `answer` as the solution of its thread (replacing any other); its author finds
    it in the notification centre, followers get an e-mail."""
    thread = Thread.objects.select_for_update(no_key=True).get(pk=answer.thread_id)
    answer.thread = thread  # the caller's answer sees the new solution at once
    if thread.solution_id == answer.pk:
        return thread  # nothing changed, nothing announced
    previous = thread.solution
    now = timezone.now()
    thread.solution = answer
    thread.status = ThreadStatus.SOLVED
    thread.solved_at = now
    thread.last_activity_at = now
    thread.save(update_fields=["solution", "status", "solved_at", "last_activity_at"])
    if by.pk != thread.author_id:
        record_action(actor=by, action=AuditAction.ACCEPT_ANSWER, target=answer)
    # Accepted, taken back and accepted again before it was read: still one entry.
    notify(member=answer.author, kind=NotificationKind.ACCEPTED, actor=by, post=answer,
           group_key=f"accepted:{answer.pk}")  # fmt: skip
    answer_accepted.send(sender=Thread, thread=thread, answer=answer, by=by, previous=previous)
    enqueue("community.notify_solution", {"post_id": answer.pk, "by_id": by.pk})
    return thread


def drop_solution(*, thread: Thread, by: Member) -> Post | None:
    """The thread (locked by the caller) has no solution any more; ``answer_unaccepted``
    tells the other apps. Returns the former solution. For services that hide, delete
    or unaccept an answer inside their own transaction, and write their own audit row."""
    answer = thread.solution
    if answer is None:
        return None
    thread.solution = None
    thread.status = ThreadStatus.OPEN
    thread.solved_at = None
    thread.save(update_fields=["solution", "status", "solved_at"])
    answer_unaccepted.send(sender=Thread, thread=thread, answer=answer, by=by)
    return answer


@transaction.atomic
def unaccept_answer(*, thread: Thread, by: Member) -> Thread:
    """The thread has no solution any more (the asker found it did not work after all)."""
    thread = Thread.objects.select_for_update(no_key=True).get(pk=thread.pk)
    solution_id = thread.solution_id
    if solution_id is None:
        return thread
    if by.pk != thread.author_id:
        record_action(actor=by, action=AuditAction.UNACCEPT_ANSWER, target=thread.solution)
    drop_solution(thread=thread, by=by)
    return thread


@transaction.atomic
def set_answer_endorsement(*, answer: Post, by: Member, endorsed: bool) -> Post:
    """“Recommended by the <brand> team” on a member's answer, or withdraw it.
    Locks the answer's row; no change, no audit row and no signal."""
    current = Post.objects.select_for_update(no_key=True).only("endorsed_by").get(pk=answer.pk)
    if endorsed == (current.endorsed_by_id is not None):
        return answer
    answer.endorsed_by = by if endorsed else None
    answer.endorsed_at = timezone.now() if endorsed else None
    answer.save(update_fields=["endorsed_by", "endorsed_at"])
    recalculate_thread_counters(answer.thread)
    record_action(
        actor=by,
        action=AuditAction.ENDORSE_ANSWER if endorsed else AuditAction.UNENDORSE_ANSWER,
        target=answer,
    )
    answer_endorsed.send(sender=Post, post=answer, by=by, endorsed=endorsed)
    return answer
