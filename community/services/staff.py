"""What the support team does to a thread: pin, lock, move, change its kind. Audited."""

from django.db import transaction

from community.audit import record_action
from community.models import AuditAction, IdeaStatus, Member, Space, Thread, ThreadKind


@transaction.atomic
def set_thread_pinned(*, thread: Thread, by: Member, pinned: bool) -> Thread:
    if thread.is_pinned != pinned:
        thread.is_pinned = pinned
        thread.save(update_fields=["is_pinned"])
        action = AuditAction.PIN_THREAD if pinned else AuditAction.UNPIN_THREAD
        record_action(actor=by, action=action, target=thread)
    return thread


@transaction.atomic
def set_thread_locked(*, thread: Thread, by: Member, locked: bool, reason: str = "") -> Thread:
    if thread.is_locked != locked:
        thread.is_locked = locked
        thread.save(update_fields=["is_locked"])
        action = AuditAction.LOCK_THREAD if locked else AuditAction.UNLOCK_THREAD
        record_action(actor=by, action=action, target=thread, reason=reason)
    return thread


@transaction.atomic
def move_thread(*, thread: Thread, by: Member, space: Space) -> Thread:
    if thread.space_id != space.pk:
        old_space = thread.space
        thread.space = space
        thread.save(update_fields=["space"])
        record_action(
            actor=by, action=AuditAction.MOVE_THREAD, target=thread,
            from_space=old_space.slug, to_space=space.slug,
        )  # fmt: skip
    return thread


@transaction.atomic
def change_thread_kind(*, thread: Thread, by: Member, kind: str) -> Thread:
    if thread.kind != kind:
        old_kind = thread.kind
        thread.kind = kind
        fields = ["kind"]
        if kind == ThreadKind.IDEA and not thread.idea_status:
            thread.idea_status = IdeaStatus.NEW
            fields.append("idea_status")
        thread.save(update_fields=fields)
        record_action(
            actor=by, action=AuditAction.CHANGE_THREAD_KIND, target=thread,
            from_kind=old_kind, to_kind=kind,
        )  # fmt: skip
    return thread
