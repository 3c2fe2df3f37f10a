"""What the support team does to a thread: pin, lock, move, change its kind.

Each function locks the thread's row, changes nothing when the thread already is
as asked (no audit row, no signal), and otherwise writes, audits and announces.
The caller's `thread` object is updated to match.
"""

from django.db import transaction

from community.audit import record_action
from community.models import AuditAction, IdeaStatus, Member, Space, Thread, ThreadKind
from community.signals import thread_kind_changed, thread_locked, thread_moved, thread_pinned


def _locked(thread: Thread) -> Thread:
    return Thread.objects.select_for_update(no_key=True).get(pk=thread.pk)


@transaction.atomic
def set_thread_pinned(*, thread: Thread, by: Member, pinned: bool) -> Thread:
    """Pin `thread` to the top of its lists, or unpin it. Emits ``thread_pinned``."""
    current = _locked(thread)
    thread.is_pinned = pinned
    if current.is_pinned == pinned:
        return thread
    thread.save(update_fields=["is_pinned"])
    action = AuditAction.PIN_THREAD if pinned else AuditAction.UNPIN_THREAD
    record_action(actor=by, action=action, target=thread)
    thread_pinned.send(sender=Thread, thread=thread, by=by, pinned=pinned)
    return thread


@transaction.atomic
def set_thread_locked(*, thread: Thread, by: Member, locked: bool, reason: str = "") -> Thread:
    """Lock `thread` (no new answers but from staff), or unlock it. Emits ``thread_locked``."""
    current = _locked(thread)
    thread.is_locked = locked
    if current.is_locked == locked:
        return thread
    thread.save(update_fields=["is_locked"])
    action = AuditAction.LOCK_THREAD if locked else AuditAction.UNLOCK_THREAD
    record_action(actor=by, action=action, target=thread, reason=reason)
    thread_locked.send(sender=Thread, thread=thread, by=by, locked=locked, reason=reason)
    return thread


@transaction.atomic
def move_thread(*, thread: Thread, by: Member, space: Space) -> Thread:
    """Move `thread` to `space`. Emits ``thread_moved``."""
    current = _locked(thread)
    if current.space_id == space.pk:
        thread.space = space
        return thread
    old_space = Space.objects.get(pk=current.space_id)
    thread.space = space
    thread.save(update_fields=["space"])
    record_action(
        actor=by, action=AuditAction.MOVE_THREAD, target=thread,
        from_space=old_space.slug, to_space=space.slug,
    )  # fmt: skip
    thread_moved.send(sender=Thread, thread=thread, by=by, from_space=old_space, to_space=space)
    return thread


@transaction.atomic
def change_thread_kind(*, thread: Thread, by: Member, kind: str) -> Thread:
    """Make `thread` a question, discussion, idea … (an idea starts as “new”).
    Emits ``thread_kind_changed``."""
    kind = ThreadKind(kind).value
    current = _locked(thread)
    thread.kind = kind
    if current.kind == kind:
        return thread
    old_kind = current.kind
    fields = ["kind"]
    if kind == ThreadKind.IDEA and not current.idea_status:
        thread.idea_status = IdeaStatus.NEW
        fields.append("idea_status")
    thread.save(update_fields=fields)
    record_action(
        actor=by, action=AuditAction.CHANGE_THREAD_KIND, target=thread,
        from_kind=old_kind, to_kind=kind,
    )  # fmt: skip
    thread_kind_changed.send(sender=Thread, thread=thread, by=by, from_kind=old_kind, to_kind=kind)
    return thread
