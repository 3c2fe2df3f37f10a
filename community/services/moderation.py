"""Moderation beyond one post: split answers into a thread of their own, close a thread as a
duplicate (and reopen it), silence and suspend members.

Each function changes nothing when things already are as asked (no audit row, no signal),
and otherwise writes, audits in the same transaction and announces. Who may call them is
``community.permissions``' business (the views ask it); the services only refuse what makes
no sense whoever asks (a reason missing, a period in the past).
"""

from datetime import UTC, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from community.audit import record_action
from community.models import AuditAction, Member, Post, Space, Thread, ThreadFollow
from community.services.counters import recalculate_thread_counters
from community.services.posts import thread_slug
from community.services.solutions import drop_solution
from community.services.text import clean_title
from community.signals import (
    member_silenced,
    member_suspended,
    thread_closed_as_duplicate,
    thread_split,
)

# A permanent suspension ends here: far enough, and still a date every time zone can show.
SUSPENDED_FOREVER = datetime(9000, 1, 1, tzinfo=UTC)


def is_permanent(until) -> bool:
    return until is not None and until >= SUSPENDED_FOREVER


def _clean_reason(reason: str, *, message: str) -> str:
    reason = " ".join((reason or "").split())[:200]
    if not reason:
        raise ValidationError(message, code="reason_required")
    return reason


def _locked(thread: Thread) -> Thread:
    return Thread.objects.select_for_update(no_key=True).get(pk=thread.pk)


# --- threads -------------------------------------------------------------------------------


@transaction.atomic
def split_thread(
    *,
    thread: Thread,
    answers: list[Post],
    title: str,
    by: Member,
    reason: str,
    space: Space | None = None,
) -> Thread:
    """Move `answers` (answers of `thread`, not its opening post) into a new thread titled
    `title` in `space` (default: the same space) and return it.

    The earliest chosen answer becomes the new thread's opening post, so the new thread is
    asked by its author, and the others follow it as answers in their order. The new thread
    takes the kind and language of `thread`. When the accepted solution moves, `thread` has
    none any more (``answer_unaccepted``). Followers of `thread` follow the new thread too.
    Both threads' counters are recomputed; both are audited (the public moderation pages
    show the split on each side). Raises ValidationError when nothing sensible is chosen.
    Emits ``thread_split``."""
    reason = _clean_reason(
        reason, message=_("Say why the answers are split off; readers see the reason.")
    )
    title = clean_title(title)
    current = _locked(thread)
    ids = {post.pk for post in answers}
    moving = list(
        Post.objects.select_for_update(no_key=True)
        .filter(pk__in=ids, thread_id=thread.pk, is_opening=False, deleted_at__isnull=True)
        .order_by("created_at", "pk")
    )
    if not moving or len(moving) != len(ids):
        raise ValidationError(
            _("Choose one or more answers of this thread to split off."), code="no_answers"
        )
    opening = moving[0]
    latest = max(post.created_at for post in moving)
    new_thread = Thread.objects.create(
        space=space or current.space,
        author_id=opening.author_id,
        title=title,
        slug=thread_slug(title),
        kind=current.kind,
        language=current.language,
        last_activity_at=latest,
        last_poster_id=moving[-1].author_id,
    )
    # The opening post first leaves its old thread's "one opening post" constraint behind.
    Post.objects.filter(pk__in=[post.pk for post in moving]).update(thread=new_thread)
    Post.objects.filter(pk=opening.pk).update(is_opening=True)
    if opening.hidden_at is not None:
        # A hidden post opens a hidden thread, as hiding an opening post hides its thread.
        new_thread.hidden_at, new_thread.hidden_reason = opening.hidden_at, opening.hidden_reason
        new_thread.save(update_fields=["hidden_at", "hidden_reason"])
    others = [post for post in moving[1:] if post.author_id != opening.author_id]
    if others:
        new_thread.first_response_at = others[0].created_at
        new_thread.save(update_fields=["first_response_at"])
    # The `created_at` of the new thread says when it was split off; its opening post keeps
    # the time it was written.
    if current.solution_id in ids:
        drop_solution(thread=current, by=by)
    followers = ThreadFollow.objects.filter(thread_id=thread.pk).values_list("member_id", flat=True)
    ThreadFollow.objects.bulk_create(
        [ThreadFollow(thread=new_thread, member_id=member_id) for member_id in followers]
        + [ThreadFollow(thread=new_thread, member_id=opening.author_id)],
        ignore_conflicts=True,
    )
    remaining = Post.objects.filter(thread_id=thread.pk, deleted_at__isnull=True)
    last = remaining.aggregate(latest=Max("created_at"))["latest"]
    if last is not None and last < current.last_activity_at:
        last_post = remaining.order_by("-created_at", "-pk").first()
        Thread.objects.filter(pk=thread.pk).update(
            last_activity_at=last, last_poster_id=last_post.author_id
        )
        thread.last_activity_at, thread.last_poster_id = last, last_post.author_id
    thread.solution_id, thread.status = current.solution_id, current.status
    thread.solved_at = current.solved_at
    recalculate_thread_counters(thread)
    recalculate_thread_counters(new_thread)
    moved = [post.pk for post in moving]
    record_action(
        actor=by, action=AuditAction.SPLIT_THREAD, target=thread, reason=reason,
        new_thread=new_thread.pk, moved_answers=moved,
    )  # fmt: skip
    record_action(
        actor=by, action=AuditAction.SPLIT_THREAD, target=new_thread, reason=reason,
        from_thread=thread.pk, moved_answers=moved,
    )  # fmt: skip
    thread_split.send(
        sender=Thread, thread=thread, new_thread=new_thread, by=by, reason=reason,
        moved_answers=moved,
    )  # fmt: skip
    return new_thread


