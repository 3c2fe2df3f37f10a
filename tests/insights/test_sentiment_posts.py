"""Posts' stored tone: who is scored, when (receivers with the real services, the roll-up's
refresher), how it is counted per day, and the Sentiment section built from it."""

from datetime import date, datetime, time, timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from community.models import OutboxMessage, Post, Thread, ThreadKind, ThreadStatus
from community.services.posts import ask_question, edit_post, hide_post, post_answer
from community.services.staff import change_thread_kind, retitle_thread
from insights.calendar import day_bounds, site_zone, today
from insights.models import PostSentiment, SentimentLabel
from insights.rollups import Counts, Row, rollup_day
from insights.scope import Scope
from insights.sentiment_posts import (
    TASK_NAME,
    refresh_post_sentiment,
    refresh_sentiment,
)
from insights.sentiment_section import count_sentiment, negative_open_threads, sentiment_section
from tests.factories import MemberFactory, SpaceFactory, make_answer, make_thread

pytestmark = pytest.mark.django_db

ANGRY_TITLE = "Still not working, this is unacceptable"
ANGRY = "I am really frustrated, the export fails again and again."
HAPPY = "Thanks, that fixed it! Works great now."
PLAIN = "Where do I find the export settings?"


def at(day: date, hour: int = 12) -> datetime:
    """Noon (or `hour`) of `day` in the support team's calendar."""
    return datetime.combine(day, time(hour), tzinfo=site_zone())


def written_on(obj, day: date, hour: int = 12):
    """Move a post's (or a thread's) creation to `day`, as if it were written then."""
    type(obj).objects.filter(pk=obj.pk).update(created_at=at(day, hour))
    return obj


def thread_with(body: str, *, title: str = "About the export", **kwargs) -> Thread:
    return make_thread(title=title, body=body, **kwargs)


def opening(thread: Thread) -> Post:
    return Post.objects.get(thread=thread, is_opening=True)


def scored_everything() -> None:
    refresh_post_sentiment(Post.objects.values_list("pk", flat=True))


def labels() -> dict[int, str]:
    return dict(PostSentiment.objects.values_list("post_id", "label"))


# --- scoring posts -----------------------------------------------------------------------


def test_customers_posts_are_scored_and_staff_posts_are_not(staff):
    thread = thread_with(ANGRY)
    Thread.objects.filter(pk=thread.pk).update(language="en")
    reply = make_answer(thread=thread, body=HAPPY)
    official = make_answer(thread=thread, author=staff, body=HAPPY)

    assert refresh_post_sentiment([opening(thread).pk, reply.pk, official.pk]) == 2

    stored = {row.post_id: row for row in PostSentiment.objects.all()}
    assert set(stored) == {opening(thread).pk, reply.pk}
    first = stored[opening(thread).pk]
    assert (first.thread_id, first.is_opening, first.language) == (thread.pk, True, "en")
    assert first.label == SentimentLabel.NEGATIVE and first.score <= -0.2
    assert first.lexicon == "1"
    assert stored[reply.pk].label == SentimentLabel.POSITIVE
    assert stored[reply.pk].is_opening is False


def test_an_opening_post_speaks_with_its_title():
    thread = thread_with(PLAIN, title=ANGRY_TITLE)
    reply = make_answer(thread=thread, body=PLAIN)
    scored_everything()
    assert labels() == {opening(thread).pk: "negative", reply.pk: "neutral"}


def test_scoring_again_updates_in_place_and_drops_posts_no_longer_scored(staff):
    thread = thread_with(ANGRY)
    post = opening(thread)
    refresh_post_sentiment([post.pk])
    Post.objects.filter(pk=post.pk).update(body=HAPPY)
    Thread.objects.filter(pk=thread.pk).update(title="Export")
    refresh_post_sentiment([post.pk, post.pk])
    assert labels() == {post.pk: "positive"}

    change_thread_kind(thread=thread, by=staff, kind=ThreadKind.ANNOUNCEMENT)
    assert refresh_post_sentiment([post.pk]) == 0
    assert not PostSentiment.objects.exists()


def test_questions_discussions_and_ideas_are_scored():
    for kind in (ThreadKind.QUESTION, ThreadKind.DISCUSSION, ThreadKind.IDEA):
        thread_with(ANGRY, kind=kind)
    # A customer's text in an announcement (a thread made one later) is not scored either.
    thread_with(ANGRY, kind=ThreadKind.ANNOUNCEMENT, author=MemberFactory())
    scored_everything()
    assert sorted(PostSentiment.objects.values_list("post__thread__kind", flat=True)) == [
        "discussion",
        "idea",
        "question",
    ]


