"""What gamification does when something happens in the community.

Receivers do quick, idempotent database work in the sender's transaction, or enqueue a
task through community's outbox to run after commit; never network I/O. One section per
subject; each connects with ``@receiver``.
"""

from django.dispatch import receiver

from community import signals
from community.models import FlagStatus, Post
from gamification.models import ReputationReason
from gamification.services import ledger
from knowledge import signals as knowledge_signals

# --- reputation ---------------------------------------------------------------------------
# Every receiver books or reverses through gamification.services.ledger, which is idempotent:
# a signal sent twice books once. Sources are posts; their space goes with each booking.


def _post_is_shown(post) -> bool:
    """Neither hidden nor deleted, as stored now (the signal's instance may be stale)."""
    return Post.objects.filter(pk=post.pk, hidden_at__isnull=True, deleted_at__isnull=True).exists()


@receiver(signals.post_voted, dispatch_uid="reputation.post_voted")
def book_helpful_vote(sender, post, by, added, **kwargs):
    if by.pk == post.author_id:
        return  # nobody earns from their own vote (permissions forbid it anyway)
    reason = (
        ReputationReason.QUESTION_HELPFUL if post.is_opening else ReputationReason.ANSWER_HELPFUL
    )
    if added:
        ledger.book(
            member=post.author, reason=reason, source=post, actor_key=by.pk,
            space=post.thread.space_id,
        )  # fmt: skip
    else:
        ledger.reverse(member=post.author, reason=reason, source=post, actor_key=by.pk)


def _unbook_solution(*, thread, answer) -> None:
    ledger.reverse(member=answer.author, reason=ReputationReason.ANSWER_ACCEPTED, source=answer)
    ledger.reverse(member=thread.author, reason=ReputationReason.ACCEPTED_AN_ANSWER, source=answer)


@receiver(signals.answer_accepted, dispatch_uid="reputation.answer_accepted")
def book_accepted_answer(sender, thread, answer, by, previous=None, **kwargs):
    # accept_answer replaces a former solution without sending answer_unaccepted for it.
    if previous is not None and previous.pk != answer.pk:
        _unbook_solution(thread=thread, answer=previous)
    if answer.author_id == thread.author_id:
        return  # "I found it myself": nobody earns from accepting their own answer
    ledger.book(
        member=answer.author, reason=ReputationReason.ANSWER_ACCEPTED, source=answer,
        space=thread.space_id,
    )  # fmt: skip
    if by.pk == thread.author_id:  # the asker, not a moderator deciding for them
        ledger.book(
            member=by, reason=ReputationReason.ACCEPTED_AN_ANSWER, source=answer,
            space=thread.space_id,
        )  # fmt: skip


@receiver(signals.answer_unaccepted, dispatch_uid="reputation.answer_unaccepted")
def reverse_accepted_answer(sender, thread, answer, by, **kwargs):
    _unbook_solution(thread=thread, answer=answer)


@receiver(signals.answer_endorsed, dispatch_uid="reputation.answer_endorsed")
def book_endorsement(sender, post, by, endorsed, **kwargs):
    reason = ReputationReason.ANSWER_ENDORSED
    if endorsed:
        ledger.book(member=post.author, reason=reason, source=post, space=post.thread.space_id)
    else:
        ledger.reverse(member=post.author, reason=reason, source=post)


@receiver(signals.solved_too_changed, dispatch_uid="reputation.solved_too_changed")
def book_solved_too(sender, post, by, added, **kwargs):
    reason = ReputationReason.SOLVED_TOO
    if added:
        ledger.book(
            member=post.author, reason=reason, source=post, actor_key=by.pk,
            space=post.thread.space_id,
        )  # fmt: skip
    else:
        ledger.reverse(member=post.author, reason=reason, source=post, actor_key=by.pk)


# An opening post is hidden, deleted and brought back with post_* signals too (thread_*
# come with them), so these cover questions as well; answers in a hidden or deleted thread
# keep their points.
@receiver(signals.post_hidden, dispatch_uid="reputation.post_hidden")
@receiver(signals.post_deleted, dispatch_uid="reputation.post_deleted")
def suspend_post_reputation(sender, post, **kwargs):
    ledger.reverse_all_for_source(post)


@receiver(signals.post_unhidden, dispatch_uid="reputation.post_unhidden")
@receiver(signals.post_restored, dispatch_uid="reputation.post_restored")
def restore_post_reputation(sender, post, **kwargs):
    if _post_is_shown(post):  # unhidden but still deleted, or restored but still hidden
        ledger.rebook_all_for_source(post)


@receiver(signals.flags_resolved, dispatch_uid="reputation.flags_resolved")
def book_agreed_flags(sender, post, by, decision, flags, **kwargs):
    """Each flag a reviewer agreed with earns its reporter FLAG_AGREED (the flag is the
    source: once per flag); a disagreed or ignored one earns nothing."""
    if decision != FlagStatus.AGREED:
        return
    reporters = [flag.reporter for flag in flags if flag.reporter is not None]
    for flag in flags:
        if flag.reporter is not None:
            ledger.book(
                member=flag.reporter, reason=ReputationReason.FLAG_AGREED, source=flag,
                space=post.thread.space_id,
            )  # fmt: skip
    check_badges_later(*reporters)


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


# --- trust levels -------------------------------------------------------------------------
# Re-check a member's level after commit on the events that can raise it; the nightly task
# catches the rest (and regulars' grace). Tell members when their level or staff status
# changed, from any path (services, nominations, the admin).
# (Imports inside the functions keep this section self-contained.)


def _recheck_trust_level(member_id: int) -> None:
    """A task through the outbox, written in the event's own transaction so a crash after
    the commit cannot lose it; one open message per member (ten votes in a minute
    recompute once), like the badge check above."""
    from community.outbox import enqueue, tasks_are_muted

    if tasks_are_muted():  # bulk imports (the demo data) recompute afterwards
        return
    key = f"trust-level:{member_id}"
    enqueue(
        "gamification.recompute_trust_level",
        {"member_id": member_id},
        dedupe_key=key,
        batch_key=key,
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


# --- knowledge ----------------------------------------------------------------------------
# An article published from the community's answers: each credited contributor earns
# ARTICLE_PUBLISHED once per article (the article is the source; the ledger's identity
# makes a replayed signal book nothing), and their badges are checked.


@receiver(knowledge_signals.article_published, dispatch_uid="reputation.article_published")
def book_article_contributors(sender, article, by, contributors, **kwargs):
    space_id = article.source_thread.space_id if article.source_thread_id else None
    for member in contributors:
        ledger.book(
            member=member, reason=ReputationReason.ARTICLE_PUBLISHED, source=article,
            space=space_id,
        )  # fmt: skip
    check_badges_later(article.author, *contributors)
