"""Triggers that escalate at once instead of at the next sweep: a post flagged for personal
data, and "me too"s reaching the threshold (a likely outage). The receivers only enqueue a
check through the outbox; the worker runs ``routing.escalate_if_triggered`` after commit, so
the flag or the vote is stored whatever the check does. Connected in CommunityConfig.ready."""

from django.dispatch import receiver

from community import signals
from community.models import FlagReason, SupportSettings, ThreadKind
from community.outbox import enqueue

TASK = "community.escalate_if_triggered"


def _check_soon(thread_id: int) -> None:
    enqueue(TASK, {"thread_id": thread_id}, dedupe_key=f"escalate-if-triggered:{thread_id}")


@receiver(signals.post_flagged, dispatch_uid="escalation.post_flagged")
def escalate_personal_data(sender, post, flag, by=None, **kwargs):
    if flag.reason == FlagReason.PERSONAL_DATA:
        _check_soon(post.thread_id)


@receiver(signals.me_too_changed, dispatch_uid="escalation.me_too_changed")
def escalate_likely_outage(sender, thread, by, added, **kwargs):
    if not added or thread.kind != ThreadKind.QUESTION:
        return  # an idea's "I want this too" is a wish, not an outage
    threshold = SupportSettings.objects.current().me_too_threshold
    # The total is an upper bound of the window's count: below it, nothing to check.
    if threshold and thread.me_too_count >= threshold:
        _check_soon(thread.pk)
