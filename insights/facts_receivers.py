"""Keep each question's fact fresh: every change that can move its first response, its
solution, its escalation, its space or its visibility enqueues the recomputation through
community's durable outbox, to run after commit (``insights.refresh_question_fact``).

The task recomputes the whole fact from the stored rows, so it does not matter which
change asked for it or how often. One message per thread and transaction (``batch_key``):
hiding an accepted answer sends three signals, and one recomputation sees all of them.
The nightly refresher (``insights.facts.refresh_recent_question_facts``) puts right any
fact a lost message left behind.
"""

from django.dispatch import receiver

from community import signals
from community.outbox import enqueue

TASK = "insights.refresh_question_fact"


def refresh_fact_later(thread_id: int, *, reopened: bool = False) -> None:
    """Enqueue the recomputation of `thread_id`'s fact after commit. `reopened`: its
    solution was just taken away, which nothing but this message remembers for an asker
    who un-accepts their own solution (a message of its own, so a plain one already
    written in this transaction does not swallow it)."""
    kwargs = {"thread_id": thread_id}
    key = f"{TASK}:{thread_id}"
    if reopened:
        kwargs["reopened"] = True
        key += ":reopened"
    enqueue(TASK, kwargs, batch_key=key)


# --- threads ----------------------------------------------------------------------------


@receiver(signals.thread_asked, dispatch_uid="insights.facts.thread_asked")
@receiver(signals.thread_moved, dispatch_uid="insights.facts.thread_moved")
@receiver(signals.thread_kind_changed, dispatch_uid="insights.facts.thread_kind_changed")
@receiver(signals.thread_hidden, dispatch_uid="insights.facts.thread_hidden")
@receiver(signals.thread_unhidden, dispatch_uid="insights.facts.thread_unhidden")
@receiver(signals.thread_deleted, dispatch_uid="insights.facts.thread_deleted")
@receiver(signals.thread_restored, dispatch_uid="insights.facts.thread_restored")
@receiver(signals.answer_accepted, dispatch_uid="insights.facts.answer_accepted")
def refresh_on_thread_change(sender, thread, **kwargs):
    refresh_fact_later(thread.pk)


@receiver(signals.answer_unaccepted, dispatch_uid="insights.facts.answer_unaccepted")
def refresh_on_reopened(sender, thread, **kwargs):
    refresh_fact_later(thread.pk, reopened=True)


@receiver(signals.threads_merged, dispatch_uid="insights.facts.threads_merged")
def refresh_on_merge(sender, duplicate, into, **kwargs):
    """The duplicate leaves the figures; its answers may answer `into` first now."""
    refresh_fact_later(duplicate.pk)
    refresh_fact_later(into.pk)


@receiver(signals.thread_split, dispatch_uid="insights.facts.thread_split")
def refresh_on_split(sender, thread, new_thread, **kwargs):
    """The answers that moved out may have been the first response."""
    refresh_fact_later(thread.pk)
    refresh_fact_later(new_thread.pk)


# --- posts ------------------------------------------------------------------------------


@receiver(signals.answer_posted, dispatch_uid="insights.facts.answer_posted")
@receiver(signals.post_hidden, dispatch_uid="insights.facts.post_hidden")
@receiver(signals.post_unhidden, dispatch_uid="insights.facts.post_unhidden")
@receiver(signals.post_deleted, dispatch_uid="insights.facts.post_deleted")
@receiver(signals.post_restored, dispatch_uid="insights.facts.post_restored")
def refresh_on_post_change(sender, post, **kwargs):
    refresh_fact_later(post.thread_id)


# --- escalation -------------------------------------------------------------------------


@receiver(signals.thread_escalated, dispatch_uid="insights.facts.thread_escalated")
def refresh_on_escalation(sender, escalation, created, **kwargs):
    """Only a new escalation can move the first one (another reason changes nothing)."""
    if created:
        refresh_fact_later(escalation.thread_id)
