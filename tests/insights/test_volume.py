"""Volume: the daily counters (public threads and posts, the support team's days and hours)
and the section built from their roll-ups.

The support team works in Europe/Berlin (the default), UTC+1 in March 2026: 23:30 UTC on
Monday 2 March is 00:30 on Tuesday 3 March there.
"""

from collections import defaultdict
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.utils import translation

from community.models import Post, ThreadKind
from community.services.posts import delete_post, hide_post
from community.services.staff import merge_threads
from insights.calendar import day_bounds
from insights.rollups import Counts, rollup_day
from insights.scope import Scope
from insights.volume import (
    count_answers,
    count_members,
    count_questions_by_tag,
    count_threads,
    volume_section,
)
from tests.factories import (
    MemberFactory,
    SpaceFactory,
    StaffFactory,
    TagFactory,
    make_answer,
    make_thread,
)

pytestmark = pytest.mark.django_db

MONDAY = date(2026, 3, 2)
TUESDAY = date(2026, 3, 3)


def at(moment: datetime):
    """Freeze the clock at `moment` (UTC) while something is created."""
    return time_machine.travel(moment, tick=False)


def utc(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=UTC)


def thread_at(moment, *, language="en", **fields):
    with at(moment):
        thread = make_thread(**fields)
    thread.language = language
    thread.save(update_fields=["language"])
    return thread


def answer_at(moment, thread, **fields):
    with at(moment):
        return make_answer(thread=thread, **fields)


def counted(count, day) -> dict:
    """A counter's rows for `day` as {(metric, key, space id, language): value}."""
    totals = defaultdict(float)
    for row in count(day, *day_bounds(day)):
        totals[(row.metric, row.key, row.space_id, row.language)] += row.value
    return dict(totals)


@pytest.fixture
def moderator():
    return StaffFactory()


def test_count_threads_counts_public_threads_on_the_local_day_with_their_hour(moderator):
    english, german = SpaceFactory(), SpaceFactory()
    thread_at(utc(3, 9), space=english)  # Tuesday 10:00 in Berlin
    thread_at(utc(2, 23, 30), space=german, language="de")  # Tuesday 00:30 in Berlin
    thread_at(utc(2, 22, 30), space=english)  # Monday 23:30 in Berlin
    thread_at(utc(3, 10), space=english, kind=ThreadKind.IDEA)
    thread_at(utc(3, 11), space=german, kind=ThreadKind.DISCUSSION, language="de")
    thread_at(utc(3, 12), space=english, kind=ThreadKind.ANNOUNCEMENT)  # a notice, not volume
    hidden = thread_at(utc(3, 13), space=english)
    hide_post(post=Post.objects.get(thread=hidden, is_opening=True), by=moderator, reason="Spam")
    deleted = thread_at(utc(3, 14), space=english)
    delete_post(post=Post.objects.get(thread=deleted, is_opening=True), by=moderator, reason="spam")
    duplicate = thread_at(utc(3, 15), space=english)
    original = thread_at(utc(1, 15), space=english)
    merge_threads(duplicate=duplicate, into=original, by=moderator, reason="Same question")

    assert counted(count_threads, TUESDAY) == {
        ("questions", "", english.pk, "en"): 1,
        ("questions_by_hour", "2-10", english.pk, "en"): 1,
        ("questions", "", german.pk, "de"): 1,
        ("questions_by_hour", "2-0", german.pk, "de"): 1,
        ("ideas", "", english.pk, "en"): 1,
        ("discussions", "", german.pk, "de"): 1,
    }
    assert counted(count_threads, MONDAY) == {
        ("questions", "", english.pk, "en"): 1,
        ("questions_by_hour", "1-23", english.pk, "en"): 1,
    }


def test_count_threads_splits_questions_by_the_hour_they_were_asked():
    space = SpaceFactory()
    thread_at(utc(3, 9, 5), space=space)
    thread_at(utc(3, 9, 55), space=space)
    thread_at(utc(3, 10, 0), space=space)

    assert counted(count_threads, TUESDAY) == {
        ("questions", "", space.pk, "en"): 3,
        ("questions_by_hour", "2-10", space.pk, "en"): 2,
        ("questions_by_hour", "2-11", space.pk, "en"): 1,
    }


