"""What the support team and trusted members do to a thread: pin, lock, move, change its
kind, retitle and retag, merge a duplicate into another thread.

Each function locks the thread's row, changes nothing when the thread already is
as asked (no audit row, no signal), and otherwise writes, audits and announces.
The caller's `thread` object is updated to match. Who may call them is
``community.permissions``' business (the views ask it).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from community.audit import record_action
from community.models import (
    AuditAction,
    IdeaStatus,
    Member,
    Post,
    PostRevision,
    Space,
    Tag,
    Thread,
    ThreadFollow,
    ThreadKind,
)
from community.services.counters import recalculate_thread_counters
from community.services.posts import thread_slug
from community.services.text import clean_title
from community.signals import (
    thread_kind_changed,
    thread_locked,
    thread_moved,
    thread_pinned,
    thread_retitled,
    threads_merged,
)


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
    """Lock `thread` (no new answers but from staff), or unlock it; the thread page shows
    the lock's `reason`. Emits ``thread_locked``."""
    reason = " ".join((reason or "").split())[:200]
    current = _locked(thread)
    thread.is_locked = locked
    if current.is_locked == locked:
        return thread
    thread.lock_reason = reason if locked else ""
    thread.save(update_fields=["is_locked", "lock_reason"])
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


@transaction.atomic
def retitle_thread(*, thread: Thread, by: Member, title: str, tags: list[Tag]) -> Thread:
    """A regular or moderator gives someone else's thread a clearer title or better tags.

    The title is checked like the ask form's. The opening post gets a revision carrying
    the new title (its history shows the change, and an author editing meanwhile meets an
    edit conflict instead of overwriting it); an audit row names who did it. Emits
    ``thread_retitled``; the same title and tags change nothing."""
    title = clean_title(title)
    opening = Post.objects.select_for_update(no_key=True).get(thread=thread, is_opening=True)
    current = _locked(thread)
    old_tags = sorted(current.tags.values_list("name", flat=True))
    new_tags = sorted({tag.name for tag in tags})
    if title == current.title and old_tags == new_tags:
        return thread
    old_title = current.title
    number = opening.revision_count + 1
    PostRevision.objects.create(
        post=opening, number=number, title=title, body=opening.body, editor=by
    )
    Post.objects.filter(pk=opening.pk).update(revision_count=number, edited_at=timezone.now())
    thread.title = title
    thread.slug = thread_slug(title)
    thread.save(update_fields=["title", "slug"])
    if old_tags != new_tags:
        thread.tags.set(tags)
    record_action(
        actor=by, action=AuditAction.RETITLE_THREAD, target=thread, revision=number,
        from_title=old_title, to_title=title, from_tags=old_tags, to_tags=new_tags,
    )  # fmt: skip
    thread_retitled.send(
        sender=Thread, thread=thread, by=by, old_title=old_title, old_tags=old_tags, tags=new_tags
    )
    return thread


def check_mergeable(*, duplicate: Thread, into: Thread) -> None:
    """Raise ValidationError with the reason when `duplicate` cannot go into `into`."""
    if duplicate.pk == into.pk:
        raise ValidationError(_("A thread cannot be merged into itself."))
    if duplicate.merged_into_id is not None:
        raise ValidationError(_("This thread was already merged into another thread."))
    if into.merged_into_id is not None:
        raise ValidationError(
            _("That thread was itself merged into another one: merge into that one instead.")
        )
    if into.deleted_at is not None or into.hidden_at is not None:
        raise ValidationError(_("Threads can only be merged into a visible thread."))
    if duplicate.deleted_at is not None:
        raise ValidationError(_("A deleted thread cannot be merged."))


@transaction.atomic
def merge_threads(*, duplicate: Thread, into: Thread, by: Member, reason: str) -> Thread:
    """Move the answers of `duplicate` into `into` (they take their place there by the time
    they were written) and leave `duplicate` locked, pointing to `into` with the public
    `reason`: its page redirects there, lists and search leave it out. Its followers follow
    `into` too. A solution keeps its mark on the duplicate (the asker chose it there, and
    taking it back would cost its author the credit); in `into` it is an answer like any.

    Locks both rows (lower id first). Raises ValidationError with the reason when the
    merge makes no sense. Merging again into the same thread changes nothing. Emits
    ``threads_merged``; both threads are indexed again after commit (the outbox)."""
    reason = " ".join((reason or "").split())[:200]
    if not reason:
        raise ValidationError(
            _("Say why the threads are merged; readers of the duplicate see the reason.")
        )
    if duplicate.pk == into.pk:
        raise ValidationError(_("A thread cannot be merged into itself."))
    first, second = sorted((duplicate.pk, into.pk))
    rows = {pk: Thread.objects.select_for_update(no_key=True).get(pk=pk) for pk in (first, second)}
    current, target = rows[duplicate.pk], rows[into.pk]
    if current.merged_into_id == target.pk:
        duplicate.merged_into, duplicate.is_locked = into, True
        return duplicate
    check_mergeable(duplicate=current, into=target)

    answers = Post.objects.filter(thread_id=duplicate.pk, is_opening=False)
    moved = list(answers.order_by("created_at", "pk").values_list("pk", flat=True))
    latest = answers.aggregate(latest=Max("created_at"))["latest"]
    answers.update(thread_id=into.pk)
    followers = ThreadFollow.objects.filter(thread_id=duplicate.pk).values_list(
        "member_id", flat=True
    )
    ThreadFollow.objects.bulk_create(
        [ThreadFollow(thread_id=into.pk, member_id=member_id) for member_id in followers],
        ignore_conflicts=True,
    )

    duplicate.merged_into = into
    duplicate.merge_reason = reason
    duplicate.is_locked = True
    duplicate.save(update_fields=["merged_into", "merge_reason", "is_locked"])
    recalculate_thread_counters(duplicate)  # saves it: the index task removes it
    into.refresh_from_db(fields=["last_activity_at", "first_response_at"])
    fields = []
    if latest is not None and latest > into.last_activity_at:
        into.last_activity_at = latest
        fields.append("last_activity_at")
    if into.first_response_at is None and moved:
        others = Post.objects.filter(pk__in=moved).exclude(author_id=into.author_id)
        first = others.order_by("created_at").values_list("created_at", flat=True).first()
        if first is not None:
            into.first_response_at = first
            fields.append("first_response_at")
    if fields:
        into.save(update_fields=fields)
    recalculate_thread_counters(into)  # saves it: the index task takes the moved answers in
    record_action(
        actor=by, action=AuditAction.MERGE_THREAD, target=duplicate, reason=reason,
        into=into.pk, moved_answers=moved,
    )  # fmt: skip
    threads_merged.send(
        sender=Thread, duplicate=duplicate, into=into, by=by, reason=reason, moved_answers=moved
    )
    return duplicate
