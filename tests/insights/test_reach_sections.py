"""The reach counters (insights.resonance, insights.selfservice) and their two sections, on a
small hand-built community whose figures are written out below."""

from datetime import date, timedelta

import pytest
from django.core.cache import cache

from community.models import HelpfulVote, MeToo, SolvedToo, ThreadDailyViews
from community.services.posts import hide_post
from insights.calendar import day_bounds
from insights.figures import Link
from insights.models import SearchLog
from insights.resonance import count_thread_views, count_votes, resonance_section
from insights.rollups import Counts, Row, rollup_day
from insights.scope import Scope
from insights.selfservice import (
    count_article_feedback,
    count_article_views,
    count_deflections,
    count_searches,
    selfservice_section,
)
from knowledge.models import ArticleDailyViews, ArticleFeedback, Deflection, SuggestionOpened
from tests.factories import MemberFactory, SpaceFactory, StaffFactory, make_answer, make_thread
from tests.knowledge.article_helpers import make_article, make_section

pytestmark = pytest.mark.django_db

DAY = date(2026, 3, 4)  # a Wednesday, long past
BEFORE = DAY - timedelta(days=1)
AFTER = DAY + timedelta(days=1)


def _at(day: date, *, hours: float = 12):
    """A moment `hours` into `day` of the support team's calendar."""
    return day_bounds(day)[0] + timedelta(hours=hours)


def _dated(row, moment):
    type(row).objects.filter(pk=row.pk).update(created_at=moment)
    return row


def _sorted(rows):
    return sorted(rows, key=lambda row: (row.metric, row.key, row.space_id or 0, row.language))


@pytest.fixture
def community():
    """Two spaces; an English thread with an answer, a German one, a hidden one; views,
    votes, articles, feedback, deflections and searches on DAY and around it."""
    cache.clear()
    billing, network = SpaceFactory(), SpaceFactory()
    invoice = make_thread(space=billing, title="Invoice PDF does not open")
    answer = make_answer(thread=invoice)
    router = make_thread(space=network, title="Router startet ständig neu")
    router.__class__.objects.filter(pk=router.pk).update(language="de")
    router.refresh_from_db()
    hidden = make_thread(space=billing, title="Cheap watches here")
    hide_post(post=hidden.posts.get(is_opening=True), by=StaffFactory(), reason="Spam")

    ThreadDailyViews.objects.bulk_create(
        [
            ThreadDailyViews(thread=invoice, day=DAY, views=7),
            ThreadDailyViews(thread=router, day=DAY, views=3),
            ThreadDailyViews(thread=hidden, day=DAY, views=50),
            ThreadDailyViews(thread=invoice, day=AFTER, views=100),
            ThreadDailyViews(thread=router, day=BEFORE, views=4),
        ]
    )
    voters = [MemberFactory() for _ in range(4)]
    for voter in voters[:2]:
        _dated(HelpfulVote.objects.create(post=answer, member=voter), _at(DAY))
    # A minute before DAY starts: counted on the day before.
    _dated(
        HelpfulVote.objects.create(post=answer, member=voters[2]),
        day_bounds(DAY)[0] - timedelta(minutes=1),
    )
    _dated(MeToo.objects.create(thread=router, member=voters[0]), _at(DAY, hours=23.9))
    _dated(SolvedToo.objects.create(post=answer, member=voters[1]), _at(DAY))

    english = make_article(section=make_section(), title="Open an invoice", publish=True)
    german = make_article(
        section=make_section("netz"), title="Router neu starten", language="de", publish=True
    )
    draft = make_article(section=make_section("drafts"), title="Not yet")
    ArticleDailyViews.objects.bulk_create(
        [
            ArticleDailyViews(article=english, day=DAY, views=5),
            ArticleDailyViews(article=german, day=DAY, views=2),
            ArticleDailyViews(article=draft, day=DAY, views=9),  # read while it was published
        ]
    )
    for number, helpful in enumerate((True, True, False)):
        feedback = ArticleFeedback.objects.create(
            article=english, session_key=f"session-{number}", helpful=helpful
        )
        _dated(feedback, _at(DAY))
    opened = SuggestionOpened.objects.create(article=english, session_key="a")
    _dated(Deflection.objects.create(article=english, opened=opened), _at(DAY))
    opened = SuggestionOpened.objects.create(thread=router, session_key="b")
    _dated(Deflection.objects.create(thread=router, opened=opened), _at(DAY))

    for query, source, language, results, moment in (
        ("zebra", "site", "en", 0, _at(DAY, hours=9)),
        ("zebra", "site", "en", 0, _at(DAY, hours=15)),
        ("router", "site", "en", 3, _at(DAY)),
        ("", "site", "en", 0, _at(DAY)),  # held personal data
        ("rechnung", "kb", "de", 0, _at(DAY)),
        ("old", "site", "en", 0, _at(BEFORE)),
    ):
        SearchLog.objects.create(
            query=query, source=source, language=language, result_count=results, created_at=moment
        )
    return {
        "billing": billing,
        "network": network,
        "invoice": invoice,
        "router": router,
        "english": english,
        "german": german,
    }


