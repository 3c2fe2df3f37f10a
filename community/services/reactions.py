"""Helpful votes, “me too” and “this solved my problem too”: one row per member, toggled."""

from django.db import IntegrityError, transaction
from django.db.models import F

from community.models import HelpfulVote, Member, MeToo, Post, SolvedToo, Thread, ThreadFollow
from community.signals import me_too_changed, post_voted, solved_too_changed


def _toggle(model, *, by: Member, **target) -> bool:
    """Delete `by`'s row if there is one, else create it. True when the row now exists."""
    deleted, _ = model.objects.filter(member=by, **target).delete()
    if deleted:
        return False
    try:
        with transaction.atomic():
            model.objects.create(member=by, **target)
    except IntegrityError:  # a double click raced us; the row is there, as wanted
        return True
    return True


@transaction.atomic
def toggle_helpful_vote(*, post: Post, by: Member) -> bool:
    """Mark `post` helpful, or take the mark back. Returns whether it is marked now."""
    added = _toggle(HelpfulVote, post=post, by=by)
    change = 1 if added else -1
    Post.objects.filter(pk=post.pk).update(helpful_count=F("helpful_count") + change)
    if post.is_opening:
        Thread.objects.filter(pk=post.thread_id).update(helpful_count=F("helpful_count") + change)
    post.refresh_from_db(fields=["helpful_count"])
    post_voted.send(sender=Post, post=post, by=by, added=added)
    return added


@transaction.atomic
def toggle_me_too(*, thread: Thread, by: Member) -> bool:
    """Say “I have this problem too” (and follow the thread), or take it back."""
    added = _toggle(MeToo, thread=thread, by=by)
    Thread.objects.filter(pk=thread.pk).update(
        me_too_count=F("me_too_count") + (1 if added else -1)
    )
    if added:
        ThreadFollow.objects.get_or_create(thread=thread, member=by)
    thread.refresh_from_db(fields=["me_too_count"])
    me_too_changed.send(sender=Thread, thread=thread, by=by, added=added)
    return added


@transaction.atomic
def toggle_solved_too(*, post: Post, by: Member) -> bool:
    """“This solved my problem too” on a solution, or take it back."""
    added = _toggle(SolvedToo, post=post, by=by)
    Post.objects.filter(pk=post.pk).update(
        solved_too_count=F("solved_too_count") + (1 if added else -1)
    )
    post.refresh_from_db(fields=["solved_too_count"])
    solved_too_changed.send(sender=Post, post=post, by=by, added=added)
    return added