def test_count_answers_counts_public_replies_in_every_kind_of_public_thread(moderator):
    space = SpaceFactory()
    question = thread_at(utc(1, 12), space=space, language="de")
    idea = thread_at(utc(1, 12), space=space, kind=ThreadKind.IDEA)
    answer_at(utc(3, 8), question)
    answer_at(utc(2, 23, 30), question)  # Tuesday in Berlin
    answer_at(utc(2, 22, 30), question)  # Monday in Berlin
    answer_at(utc(3, 9), idea)
    hidden = answer_at(utc(3, 10), idea)
    hide_post(post=hidden, by=moderator, reason="Rude")
    hidden_thread = thread_at(utc(1, 12), space=space)
    answer_at(utc(3, 11), hidden_thread)
    hide_post(
        post=Post.objects.get(thread=hidden_thread, is_opening=True), by=moderator, reason="Spam"
    )
    thread_at(utc(3, 12), space=space)  # an opening post is not an answer

    assert counted(count_answers, TUESDAY) == {
        ("answers", "", space.pk, "de"): 2,
        ("answers", "", space.pk, "en"): 1,
    }
    assert counted(count_answers, MONDAY) == {("answers", "", space.pk, "de"): 1}


def test_count_members_counts_sign_ups_site_wide_by_their_language():
    with at(utc(3, 8)):
        MemberFactory(locale="de")
        MemberFactory(locale="en")
    with at(utc(2, 23, 30)):  # Tuesday in Berlin
        MemberFactory(locale="de")
    with at(utc(2, 22, 30)):  # Monday in Berlin
        MemberFactory(locale="en")

    assert counted(count_members, TUESDAY) == {
        ("members", "", None, "de"): 2,
        ("members", "", None, "en"): 1,
    }
    assert counted(count_members, MONDAY) == {("members", "", None, "en"): 1}


def test_count_questions_by_tag_counts_each_tag_of_a_public_question(moderator):
    space = SpaceFactory()
    invoice, login = TagFactory(slug="invoice"), TagFactory(slug="login")
    thread_at(utc(3, 8), space=space, tags=[invoice, login])
    thread_at(utc(3, 9), space=space, tags=[invoice], language="de")
    thread_at(utc(3, 10), space=space)  # no tag
    thread_at(utc(3, 10), space=space, tags=[login], kind=ThreadKind.DISCUSSION)
    thread_at(utc(2, 22, 30), space=space, tags=[login])  # Monday in Berlin
    hidden = thread_at(utc(3, 11), space=space, tags=[invoice])
    hide_post(post=Post.objects.get(thread=hidden, is_opening=True), by=moderator, reason="Spam")

    assert counted(count_questions_by_tag, TUESDAY) == {
        ("questions_by_tag", "invoice", space.pk, "en"): 1,
        ("questions_by_tag", "invoice", space.pk, "de"): 1,
        ("questions_by_tag", "login", space.pk, "en"): 1,
    }


# --- the section ------------------------------------------------------------------------


@pytest.fixture
def march(moderator):
    """Two weeks of activity: the week of 9 March (the period) and the week before."""
    # Everyone joined today, long after March: only the one sign-up below counts.
    asker, helper = MemberFactory(), MemberFactory()
    billing = SpaceFactory(name_en="Billing", name_de="Rechnungen", position=2)
    account = SpaceFactory(name_en="Account", name_de="Konto", position=1)
    tags = [
        TagFactory(name=f"topic {number:02d}", slug=f"topic-{number:02d}") for number in range(12)
    ]
    # The week before: two questions, one answer, one idea.
    thread_at(utc(3, 9), author=asker, space=billing, tags=[tags[0]])
    answer_at(utc(3, 10), thread_at(utc(4, 9), author=asker, space=account), author=helper)
    thread_at(utc(4, 10), author=asker, space=account, kind=ThreadKind.IDEA)
    # The period: Monday 9 March 08:30 and 08:45 Berlin, Tuesday 10 March 00:30 Berlin,
    # Sunday 15 March 23:10 Berlin; questions carry tags 0..11, some several.
    first = thread_at(utc(9, 7, 30), author=asker, space=billing, tags=tags[:12])
    thread_at(utc(9, 7, 45), author=asker, space=billing, tags=tags[:3], language="de")
    second = thread_at(utc(9, 23, 30), author=asker, space=account, tags=tags[:2])
    thread_at(utc(15, 22, 10), author=asker, space=billing, tags=[tags[0]])
    answer_at(utc(10, 8), first, author=helper)
    answer_at(utc(11, 8), first, author=helper)
    answer_at(utc(12, 8), second, author=helper)
    hidden = thread_at(utc(12, 8), author=asker, space=account, tags=[tags[11]])
    hide_post(post=Post.objects.get(thread=hidden, is_opening=True), by=moderator, reason="Spam")
    with at(utc(10, 12)):
        MemberFactory(locale="de")
    day = date(2026, 3, 1)
    while day <= date(2026, 3, 16):
        rollup_day(day)
        day += timedelta(days=1)
    return {"billing": billing, "account": account, "tags": tags}


