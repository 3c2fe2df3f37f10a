"""Leaderboards: reputation gained per period and per space, read from the ledger."""

from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.utils import timezone

from gamification.selectors.leaderboard import CACHE_SECONDS, Standing, leaderboard
from tests.factories import MemberFactory, SpaceFactory
from tests.gamification.ledger_rows import book, ranked_members


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()  # top lists are cached: one test's board must not show in the next
    yield
    cache.clear()


def _ranking(board) -> list[tuple[str, int, int]]:
    return [(entry.member.username, entry.rank, entry.points) for entry in board.entries]


def test_leaderboard_counts_only_the_points_gained_in_the_period(member, other_member):
    book(member, 10, days_ago=1)
    book(member, 15, days_ago=20)
    book(other_member, 5, days_ago=6)
    book(other_member, 25, days_ago=100)

    week = leaderboard(period="week")
    month = leaderboard(period="month")
    all_time = leaderboard(period="all")

    assert _ranking(week) == [("customer", 1, 10), ("helper", 2, 5)]
    assert _ranking(month) == [("customer", 1, 25), ("helper", 2, 5)]
    assert _ranking(all_time) == [("helper", 1, 30), ("customer", 2, 25)]


def test_leaderboard_subtracts_reversals_in_the_period_they_happened(member, other_member):
    book(member, 10, days_ago=10)
    book(member, -10, days_ago=1, reversal=True)  # the vote was withdrawn this week
    book(other_member, 5, days_ago=1)

    assert _ranking(leaderboard(period="week")) == [("helper", 1, 5)]
    assert _ranking(leaderboard(period="month")) == [("helper", 1, 5)]


def test_leaderboard_of_a_space_counts_only_what_was_booked_there(member, other_member):
    invoices, orders = SpaceFactory(slug="invoices"), SpaceFactory(slug="orders")
    book(member, 10, space=invoices)
    book(member, 40, space=orders)
    book(other_member, 15, space=invoices)
    book(other_member, 100)  # no space (e.g. an agreed flag)

    assert _ranking(leaderboard(period="week", space=invoices)) == [
        ("helper", 1, 15),
        ("customer", 2, 10),
    ]
    assert _ranking(leaderboard(period="week", space=orders)) == [("customer", 1, 40)]
    assert _ranking(leaderboard(period="week")) == [("helper", 1, 115), ("customer", 2, 50)]


def test_leaderboard_leaves_out_deactivated_members_and_those_without_gains(member, other_member):
    gone = MemberFactory(username="gone", is_active=False)
    book(gone, 500)
    book(member, 10)
    book(member, -10, reversal=True)
    book(other_member, 5)

    assert _ranking(leaderboard(period="week")) == [("helper", 1, 5)]


def test_leaderboard_ties_share_a_rank_and_keep_the_older_member_first(db):
    first, second, third = ranked_members(3)
    book(third, 20)
    book(second, 10)
    book(first, 10)

    assert _ranking(leaderboard(period="week")) == [
        (third.username, 1, 20),
        (first.username, 2, 10),
        (second.username, 2, 10),
    ]


def test_leaderboard_shows_the_top_members_and_where_the_viewer_stands_below_them(member):
    ahead = ranked_members(52)
    for points, ranked in enumerate(ahead, start=20):
        book(ranked, points)  # 20 … 71 points
    book(ahead[0], 13)  # 33 points, level with another member
    for points, behind in zip([16, 5], ranked_members(2, prefix="behind"), strict=True):
        book(behind, points)
    book(MemberFactory(username="gone", is_active=False), 100)
    book(member, 12)
    book(member, 5, days_ago=3)

    board = leaderboard(period="week", viewer=member)

    assert len(board.entries) == 50
    assert board.entries[0].points == 71 and board.entries[-1].points == 23
    assert (board.viewer.rank, board.viewer.points) == (53, 17)  # the 52 ahead have more
    assert not board.viewer.is_listed


