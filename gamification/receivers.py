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
# (badge awarding's receivers go here)


#
#
#
#
#
#


# --- trust levels -------------------------------------------------------------------------
# Re-check a member's level after commit on the events that can raise it; the nightly task
# catches the rest (and regulars' grace). Tell members when their level or staff status
# changed, from any path (services, nominations, the admin).
# (Imports inside the functions keep this section self-contained.)


def _recheck_trust_level(member_id: int) -> None:
    """After commit, a task through the outbox (one open message per member: ten votes in a
    minute recompute once). Enqueued after the commit rather than in it, so the member's
    own request pays nothing for it; a recheck lost in between is made up nightly."""
    from django.db import transaction

    from community.outbox import enqueue, tasks_are_muted

    if tasks_are_muted():  # bulk imports (the demo data) recompute afterwards
        return
    transaction.on_commit(
        lambda: enqueue(
            "gamification.recompute_trust_level",
            {"member_id": member_id},
            dedupe_key=f"trust-level:{member_id}",
        )
    )


@receiver(signals.answer_posted, dispatch_uid="gamification.trust.answer_posted")
def recheck_trust_level_on_answer(sender, post, **kwargs):
    _recheck_trust_level(post.author_id)


@receiver(signals.post_voted, dispatch_uid="gamification.trust.post_voted")
def recheck_trust_level_on_vote(sender, post, added, **kwargs):
    if added:
        _recheck_trust_level(post.author_id)


@receiver(signals.answer_accepted, dispatch_uid="gamification.trust.answer_accepted")
def recheck_trust_level_on_accepted(sender, answer, **kwargs):
    _recheck_trust_level(answer.author_id)


@receiver(signals.visit_day_started, dispatch_uid="gamification.trust.visit_day_started")
def recheck_trust_level_on_visit(sender, member, day, **kwargs):
    from django.utils import timezone

    # The day of signing up adds nothing a level asks for (visit days count from the next).
    if day > timezone.localdate(member.date_joined):
        _recheck_trust_level(member.pk)


@receiver(signals.trust_level_changed, dispatch_uid="gamification.trust.tell_level")
def tell_member_trust_level_changed(sender, member, by, previous, level, **kwargs):
    from gamification.services.trust import notify_trust_level_changed

    notify_trust_level_changed(member=member, previous=previous, level=level, by=by)


@receiver(signals.staff_status_changed, dispatch_uid="gamification.trust.tell_staff")
def tell_member_staff_status_changed(sender, member, by, is_staff, **kwargs):
    from gamification.services.trust import notify_staff_status_changed

    notify_staff_status_changed(member=member, is_staff=is_staff, by=by)
