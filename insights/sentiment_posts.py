"""Each customer post's tone, stored (``PostSentiment``) so that the dashboard counts rows
instead of reading texts.

Whose posts: customers' posts in questions, discussions and ideas. Staff posts
(``Post.is_official``, fixed when posted) are left out: a manager wants the tone of the
customers, and an agent's friendly answer would lift every figure. Announcements and known
issues are staff's own threads.

Which posts are *counted* is decided when counting (``counted_sentiments``): a post is
hidden, deleted, restored or its thread merged without its text changing, so the score is
kept and visibility is asked at read time; nothing needs scoring again when a moderator acts.

Kept fresh by the receivers (``insights.sentiment_receivers``: a new or edited post is
scored after commit, through the outbox) and by the roll-up's refresher, which also scores
again every post scored by an older word list or moved to another thread since.
"""

from collections.abc import Iterable

from celery import shared_task
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from community.models import Post, ThreadKind
from insights.models import PostSentiment
from insights.rollups import refresher
from insights.sentiment import LEXICON_VERSION, score

SCORED_KINDS = (ThreadKind.QUESTION, ThreadKind.DISCUSSION, ThreadKind.IDEA)
BATCH_SIZE = 500
TASK_NAME = "insights.score_sentiment"


def scored_posts() -> QuerySet[Post]:
    """The posts whose tone is stored: customers' posts in questions, discussions, ideas."""
    return Post.objects.filter(is_official=False, thread__kind__in=SCORED_KINDS)


def is_scored(post: Post, thread) -> bool:
    """Whether `post` (in `thread`) is one of ``scored_posts``, without a query."""
    return not post.is_official and thread.kind in SCORED_KINDS


def counted_sentiments() -> QuerySet[PostSentiment]:
    """Stored scores of posts that count now: the post visible, its thread public (not
    hidden, deleted or merged away, in an active space) and still of a scored kind."""
    return PostSentiment.objects.filter(
        post__hidden_at__isnull=True,
        post__deleted_at__isnull=True,
        post__is_official=False,
        post__thread__kind__in=SCORED_KINDS,
        post__thread__hidden_at__isnull=True,
        post__thread__deleted_at__isnull=True,
        post__thread__merged_into__isnull=True,
        post__thread__space__is_active=True,
    )


def post_text(post: Post) -> str:
    """What is scored: an opening post speaks with its thread's title ("Still broken!!")."""
    return f"{post.thread.title}\n{post.body}" if post.is_opening else post.body


def refresh_post_sentiment(post_ids: Iterable[int]) -> int:
    """Score the posts `post_ids` and store the result (insert or update); a post that is
    no longer scored (gone, or its thread is now an announcement) loses its row. Returns
    how many posts were scored. Idempotent: the outbox may run it twice."""
    scored = 0
    now = timezone.now()
    ordered = sorted(set(post_ids))
    for first in range(0, len(ordered), BATCH_SIZE):
        chunk = ordered[first : first + BATCH_SIZE]
        posts = (
            scored_posts()
            .filter(pk__in=chunk)
            .select_related("thread")
            .only("pk", "body", "is_opening", "thread__title", "thread__language")
        )
        rows = []
        for post in posts:
            result = score(post_text(post), post.thread.language)
            rows.append(
                PostSentiment(
                    post_id=post.pk,
                    thread_id=post.thread_id,
                    is_opening=post.is_opening,
                    language=post.thread.language,
                    score=result.score,
                    label=result.label,
                    lexicon=LEXICON_VERSION,
                    computed_at=now,
                )
            )
        PostSentiment.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["post"],
            update_fields=[
                "thread",
                "is_opening",
                "language",
                "score",
                "label",
                "lexicon",
                "computed_at",
            ],
        )
        kept = {row.post_id for row in rows}
        PostSentiment.objects.filter(post_id__in=set(chunk) - kept).delete()
        scored += len(rows)
    return scored


@refresher
def refresh_sentiment(since) -> int:
    """Before a roll-up: score the posts written or edited since `since`, those scored by
    an older word list, and those whose thread, opening role or language changed (merges,
    splits, a thread's language corrected)."""
    changed = scored_posts().filter(Q(created_at__gte=since) | Q(edited_at__gte=since))
    outdated = PostSentiment.objects.filter(
        ~Q(lexicon=LEXICON_VERSION)
        | ~Q(thread_id=F("post__thread_id"))
        | ~Q(is_opening=F("post__is_opening"))
        | ~Q(language=F("post__thread__language"))
    )
    post_ids = {
        *changed.values_list("pk", flat=True),
        *outdated.values_list("post_id", flat=True),
    }
    return refresh_post_sentiment(post_ids)


@shared_task(name=TASK_NAME)
def score_sentiment(post_ids: list[int]) -> int:
    """Score posts after the commit that created or changed them (sent by the receivers)."""
    return refresh_post_sentiment(post_ids)