def test_leaderboard_takes_the_viewers_standing_from_the_list_when_listed(member, other_member):
    book(other_member, 30)
    book(member, 20)

    board = leaderboard(period="week", viewer=member)

    assert (board.viewer.rank, board.viewer.points, board.viewer.is_listed) == (2, 20, True)


def test_leaderboard_viewer_who_gained_nothing_has_no_rank(member, other_member):
    book(other_member, 30)
    book(member, 20, days_ago=8)

    assert leaderboard(period="week", viewer=member).viewer.rank is None
    assert leaderboard(period="month", viewer=member).viewer.rank == 2


def test_leaderboard_has_no_standing_for_visitors(member):
    book(member, 30)

    assert leaderboard(period="week").viewer is None


def test_leaderboard_keeps_its_top_list_until_the_cache_times_out(
    member, other_member, django_assert_num_queries, settings
):
    # Nothing invalidates a top list: a booking shows on the board after CACHE_SECONDS at
    # most, which is all a leaderboard promises (see CACHE_SECONDS).
    # A cache in this process, whose clock time_machine moves (a Redis server's does not).
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "leaderboard-timeout",
        }
    }
    book(member, 10)
    leaderboard(period="week")
    book(other_member, 50)

    with django_assert_num_queries(0):
        cached = leaderboard(period="week")
    with time_machine.travel(timezone.now() + timedelta(seconds=CACHE_SECONDS + 1)):
        fresh = leaderboard(period="week")

    assert _ranking(cached) == [("customer", 1, 10)]
    assert _ranking(fresh) == [("helper", 1, 50), ("customer", 2, 10)]


def test_leaderboard_caches_each_period_and_space_apart(member):
    invoices = SpaceFactory(slug="invoices")
    book(member, 10, days_ago=10, space=invoices)

    assert _ranking(leaderboard(period="week")) == []
    assert _ranking(leaderboard(period="month")) == [("customer", 1, 10)]
    assert _ranking(leaderboard(period="month", space=invoices)) == [("customer", 1, 10)]
    assert _ranking(leaderboard(period="month", space=SpaceFactory(slug="orders"))) == []


# --- all time: read from the sums the ledger's services keep ----------------------------------


def test_all_time_boards_rank_the_kept_sums_with_ties_and_the_viewer_below(
    member, django_assert_num_queries
):
    space, elsewhere = SpaceFactory(slug="invoices"), SpaceFactory(slug="orders")
    first, second, third = ranked_members(3)
    book(first, 30, space=space, days_ago=400)  # long ago still counts
    book(third, 20, space=space)
    book(second, 25, space=space)
    book(second, -5, space=space, reversal=True)
    book(MemberFactory(username="gone", is_active=False), 100, space=space)
    book(member, 5, space=space)
    book(member, 50, space=elsewhere)  # the community's board counts it, not this space's

    with django_assert_num_queries(3):  # the list, the viewer's total, the count ahead of it
        board = leaderboard(period="all", space=space, viewer=member, limit=2)

    assert _ranking(board) == [(first.username, 1, 30), (second.username, 2, 20)]
    assert board.viewer == Standing(rank=4, points=5)  # behind the three, not the inactive one
    whole = leaderboard(period="all", viewer=member, limit=2)
    assert _ranking(whole) == [("customer", 1, 55), (first.username, 2, 30)]
    assert whole.viewer == Standing(rank=1, points=55, is_listed=True)
    third.refresh_from_db()  # a request's member is read as the request starts
    below = leaderboard(period="all", viewer=third, limit=1)
    assert below.viewer == Standing(rank=3, points=20)  # behind 55 and 30, level with second
    assert leaderboard(period="all", space=elsewhere, viewer=first).viewer.rank is None
    assert leaderboard(period="all", space=elsewhere).viewer is None


def test_all_time_board_leaves_out_members_without_gains(member, other_member):
    book(member, 10)
    book(member, -10, reversal=True)
    book(other_member, 5)

    assert _ranking(leaderboard(period="all")) == [("helper", 1, 5)]
    assert leaderboard(period="all", viewer=member).viewer.rank is None
