"""The "Sentiment" section: the tone of customers' new threads and replies, and the most
negative open threads for follow-up.

Counted on the day a post was written, in its thread's space and language, from the stored
scores (``insights.sentiment_posts``); how a text is scored is ``insights.sentiment``.
"""

from datetime import date, datetime

from django.db.models import Count
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext as _

from community.models import ThreadStatus
from insights.figures import Chart, Dataset, Figure, Link, Listing, Section, register_section
from insights.models import SentimentLabel
from insights.rollups import Row, counter
from insights.sentiment import NEGATIVE_THRESHOLD
from insights.sentiment_posts import counted_sentiments

METRIC = "sentiment"
THREAD, REPLY = "thread", "reply"
LABELS = (SentimentLabel.POSITIVE, SentimentLabel.NEUTRAL, SentimentLabel.NEGATIVE)
FOLLOW_UP_LIMIT = 10


def key_for(part: str, label: str) -> str:
    """The roll-up key: "thread-negative", "reply-positive" …"""
    return f"{part}-{label}"


@counter
def count_sentiment(day: date, start: datetime, end: datetime):
    """Customers' public posts written on `day`, by opening post or reply and by tone."""
    rows = (
        counted_sentiments()
        .filter(post__created_at__gte=start, post__created_at__lt=end)
        .values_list(
            "post__thread__space_id", "post__thread__language", "post__is_opening", "label"
        )
        .annotate(posts=Count("pk"))
        .order_by()
    )
    for space_id, language, is_opening, label, posts in rows:
        key = key_for(THREAD if is_opening else REPLY, label)
        yield Row(METRIC, posts, space_id=space_id, language=language, key=key)


def _share(part: dict, label: str) -> float | None:
    total = sum(part.values())
    return part[label] / total if total else None


def _net(part: dict) -> float | None:
    total = sum(part.values())
    if not total:
        return None
    return (part[SentimentLabel.POSITIVE] - part[SentimentLabel.NEGATIVE]) / total


def _totals(counts, part: str, *, previous: bool = False) -> dict:
    return {
        label: counts.total(METRIC, key_for(part, label), previous=previous) for label in LABELS
    }


def _figures(counts) -> list[Figure]:
    threads, threads_before = _totals(counts, THREAD), _totals(counts, THREAD, previous=True)
    replies, replies_before = _totals(counts, REPLY), _totals(counts, REPLY, previous=True)
    return [
        Figure(
            key="negative_threads",
            label=_("Negative new threads"),
            value=_share(threads, SentimentLabel.NEGATIVE),
            previous=_share(threads_before, SentimentLabel.NEGATIVE),
            unit="percent",
            definition=_(
                "Share of customers' new public threads whose opening post (with its title) "
                "reads as negative by the word list, e.g. “still not working, this is "
                "unacceptable”. Staff posts are not counted."
            ),
            higher_is_better=False,
            headline=True,
        ),
        Figure(
            key="positive_threads",
            label=_("Positive new threads"),
            value=_share(threads, SentimentLabel.POSITIVE),
            previous=_share(threads_before, SentimentLabel.POSITIVE),
            unit="percent",
            definition=_(
                "Share of customers' new public threads whose opening post (with its title) "
                "reads as positive by the word list. Staff posts are not counted."
            ),
            higher_is_better=True,
        ),
        Figure(
            key="reply_tone",
            label=_("Tone of replies"),
            value=_net(replies),
            previous=_net(replies_before),
            unit="percent",
            definition=_(
                "Customers' public replies: the share of positive ones minus the share of "
                "negative ones (from -100 % to +100 %). Staff replies are not counted."
            ),
            higher_is_better=True,
        ),
    ]


def _chart(counts, part: str, key: str, title: str, definition: str) -> Chart:
    names = {
        SentimentLabel.POSITIVE: _("Positive"),
        SentimentLabel.NEUTRAL: _("Neutral"),
        SentimentLabel.NEGATIVE: _("Negative"),
    }
    return Chart(
        key=key,
        title=title,
        kind="stacked",
        labels=counts.labels,
        datasets=[
            Dataset(label=names[label], values=counts.series(METRIC, key_for(part, label)))
            for label in LABELS
        ],
        unit="count",
        definition=definition,
    )


def negative_open_threads(scope, *, limit: int = FOLLOW_UP_LIMIT):
    """The most negative open public threads asked in the scope's period (its space and
    language), worst first, with their spaces: one query."""
    start, end = scope.bounds()
    sentiments = counted_sentiments().filter(
        post__is_opening=True,
        score__lte=NEGATIVE_THRESHOLD,
        post__thread__status=ThreadStatus.OPEN,
        post__thread__is_locked=False,
        post__thread__created_at__gte=start,
        post__thread__created_at__lt=end,
    )
    if scope.space_id is not None:
        sentiments = sentiments.filter(post__thread__space_id=scope.space_id)
    if scope.language:
        sentiments = sentiments.filter(post__thread__language=scope.language)
    return list(
        sentiments.select_related("post__thread__space").order_by(
            "score", "post__thread__created_at", "pk"
        )[:limit]
    )


def _follow_up(scope) -> Listing:
    now = timezone.now()
    rows = []
    for sentiment in negative_open_threads(scope):
        thread = sentiment.post.thread
        rows.append(
            [
                Link(text=thread.title, url=thread.get_absolute_url()),
                thread.space.name,
                timesince(thread.created_at, now, depth=1),
                round(sentiment.score, 2),
            ]
        )
    return Listing(
        key="negative_open_threads",
        title=_("Most negative open threads, for follow-up"),
        columns=[_("Thread"), _("Space"), _("Age"), _("Score")],
        rows=rows,
        definition=_(
            "Open, public threads asked in this period whose opening post scores -0.2 or "
            "lower (from -1, very negative, to +1, very positive), the most negative first."
        ),
        empty=_("No open thread reads as negative."),
    )


@register_section("sentiment", order=40)
def sentiment_section(scope, counts) -> Section:
    return Section(
        key="sentiment",
        title=_("Sentiment"),
        figures=_figures(counts),
        charts=[
            _chart(
                counts,
                THREAD,
                "sentiment_threads",
                _("Tone of new threads"),
                _("Customers' new public threads by the tone of their opening post."),
            ),
            _chart(
                counts,
                REPLY,
                "sentiment_replies",
                _("Tone of replies"),
                _("Customers' public replies by their tone. Staff replies are not counted."),
            ),
        ],
        listings=[_follow_up(scope)],
    )
