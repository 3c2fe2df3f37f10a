"""What gamification does when something happens in the community.

Receivers do quick, idempotent database work in the sender's transaction, or enqueue a
task through community's outbox to run after commit; never network I/O. One section per
subject; each connects with ``@receiver``.
"""

from django.dispatch import receiver

from community import signals

# --- reputation ---------------------------------------------------------------------------
# (the reputation ledger's receivers go here)


#
#
#
#
#
#


# --- badges -------------------------------------------------------------------------------
# Each event concerns a few members; their badges are checked after commit, in Celery.


def check_badges_later(*members) -> None:
    """Enqueue the badge check for `members` (None skipped): one open message per member,
    however many events concern them before it runs."""
    from community.outbox import enqueue

    for member_id in sorted({member.pk for member in members if member is not None}):
        key = f"gamification.check_badges:{member_id}"
        enqueue(
            "gamification.check_badges",
            {"member_ids": [member_id]},
            dedupe_key=key,
            batch_key=key,
        )


@receiver(signals.thread_asked)
def check_badges_on_thread_asked(sender, thread, by, **kwargs):
    check_badges_later(by)


@receiver(signals.answer_posted)
def check_badges_on_answer_posted(sender, post, by, **kwargs):
    check_badges_later(by)


@receiver(signals.answer_accepted)
def check_badges_on_answer_accepted(sender, answer, **kwargs):
    check_badges_later(answer.author)


@receiver(signals.post_voted)
def check_badges_on_post_voted(sender, post, by, added, **kwargs):
    if added:
        check_badges_later(post.author, by)


@receiver(signals.solved_too_changed)
def check_badges_on_solved_too(sender, post, added, **kwargs):
    if added:
        check_badges_later(post.author)


@receiver(signals.answer_endorsed)
def check_badges_on_answer_endorsed(sender, post, endorsed, **kwargs):
    if endorsed:
        check_badges_later(post.author)


@receiver(signals.me_too_changed)
def check_badges_on_me_too(sender, thread, by, added, **kwargs):
    if added:
        check_badges_later(by, thread.author)


@receiver(signals.post_edited)
def check_badges_on_post_edited(sender, post, by, **kwargs):
    check_badges_later(by)


@receiver(signals.idea_status_changed)
def check_badges_on_idea_status_changed(sender, thread, **kwargs):
    check_badges_later(thread.author)


@receiver(signals.trust_level_changed)
def check_badges_on_trust_level_changed(sender, member, **kwargs):
    check_badges_later(member)


@receiver(signals.staff_status_changed)
def check_badges_on_staff_status_changed(sender, member, is_staff, **kwargs):
    if is_staff:
        check_badges_later(member)


#
#
#
#
#
#


# --- trust levels -------------------------------------------------------------------------
# (trust levels' receivers go here)