def check_closable_as_duplicate(*, thread: Thread, original: Thread) -> None:
    """Raise ValidationError with the reason when `thread` cannot point to `original`."""
    if thread.pk == original.pk:
        raise ValidationError(_("A thread cannot be a duplicate of itself."))
    if original.deleted_at is not None or original.hidden_at is not None:
        raise ValidationError(_("The original must be a visible thread."))
    if original.merged_into_id is not None:
        raise ValidationError(
            _("That thread was merged into another one: point to that one instead.")
        )
    if original.duplicate_of_id == thread.pk:
        raise ValidationError(_("That thread is itself closed as a duplicate of this one."))


@transaction.atomic
def close_as_duplicate(*, thread: Thread, original: Thread, by: Member, reason: str) -> Thread:
    """Lock `thread` and point it to `original` with a public `reason`. Unlike a merge, its
    answers stay: the thread stays readable and shows "Closed as a duplicate of …". Closing
    it again as a duplicate of the same thread changes nothing. Emits
    ``thread_closed_as_duplicate``."""
    reason = _clean_reason(
        reason, message=_("Say why this is a duplicate; readers of the thread see the reason.")
    )
    current = _locked(thread)
    if current.duplicate_of_id == original.pk and current.is_locked:
        thread.duplicate_of, thread.is_locked = original, True
        thread.lock_reason = current.lock_reason
        return thread
    check_closable_as_duplicate(thread=current, original=original)
    thread.duplicate_of = original
    thread.is_locked = True
    thread.lock_reason = reason
    thread.save(update_fields=["duplicate_of", "is_locked", "lock_reason"])
    record_action(
        actor=by, action=AuditAction.CLOSE_AS_DUPLICATE, target=thread, reason=reason,
        original=original.pk,
    )  # fmt: skip
    thread_closed_as_duplicate.send(
        sender=Thread, thread=thread, original=original, by=by, reason=reason, closed=True
    )
    return thread


@transaction.atomic
def reopen_thread(*, thread: Thread, by: Member, reason: str = "") -> Thread:
    """Undo :func:`close_as_duplicate`: unlocked, no link to the original. A thread that is not
    closed as a duplicate changes nothing. Emits ``thread_closed_as_duplicate`` (closed=False)."""
    reason = " ".join((reason or "").split())[:200]
    current = _locked(thread)
    if current.duplicate_of_id is None:
        thread.duplicate_of = None
        return thread
    original_id = current.duplicate_of_id
    thread.duplicate_of = None
    thread.is_locked = False
    thread.lock_reason = ""
    thread.save(update_fields=["duplicate_of", "is_locked", "lock_reason"])
    record_action(
        actor=by, action=AuditAction.REOPEN_THREAD, target=thread, reason=reason,
        original=original_id,
    )  # fmt: skip
    thread_closed_as_duplicate.send(
        sender=Thread, thread=thread, original=None, by=by, reason=reason, closed=False
    )
    return thread