def section(scope):
    return volume_section(scope, Counts(scope))


def test_volume_section_figures_compare_with_the_previous_period(march):
    figures = {
        figure.key: figure for figure in section(Scope(date(2026, 3, 9), date(2026, 3, 15))).figures
    }

    assert (figures["questions"].value, figures["questions"].previous) == (4, 2)
    assert (figures["answers"].value, figures["answers"].previous) == (3, 1)
    assert (figures["members"].value, figures["members"].previous) == (1, 0)
    assert (figures["ideas"].value, figures["ideas"].previous) == (0, 1)
    assert [key for key, figure in figures.items() if figure.headline] == ["questions", "answers"]
    assert all(figure.higher_is_better is None for figure in figures.values())


def test_volume_section_filters_by_space_and_language(march):
    scope = Scope(date(2026, 3, 9), date(2026, 3, 15), space_id=march["billing"].pk)
    figures = {figure.key: figure for figure in section(scope).figures}
    assert (figures["questions"].value, figures["answers"].value) == (3, 2)
    assert figures["members"].value == 1  # site-wide

    german = Scope(date(2026, 3, 9), date(2026, 3, 15), language="de")
    figures = {figure.key: figure for figure in section(german).figures}
    assert (figures["questions"].value, figures["members"].value) == (1, 1)


def test_volume_section_charts(march):
    scope = Scope(date(2026, 3, 9), date(2026, 3, 15), grouping="day")
    with translation.override("de"):
        charts = {chart.key: chart for chart in section(scope).charts}

    activity = charts["volume"]
    assert len(activity.labels) == 7
    assert [dataset.values for dataset in activity.datasets] == [
        [2, 1, 0, 0, 0, 0, 1],  # questions: Monday 2, Tuesday 1 (00:30 Berlin), Sunday 1
        [0, 1, 1, 1, 0, 0, 0],  # answers
        [0] * 7,  # ideas
        [0, 1, 0, 0, 0, 0, 0],  # members
    ]

    by_space = charts["questions_by_space"]
    assert by_space.title == "Fragen nach Bereich"
    assert by_space.labels == ["Rechnungen", "Konto"]
    assert by_space.datasets[0].values == [3, 1]

    tags = charts["questions_by_tag"]
    # topic 00: 4 questions, 01: 3, 02: 2, then 03..11 once each; the hidden one not counted.
    assert tags.labels == [f"topic {number:02d}" for number in range(10)]
    assert tags.datasets[0].values == [4, 3, 2, 1, 1, 1, 1, 1, 1, 1]


def test_volume_section_heatmap_has_a_row_per_weekday_and_a_column_per_hour(march):
    scope = Scope(date(2026, 3, 9), date(2026, 3, 15))
    with translation.override("de"):
        heatmap = next(c for c in section(scope).charts if c.key == "busiest_hours")

    assert heatmap.kind == "heatmap"
    assert heatmap.labels == [
        "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"
    ]  # fmt: skip
    assert [dataset.label for dataset in heatmap.datasets] == [f"{h:02d}:00" for h in range(24)]
    cells = {
        (weekday, hour): value
        for hour, dataset in enumerate(heatmap.datasets)
        for weekday, value in enumerate(dataset.values, start=1)
        if value
    }
    assert cells == {(1, 8): 2, (2, 0): 1, (7, 23): 1}
    rows = heatmap.rows()
    assert rows[1][0] == "Montag" and rows[1][1 + 8] == 2


def test_volume_section_reads_three_queries_besides_the_roll_ups(march, django_assert_num_queries):
    scope = Scope(date(2026, 3, 9), date(2026, 3, 15))
    counts = Counts(scope)
    with django_assert_num_queries(3):
        volume_section(scope, counts)