# --- counters ------------------------------------------------------------------------------


def test_thread_views_count_per_space_and_language(community):
    billing, network = community["billing"], community["network"]
    rows = count_thread_views(DAY, *day_bounds(DAY))
    assert _sorted(rows) == _sorted(
        [
            Row("thread_views", 7 + 50, billing.pk, "en"),  # the hidden thread was seen too
            Row("thread_views", 3, network.pk, "de"),
        ]
    )


def test_votes_count_on_their_day_in_their_threads_space(community):
    billing, network = community["billing"], community["network"]
    assert _sorted(count_votes(DAY, *day_bounds(DAY))) == _sorted(
        [
            Row("helpful_votes", 2, billing.pk, "en"),
            Row("me_toos", 1, network.pk, "de"),
            Row("solved_toos", 1, billing.pk, "en"),
        ]
    )
    assert count_votes(BEFORE, *day_bounds(BEFORE)) == [Row("helpful_votes", 1, billing.pk, "en")]


def test_article_views_and_feedback_count_per_language(community):
    assert _sorted(count_article_views(DAY, *day_bounds(DAY))) == _sorted(
        [Row("article_views", 5 + 9, language="en"), Row("article_views", 2, language="de")]
    )
    assert _sorted(count_article_feedback(DAY, *day_bounds(DAY))) == _sorted(
        [Row("article_helpful", 2, language="en"), Row("article_not_helpful", 1, language="en")]
    )


def test_deflections_count_in_the_articles_language_or_the_threads_space(community):
    network = community["network"]
    assert _sorted(count_deflections(DAY, *day_bounds(DAY))) == _sorted(
        [Row("deflections", 1, language="en"), Row("deflections", 1, network.pk, "de")]
    )


def test_searches_count_per_source_and_those_that_found_nothing(community):
    assert _sorted(count_searches(DAY, *day_bounds(DAY))) == _sorted(
        [
            Row("searches", 4, language="en", key="site"),
            Row("searches", 1, language="de", key="kb"),
            Row("searches_no_result", 3, language="en", key="site"),
            Row("searches_no_result", 1, language="de", key="kb"),
        ]
    )


def test_a_day_without_anything_counts_nothing(db):
    empty = date(2025, 1, 1)
    bounds = day_bounds(empty)
    for count in (
        count_thread_views,
        count_votes,
        count_article_views,
        count_article_feedback,
        count_deflections,
        count_searches,
    ):
        assert list(count(empty, *bounds)) == []


# --- sections ------------------------------------------------------------------------------


def _rolled_up_counts(scope):
    for day in (BEFORE, DAY, AFTER):
        rollup_day(day)
    return Counts(scope)


def _figures(section) -> dict:
    return {figure.key: (figure.value, figure.previous) for figure in section.figures}