# --- receivers, with the real services ----------------------------------------------------
# Each service runs as in a request: its transaction commits, the outbox hands the message
# to Celery (eager in the tests), and the task scores the post.


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a service and what its commit sets off."""

    def run(service, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return service(**kwargs)

    return run


def scoring_messages() -> list[list[int]]:
    return [
        message.kwargs["post_ids"]
        for message in OutboxMessage.objects.filter(task_name=TASK_NAME).order_by("pk")
    ]


def test_asking_a_question_scores_its_opening_post(committed, member):
    thread = committed(
        ask_question,
        author=member,
        space=SpaceFactory(),
        title="Export to Excel settings",
        body=ANGRY,
    )
    assert scoring_messages() == [[opening(thread).pk]]
    assert labels() == {opening(thread).pk: "negative"}


def test_an_answer_is_scored_and_a_staff_answer_is_not_even_enqueued(committed, staff):
    thread = thread_with(PLAIN)
    OutboxMessage.objects.all().delete()
    reply = committed(post_answer, thread=thread, author=MemberFactory(), body=HAPPY)
    committed(post_answer, thread=thread, author=staff, body=HAPPY)
    assert scoring_messages() == [[reply.pk]]
    assert labels() == {reply.pk: "positive"}


def test_an_edit_scores_the_post_again(committed):
    thread = thread_with(PLAIN)
    reply = committed(post_answer, thread=thread, author=MemberFactory(), body=PLAIN)
    assert labels()[reply.pk] == "neutral"

    committed(edit_post, post=reply, by=reply.author, body=ANGRY)
    assert scoring_messages()[-1] == [reply.pk]
    assert labels()[reply.pk] == "negative"


def test_a_new_title_scores_the_opening_post_again(committed):
    thread = committed(
        ask_question,
        author=MemberFactory(),
        space=SpaceFactory(),
        title="Export to Excel settings",
        body=PLAIN,
    )
    assert labels() == {opening(thread).pk: "neutral"}
    committed(retitle_thread, thread=thread, by=MemberFactory(), title=ANGRY_TITLE, tags=[])
    assert labels() == {opening(thread).pk: "negative"}


# --- the refresher --------------------------------------------------------------------------


def test_the_refresher_scores_what_changed_since_and_what_an_old_word_list_scored():
    current = today()
    old = thread_with(ANGRY)
    written_on(opening(old), current - timedelta(days=10))
    stale = thread_with(HAPPY)
    written_on(opening(stale), current - timedelta(days=10))
    refresh_post_sentiment([opening(stale).pk])
    PostSentiment.objects.update(lexicon="0", label="negative")
    new = thread_with(PLAIN)

    since = day_bounds(current - timedelta(days=1))[0]
    assert refresh_sentiment(since) == 2
    assert labels() == {opening(stale).pk: "positive", opening(new).pk: "neutral"}


def test_the_refresher_follows_a_post_to_its_new_thread():
    first, second = thread_with(PLAIN), thread_with(PLAIN)
    reply = make_answer(thread=first, body=HAPPY)
    scored_everything()
    Post.objects.filter(pk=reply.pk).update(thread=second)  # as a merge moves answers
    refresh_sentiment(timezone.now() + timedelta(days=1))
    assert PostSentiment.objects.get(post=reply).thread_id == second.pk


# --- counting -----------------------------------------------------------------------------


def test_posts_are_counted_on_the_day_they_were_written_by_space_language_and_tone(staff):
    day = today() - timedelta(days=3)
    space = SpaceFactory()
    angry = thread_with(ANGRY, space=space)
    Thread.objects.filter(pk=angry.pk).update(language="en")
    happy_reply = written_on(make_answer(thread=angry, body=HAPPY), day, hour=23)
    plain = thread_with(PLAIN, space=space)
    Thread.objects.filter(pk=plain.pk).update(language="de")
    written_on(opening(angry), day, hour=0)
    written_on(opening(plain), day)
    # Not counted: a staff reply, a hidden reply, the day before, the day after.
    written_on(make_answer(thread=plain, author=staff, body=ANGRY), day)
    hidden = written_on(make_answer(thread=plain, body=ANGRY), day)
    hide_post(post=hidden, by=staff, reason="spam")
    written_on(make_answer(thread=plain, body=ANGRY), day - timedelta(days=1), hour=23)
    written_on(make_answer(thread=plain, body=ANGRY), day + timedelta(days=1), hour=0)
    scored_everything()

    start, end = day_bounds(day)
    rows = sorted(count_sentiment(day, start, end), key=lambda row: row.key)
    assert rows == [
        Row("sentiment", 1, space_id=space.pk, language="en", key="reply-positive"),
        Row("sentiment", 1, space_id=space.pk, language="en", key="thread-negative"),
        Row("sentiment", 1, space_id=space.pk, language="de", key="thread-neutral"),
    ]
    assert happy_reply.pk in labels()


def test_a_hidden_thread_is_not_counted(staff):
    day = today() - timedelta(days=2)
    thread = thread_with(ANGRY)
    written_on(opening(thread), day)
    scored_everything()
    hide_post(post=opening(thread), by=staff, reason="spam")
    assert list(count_sentiment(day, *day_bounds(day))) == []


# --- the section --------------------------------------------------------------------------


@pytest.fixture
def week():
    """Two weeks of posts ending yesterday, rolled up: this week has four new threads (one
    negative, two positive, one neutral) and three replies (two positive, one negative);
    the week before one negative thread."""
    cache.clear()
    last = today() - timedelta(days=1)
    first = last - timedelta(days=6)
    texts = [ANGRY, HAPPY, HAPPY, PLAIN]
    threads = [
        written_on(thread_with(text), first + timedelta(days=i)) for i, text in enumerate(texts)
    ]
    for thread, day in zip(
        threads,
        (first, first + timedelta(days=1), first + timedelta(days=2), first + timedelta(days=3)),
        strict=True,
    ):
        written_on(opening(thread), day)
    for text in (HAPPY, HAPPY, ANGRY):
        written_on(make_answer(thread=threads[3], body=text), last)
    before = thread_with(ANGRY)
    written_on(before, first - timedelta(days=3))
    written_on(opening(before), first - timedelta(days=3))
    scored_everything()
    day = first - timedelta(days=7)
    while day <= last:
        rollup_day(day)
        day += timedelta(days=1)
    yield Scope(first=first, last=last)
    cache.clear()


def test_the_section_shares_and_charts(week):
    section = sentiment_section(week, Counts(week))
    figures = {figure.key: figure for figure in section.figures}
    assert figures["negative_threads"].value == pytest.approx(1 / 4)
    assert figures["negative_threads"].previous == pytest.approx(1.0)
    assert figures["negative_threads"].verdict == "better"
    assert figures["negative_threads"].headline is True
    assert figures["positive_threads"].value == pytest.approx(2 / 4)
    assert figures["positive_threads"].previous == pytest.approx(0.0)
    assert figures["reply_tone"].value == pytest.approx((2 - 1) / 3)
    assert figures["reply_tone"].previous is None  # no replies the week before

    threads, replies = section.charts
    assert threads.kind == replies.kind == "stacked"
    assert [dataset.values for dataset in threads.datasets] == [
        [0, 1, 1, 0, 0, 0, 0],  # positive
        [0, 0, 0, 1, 0, 0, 0],  # neutral
        [1, 0, 0, 0, 0, 0, 0],  # negative
    ]
    assert [dataset.values[-1] for dataset in replies.datasets] == [2, 0, 1]


def test_an_empty_period_has_no_shares():
    cache.clear()
    scope = Scope(first=date(2020, 1, 6), last=date(2020, 1, 12))
    figures = sentiment_section(scope, Counts(scope)).figures
    assert [figure.value for figure in figures] == [None, None, None]
    assert sentiment_section(scope, Counts(scope)).listings[0].rows == []


def test_the_most_negative_open_threads_for_follow_up(django_assert_num_queries, staff):
    last = today()
    scope = Scope(first=last - timedelta(days=6), last=last)
    space = SpaceFactory()
    worst = thread_with(ANGRY + " Terrible, awful, useless!!!", title=ANGRY_TITLE, space=space)
    bad = thread_with(ANGRY, space=space)
    thread_with(HAPPY, space=space)  # positive
    solved = thread_with(ANGRY, space=space)
    solution = make_answer(thread=solved, body=PLAIN)
    Thread.objects.filter(pk=solved.pk).update(
        status=ThreadStatus.SOLVED, solution=solution, solved_at=timezone.now()
    )
    hidden = thread_with(ANGRY, space=space)
    hide_post(post=opening(hidden), by=staff, reason="spam")
    long_ago = thread_with(ANGRY, space=space)
    written_on(long_ago, last - timedelta(days=30))
    elsewhere = thread_with(ANGRY)
    make_answer(thread=bad, body=ANGRY + " Terrible, awful, useless!!!")  # replies don't count
    scored_everything()

    with django_assert_num_queries(1):
        found = negative_open_threads(scope)
        names = [(s.post.thread.title, s.post.thread.space.name) for s in found]
    assert [s.post.thread_id for s in found] == [worst.pk, bad.pk, elsewhere.pk]
    assert names[0] == (ANGRY_TITLE, space.name)

    in_space = negative_open_threads(Scope(first=scope.first, last=last, space_id=space.pk))
    assert [s.post.thread_id for s in in_space] == [worst.pk, bad.pk]

    listing = sentiment_section(scope, Counts(scope)).listings[0]
    link, space_name, age, value = listing.rows[0]
    assert (link.text, link.url) == (ANGRY_TITLE, worst.get_absolute_url())
    assert space_name == space.name
    assert age == "0\xa0minutes"
    assert value == round(PostSentiment.objects.get(post__thread=worst).score, 2) <= -0.2


def test_a_notice_made_a_question_has_its_customers_posts_scored(committed, staff):
    thread = committed(
        ask_question,
        author=staff,
        space=SpaceFactory(),
        title="Maintenance on Sunday night",
        body="The portal is down from 2 to 4.",
        kind=ThreadKind.ANNOUNCEMENT,
    )
    reply = committed(post_answer, thread=thread, author=MemberFactory(), body=ANGRY)
    assert labels() == {}
    committed(change_thread_kind, thread=thread, by=staff, kind=ThreadKind.QUESTION)
    assert labels() == {reply.pk: "negative"}
