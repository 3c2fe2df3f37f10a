"""Helpful votes, “me too” and “this solved my problem too”: one row per member.

A request says which state it wants (voted or not), so a double-submitted click
cannot take itself back. Each function is idempotent: only when a row was really
created or deleted does the counter move (atomically, in the database) and the
signal go out; a second request racing the first finds the row there (or gone)
and changes nothing. Returns whether anything changed.
"""

from django.db import IntegrityError, transaction
from django.db.models import F

from community.models import HelpfulVote, Member, MeToo, NotificationKind, Post, SolvedToo, Thread
from community.services.follows import set_thread_following
from community.services.notices import notify
from community.services.ratelimits import check_helpful_vote_rate
from community.signals import me_too_changed, post_voted, solved_too_changed


def _set_row(model, *, by: Member, present: bool, **target) -> bool:
    """Make `by`'s row for `target` exist (or not). True only when this call created or
    deleted it: the unique constraint, not a read before the write, decides a race."""
    if not present:
        deleted, _ = model.objects.filter(member=by, **target).delete()
        return deleted > 0
    try:
        with transaction.atomic():  # a savepoint: the outer transaction survives the conflict
            model.objects.create(member=by, **target)
    except IntegrityError:  # already there, by an earlier or a concurrent request
        return False
    return True


@transaction.atomic
def set_helpful_vote(*, post: Post, by: Member, voted: bool) -> bool:
    """Mark `post` helpful (`voted`), or take the mark back. Emits ``post_voted`` on a change;
    a new mark is counted in the author's notification centre. Marking is rate-limited
    (RateLimited); taking a mark back never is."""
    if voted:
        check_helpful_vote_rate(member=by)
    if not _set_row(HelpfulVote, by=by, present=voted, post=post):
        post.refresh_from_db(fields=["helpful_count"])
        return False
    change = F("helpful_count") + (1 if voted else -1)
    Post.objects.filter(pk=post.pk).update(helpful_count=change)
    if post.is_opening:
        Thread.objects.filter(pk=post.thread_id).update(helpful_count=change)
    post.refresh_from_db(fields=["helpful_count"])
    if voted:
        # One entry per post that counts up until it is read ("5 people found your answer
        # helpful"); a withdrawn vote leaves it as it is.
        notify(member=post.author, kind=NotificationKind.HELPFUL, actor=by, post=post,
               group_key=f"helpful:{post.pk}")  # fmt: skip
    post_voted.send(sender=Post, post=post, by=by, added=voted)
    return True


@transaction.atomic
def set_me_too(*, thread: Thread, by: Member, me_too: bool) -> bool:
    """Say “I have this problem too” (and follow the thread), or take it back.
    Emits ``me_too_changed`` on a change."""
    if not _set_row(MeToo, by=by, present=me_too, thread=thread):
        thread.refresh_from_db(fields=["me_too_count"])
        return False
    Thread.objects.filter(pk=thread.pk).update(
        me_too_count=F("me_too_count") + (1 if me_too else -1)
    )
    if me_too:
        set_thread_following(thread=thread, member=by, following=True)
    thread.refresh_from_db(fields=["me_too_count"])
    me_too_changed.send(sender=Thread, thread=thread, by=by, added=me_too)
    return True


@transaction.atomic
def set_solved_too(*, post: Post, by: Member, solved_too: bool) -> bool:
    """“This solved my problem too” on a solution, or take it back.
    Emits ``solved_too_changed`` on a change."""
    if not _set_row(SolvedToo, by=by, present=solved_too, post=post):
        post.refresh_from_db(fields=["solved_too_count"])
        return False
    Post.objects.filter(pk=post.pk).update(
        solved_too_count=F("solved_too_count") + (1 if solved_too else -1)
    )
    post.refresh_from_db(fields=["solved_too_count"])
    solved_too_changed.send(sender=Post, post=post, by=by, added=solved_too)
    return True