# --- members -------------------------------------------------------------------------------


def _check_target(*, member: Member, by: Member) -> None:
    # The permission module refuses these in the views; a script must not slip past either.
    if member.pk == by.pk:
        raise ValidationError(_("You cannot sanction yourself."), code="self")
    if member.is_staff:
        raise ValidationError(_("Staff members cannot be sanctioned."), code="staff")


def _check_until(until) -> None:
    if until is None or until <= timezone.now():
        raise ValidationError(_("Choose an end in the future."), code="until_past")


def _locked_member(member: Member) -> Member:
    return Member.objects.select_for_update(no_key=True).get(pk=member.pk)


@transaction.atomic
def silence_member(*, member: Member, until: datetime, reason: str, by: Member) -> Member:
    """`member` may read but not post (ask, answer, edit, vote, flag, upload) until `until`;
    they see `reason` and the end on every page. Silencing again replaces the period.
    Emits ``member_silenced``."""
    reason = _clean_reason(
        reason, message=_("Say why the member is silenced; they see the reason.")
    )
    _check_target(member=member, by=by)
    _check_until(until)
    current = _locked_member(member)
    member.silenced_until, member.silence_reason = until, reason
    if current.silenced_until == until and current.silence_reason == reason:
        return member
    member.save(update_fields=["silenced_until", "silence_reason"])
    record_action(
        actor=by, action=AuditAction.SILENCE_MEMBER, target=member, reason=reason,
        until=until.isoformat(),
    )  # fmt: skip
    member_silenced.send(sender=Member, member=member, by=by, until=until, reason=reason)
    return member


@transaction.atomic
def unsilence_member(*, member: Member, by: Member, reason: str = "") -> Member:
    """Lift a silencing (one that ran out is cleared too, quietly). Emits ``member_silenced``
    with until=None when one was in force."""
    reason = " ".join((reason or "").split())[:200]
    current = _locked_member(member)
    member.silenced_until, member.silence_reason = None, ""
    if current.silenced_until is None:
        return member
    member.save(update_fields=["silenced_until", "silence_reason"])
    if current.silenced_until <= timezone.now():
        return member
    record_action(actor=by, action=AuditAction.UNSILENCE_MEMBER, target=member, reason=reason)
    member_silenced.send(sender=Member, member=member, by=by, until=None, reason=reason)
    return member


@transaction.atomic
def suspend_member(*, member: Member, until: datetime | None, reason: str, by: Member) -> Member:
    """`member` cannot sign in until `until` (None: for good, stored as SUSPENDED_FOREVER);
    a session they already have ends on its next request. They see `reason` and the end
    when they try to sign in. Emits ``member_suspended``."""
    reason = _clean_reason(
        reason, message=_("Say why the member is suspended; they see the reason.")
    )
    _check_target(member=member, by=by)
    until = SUSPENDED_FOREVER if until is None else until
    _check_until(until)
    current = _locked_member(member)
    member.suspended_until, member.suspension_reason = until, reason
    if current.suspended_until == until and current.suspension_reason == reason:
        return member
    member.save(update_fields=["suspended_until", "suspension_reason"])
    record_action(
        actor=by, action=AuditAction.SUSPEND_MEMBER, target=member, reason=reason,
        until=None if is_permanent(until) else until.isoformat(),
    )  # fmt: skip
    member_suspended.send(sender=Member, member=member, by=by, until=until, reason=reason)
    return member


@transaction.atomic
def unsuspend_member(*, member: Member, by: Member, reason: str = "") -> Member:
    """Lift a suspension. Emits ``member_suspended`` with until=None when one was in force."""
    reason = " ".join((reason or "").split())[:200]
    current = _locked_member(member)
    member.suspended_until, member.suspension_reason = None, ""
    if current.suspended_until is None:
        return member
    member.save(update_fields=["suspended_until", "suspension_reason"])
    if current.suspended_until <= timezone.now():
        return member
    record_action(actor=by, action=AuditAction.UNSUSPEND_MEMBER, target=member, reason=reason)
    member_suspended.send(sender=Member, member=member, by=by, until=None, reason=reason)
    return member
