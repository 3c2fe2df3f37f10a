"""Community health: active and new contributors, members per trust level, badges awarded.

The support team works in Europe/Berlin (the default), UTC+1 in March 2026. The period in
most tests is the week of 25 to 31 March; the previous one is 18 to 24 March. The active
contributors' 30 days end on the period's last day: 2 to 31 March (from 1 March 23:00
UTC), and 23 February to 24 March for the previous period.
"""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine

from community.models import Post, TrustLevel
from community.services.posts import hide_post
from gamification.models import BadgeAward
from insights.calendar import day_bounds
from insights.health import (
    active_contributors,
    count_badges_awarded,
    health_section,
    members_per_trust_level,
)
from insights.rollups import Counts, Row, rollup_day
from insights.scope import Scope
from tests.factories import MemberFactory, SpaceFactory, StaffFactory, make_answer, make_thread

pytestmark = pytest.mark.django_db

WEEK = Scope(date(2026, 3, 25), date(2026, 3, 31))


def utc(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=UTC)


def thread_at(moment, **fields):
    with time_machine.travel(moment, tick=False):
        return make_thread(**fields)


def posts(author, thread, moment, number) -> list[Post]:
    """`number` answers by `author` in `thread`, a minute apart from `moment` on."""
    answers = []
    for minute in range(number):
        with time_machine.travel(moment + timedelta(minutes=minute), tick=False):
            answers.append(make_answer(thread=thread, author=author))
    return answers


def roll_up(first: date, last: date) -> None:
    day = first
    while day <= last:
        rollup_day(day)
        day += timedelta(days=1)


@pytest.fixture
def moderator():
    return StaffFactory()


@pytest.fixture
def spaces():
    return SpaceFactory(), SpaceFactory()


@pytest.fixture
def threads(spaces):
    """A thread in each space, asked in January by a member who posts nothing else."""
    asker = MemberFactory()
    return tuple(thread_at(utc(1, 10, 12), author=asker, space=space) for space in spaces)


def test_active_contributors_need_ten_public_posts_in_the_30_days(threads, moderator):
    first, second = threads
    ten_late = MemberFactory()
    posts(ten_late, first, utc(3, 28, 12), 10)  # the period's window only
    nine = MemberFactory()
    posts(nine, first, utc(3, 28, 12), 9)
    ten_early = MemberFactory()
    posts(ten_early, second, utc(3, 5, 12), 10)  # both windows, in the other space
    ten_at_the_start = MemberFactory()
    posts(ten_at_the_start, first, utc(3, 1, 23, 0), 10)  # 2 March 00:00 Berlin: both windows
    ten_the_day_before = MemberFactory()
    posts(ten_the_day_before, first, utc(3, 1, 22, 50), 10)  # 1 March 23:50 Berlin: previous
    one_hidden = MemberFactory()
    hide_post(post=posts(one_hidden, first, utc(3, 28, 12), 10)[0], by=moderator, reason="Rude")
    staff = StaffFactory()
    posts(staff, first, utc(3, 28, 12), 12)  # the team, not the community

    # Now ten_late, ten_early and ten_at_the_start; before: the last two and ten_the_day_before.
    assert active_contributors(WEEK) == (3, 3)


def test_active_contributors_honour_the_space_and_language_filters(threads):
    first, second = threads
    second.language = "de"
    second.save(update_fields=["language"])
    in_both = MemberFactory()
    posts(in_both, first, utc(3, 28, 12), 5)
    posts(in_both, second, utc(3, 28, 13), 5)  # ten in all, five in each space
    in_first = MemberFactory()
    posts(in_first, first, utc(3, 28, 12), 10)

    assert active_contributors(WEEK).current == 2
    assert active_contributors(Scope(WEEK.first, WEEK.last, space_id=first.space_id)).current == 1
    assert active_contributors(Scope(WEEK.first, WEEK.last, language="de")).current == 0


def test_count_new_contributors_counts_members_on_the_day_of_their_first_public_post(
    threads, moderator
):
    first, _second = threads
    posts(newcomer := MemberFactory(), first, utc(3, 28, 12), 2)
    posts(newcomer, first, utc(3, 29, 12), 1)
    posts(MemberFactory(), first, utc(3, 24, 23, 30), 1)  # 25 March 00:30 Berlin: this period
    posts(MemberFactory(), first, utc(3, 24, 22, 30), 1)  # 24 March 23:30 Berlin: previous
    veteran = MemberFactory()
    posts(veteran, first, utc(3, 2, 12), 1)
    posts(veteran, first, utc(3, 28, 12), 1)
    returning = MemberFactory()
    hide_post(post=posts(returning, first, utc(3, 2, 12), 1)[0], by=moderator, reason="Spam")
    posts(returning, first, utc(3, 28, 12), 1)  # first public post in the period
    posts(StaffFactory(), first, utc(3, 28, 12), 1)

    roll_up(date(2026, 3, 1), WEEK.last)

    # The thread's asker posted in January: neither period.
    counts = Counts(WEEK)
    assert counts.total("new_contributors") == 3  # newcomer, 00:30 Berlin, returning
    assert counts.total("new_contributors", previous=True) == 1


def test_members_per_trust_level_counts_active_members_who_are_not_staff():
    MemberFactory(trust_level=TrustLevel.NEW)
    MemberFactory.create_batch(2, trust_level=TrustLevel.BASIC)
    MemberFactory(trust_level=TrustLevel.REGULAR)
    MemberFactory(trust_level=TrustLevel.LEADER)
    MemberFactory(trust_level=TrustLevel.LEADER, is_active=False)
    StaffFactory()

    assert members_per_trust_level() == {0: 1, 1: 2, 2: 0, 3: 1, 4: 1}


def test_count_badges_awarded_counts_awards_on_the_local_day():
    member = MemberFactory()
    for badge, moment in (
        ("first-answer", utc(3, 10, 9)),
        ("first-question", utc(3, 9, 23, 30)),  # 10 March 00:30 Berlin
        ("autobiographer", utc(3, 9, 22, 30)),  # 9 March 23:30 Berlin
    ):
        BadgeAward.objects.create(member=member, badge=badge, awarded_at=moment)

    day = date(2026, 3, 10)
    assert list(count_badges_awarded(day, *day_bounds(day))) == [Row("badges_awarded", 2)]


def test_health_section_figures_chart_and_queries(threads, django_assert_num_queries):
    first, _second = threads
    active = MemberFactory(trust_level=TrustLevel.MEMBER)
    posts(active, first, utc(3, 26, 12), 10)
    MemberFactory(trust_level=TrustLevel.LEADER)
    for moment in (utc(3, 26, 12), utc(3, 27, 12), utc(3, 20, 12)):
        BadgeAward.objects.create(member=active, badge=f"badge-{moment.day}", awarded_at=moment)
    roll_up(date(2026, 3, 18), WEEK.last)
    counts = Counts(WEEK)

    with django_assert_num_queries(2):
        section = health_section(WEEK, counts)

    figures = {figure.key: (figure.value, figure.previous) for figure in section.figures}
    assert figures == {
        "active_contributors": (1, 0),
        "new_contributors": (1, 0),
        "badges_awarded": (2, 1),
        "super_users": (1, None),
    }
    levels = section.charts[0]
    assert levels.labels == [str(label) for label in TrustLevel.labels]
    # The asker and the fixture's other members are basic members (the factory's default).
    assert levels.datasets[0].values == [0, 1, 1, 0, 1]
