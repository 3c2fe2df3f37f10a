"""A new or edited customer post is scored after commit: the receivers enqueue
``insights.score_sentiment`` through community's outbox in the sender's transaction, so
the work exists exactly when the post does, and a slow scorer never delays the member.

Staff posts and announcements are not scored (``insights.sentiment_posts``), so nothing is
enqueued for them. Hiding, deleting or merging changes no text: visibility is decided when
counting, and the roll-up's refresher catches posts that moved to another thread.
"""

from django.dispatch import receiver

from community import signals
from community.models import Post
from community.outbox import enqueue
from insights.sentiment_posts import SCORED_KINDS, TASK_NAME, is_scored, scored_posts


def score_later(post: Post, thread) -> None:
    """Enqueue scoring `post` (once per post and transaction, however often it changes)."""
    if not is_scored(post, thread):
        return
    enqueue(TASK_NAME, {"post_ids": [post.pk]}, batch_key=f"{TASK_NAME}:{post.pk}")


@receiver(signals.thread_asked, dispatch_uid="insights.sentiment.thread_asked")
def score_opening_post(sender, thread, opening_post, **kwargs):
    score_later(opening_post, thread)


@receiver(signals.answer_posted, dispatch_uid="insights.sentiment.answer_posted")
def score_answer(sender, post, thread, **kwargs):
    score_later(post, thread)


@receiver(signals.post_edited, dispatch_uid="insights.sentiment.post_edited")
def score_edited_post(sender, post, **kwargs):
    score_later(post, post.thread)


@receiver(signals.thread_retitled, dispatch_uid="insights.sentiment.thread_retitled")
def score_retitled_thread(sender, thread, **kwargs):
    """The title is part of the opening post's text (a moderator calming "HELP!!!")."""
    opening = Post.objects.filter(thread=thread, is_opening=True).only("pk", "is_official").first()
    if opening is not None:
        score_later(opening, thread)


@receiver(signals.thread_kind_changed, dispatch_uid="insights.sentiment.thread_kind_changed")
def score_thread_of_a_scored_kind(sender, thread, from_kind, to_kind, **kwargs):
    """A staff notice made a question: its customers' posts were never scored. (The other
    way, counting leaves them out by the thread's kind; their rows do no harm.)"""
    if from_kind in SCORED_KINDS or to_kind not in SCORED_KINDS:
        return
    post_ids = list(scored_posts().filter(thread=thread).values_list("pk", flat=True))
    if post_ids:
        enqueue(TASK_NAME, {"post_ids": post_ids}, batch_key=f"{TASK_NAME}:thread:{thread.pk}")