def _listing(section, key):
    listing = next(listing for listing in section.listings if listing.key == key)
    return [[cell.text if isinstance(cell, Link) else cell for cell in row] for row in listing.rows]


def test_resonance_section_figures_chart_and_top_lists(community, django_assert_num_queries):
    scope = Scope(first=DAY, last=DAY)
    counts = _rolled_up_counts(scope)
    with django_assert_num_queries(2):
        section = resonance_section(scope, counts)
    assert _figures(section) == {
        "thread_views": (60, 4),
        "helpful_votes": (2, 1),
        "me_toos": (1, 0),
        "solved_toos": (1, 0),
    }
    views_chart = next(chart for chart in section.charts if chart.key == "thread_views")
    assert views_chart.rows()[1][1:] == [60]
    # Reach: views + 5 × helpful + 3 × me too + 5 × solved too; the hidden thread is left out.
    assert _listing(section, "top_threads") == [
        ["Invoice PDF does not open", 7, 2, 0, 1, 7 + 10 + 5],
        ["Router startet ständig neu", 3, 0, 1, 0, 3 + 3],
    ]
    top = next(listing for listing in section.listings if listing.key == "top_threads")
    assert top.rows[0][0].url == community["invoice"].get_absolute_url()
    assert _listing(section, "top_articles") == [["Open an invoice", 5], ["Router neu starten", 2]]
    assert section.listings[1].rows[0][0].url == community["english"].get_absolute_url()


def test_resonance_top_threads_follow_the_space_and_language_filters(community):
    by_space = Scope(first=DAY, last=DAY, space_id=community["network"].pk)
    section = resonance_section(by_space, _rolled_up_counts(by_space))
    assert [row[0] for row in _listing(section, "top_threads")] == ["Router startet ständig neu"]
    assert _figures(section)["thread_views"] == (3, 4)

    english = Scope(first=DAY, last=DAY, language="en")
    section = resonance_section(english, Counts(english))
    assert [row[0] for row in _listing(section, "top_threads")] == ["Invoice PDF does not open"]
    assert _listing(section, "top_articles") == [["Open an invoice", 5]]


def test_selfservice_section_figures_and_the_searches_that_found_nothing(
    community, django_assert_num_queries
):
    scope = Scope(first=DAY, last=DAY)
    counts = _rolled_up_counts(scope)
    with django_assert_num_queries(1):
        section = selfservice_section(scope, counts)
    figures = _figures(section)
    assert figures["article_views"] == (16, 0)  # an article since unpublished keeps its views
    assert figures["article_helpfulness"] == (pytest.approx(2 / 3), None)  # none before
    assert figures["deflections"] == (2, 0)
    assert figures["searches"] == (5, 1)
    assert figures["searches_no_result"] == (pytest.approx(4 / 5), 1.0)
    worse = next(figure for figure in section.figures if figure.key == "searches_no_result")
    assert worse.higher_is_better is False and worse.verdict == "better"  # 100 % → 80 %
    chart = section.charts[0]
    assert chart.rows() == [
        ["", "Article views", "Deflections", "Searches", "Searches that found nothing"],
        [chart.labels[0], 16, 2, 5, 4],
    ]
    # The personal-data query ("") is counted above and not listed; "zebra" first (twice).
    rows = _listing(section, "unfound_queries")
    assert [row[:2] for row in rows] == [["zebra", 2], ["rechnung", 1]]
    listing = section.listings[0]
    assert listing.rows[0][0].url == "/search/?q=zebra"


def test_selfservice_language_filter_narrows_searches_and_articles(community):
    german = Scope(first=DAY, last=DAY, language="de")
    section = selfservice_section(german, _rolled_up_counts(german))
    figures = _figures(section)
    assert figures["article_views"] == (2, 0)
    assert figures["searches"] == (1, 0)
    assert figures["deflections"] == (1, 0)
    assert figures["article_helpfulness"] == (None, None)
    assert [row[:2] for row in _listing(section, "unfound_queries")] == [["rechnung", 1]]
