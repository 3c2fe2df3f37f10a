"""Leaderboards: who gained the most reputation in a period, site-wide or in one space.

Read from the ledger (gamification.models.ReputationEvent), so reversals count against
the period they happened in and a space's board counts only what was booked there; the
whole community's all-time board reads the ledger's sum, ``Member.reputation``.
"""

import heapq
from dataclasses import dataclass
from datetime import timedelta

from django.core.cache import cache
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from community.models import Member, Space
from gamification.models import ReputationEvent

LEADERBOARD_SIZE = 50
# A board computed from the ledger is kept this long and never invalidated: a booking
# shows on the board at most five minutes late, and a busy site aggregates each period
# at most once per five minutes.
CACHE_SECONDS = 5 * 60
CACHE_KEY = "gamification:leaderboard:{period}:{space}:{part}"


@dataclass(frozen=True)
class Period:
    name: str  # as in the address: ?period=week
    label: str
    days: int | None  # None: all time


PERIODS = {
    period.name: period
    for period in (
        Period("week", _("Last 7 days"), 7),
        Period("month", _("Last 30 days"), 30),
        Period("all", _("All time"), None),
    )
}
DEFAULT_PERIOD = "week"


@dataclass(frozen=True)
class LeaderboardEntry:
    rank: int  # members with the same points share a rank (1, 2, 2, 4)
    member: Member
    points: int


@dataclass(frozen=True)
class Standing:
    """Where the viewer stands: rank None when they gained nothing in the period."""

    rank: int | None
    points: int
    is_listed: bool = False


@dataclass(frozen=True)
class Leaderboard:
    period: Period
    space: Space | None
    entries: list[LeaderboardEntry]
    viewer: Standing | None  # None for visitors


def leaderboard(
    *, period: str, space: Space | None = None, viewer=None, limit: int = LEADERBOARD_SIZE
) -> Leaderboard:
    """The `limit` active members who gained the most reputation in `period` (a key of
    PERIODS), in `space` if given, and where `viewer` stands even when below them.

    Read from a snapshot at most CACHE_SECONDS old, so the list and the viewer's standing
    always agree. Building it costs two queries: one aggregate of the period's points per
    member (every member's sum, so that any viewer's rank is a count over it) and one for
    the members on the list.
    """
    period_ = PERIODS[period]
    keys = _cache_keys(period_.name, space.pk if space else "all", limit=limit)
    signed_in = viewer is not None and viewer.is_authenticated
    # Visitors need only the list, not every member's points.
    cached = cache.get_many(keys.values() if signed_in else [keys["top"]])
    top, points = cached.get(keys["top"]), cached.get(keys["points"], {})
    if top is None or (signed_in and keys["points"] not in cached):
        points = _points_by_member(period_, space)
        top = _top_entries(points, limit=limit)
        cache.set_many({keys["top"]: top, keys["points"]: points}, CACHE_SECONDS)
    standing = _standing(viewer, points=points, entries=top) if signed_in else None
    return Leaderboard(period=period_, space=space, entries=top, viewer=standing)


def _cache_keys(period: str, space, *, limit: int) -> dict[str, str]:
    return {
        "top": CACHE_KEY.format(period=period, space=space, part=f"top{limit}"),
        "points": CACHE_KEY.format(period=period, space=space, part="points"),
    }


def forget_leaderboards(*, spaces=()) -> None:
    """Drop the cached boards of every period, site-wide and for `spaces` (the benchmark
    measures a cold board with it; the site relies on the timeout alone)."""
    cache.delete_many(
        [
            key
            for period in PERIODS
            for space in ["all", *(space.pk for space in spaces)]
            for key in _cache_keys(period, space, limit=LEADERBOARD_SIZE).values()
        ]
    )


def _points_by_member(period: Period, space: Space | None) -> dict[int, int]:
    """Each active member's points gained in `period` (in `space`), by member id: one query.

    Site-wide of all time that is ``Member.reputation``, the ledger's sum kept by its
    services (``recalculate_reputation`` checks it), so no query reads the whole ledger.
    Otherwise one aggregate over an index range: the period (created_at, member, points),
    or the space and the period (space, created_at, member, points).
    """
    if period.days is None and space is None:
        members = Member.objects.filter(is_active=True, reputation__gt=0)
        return dict(members.order_by().values_list("pk", "reputation"))
    events = ReputationEvent.objects.order_by()
    if period.days is not None:
        now = timezone.now()
        # Both ends, though nothing is booked in the future: without statistics (SQLite
        # before ANALYZE) a closed range is what makes the planner read the period's part of
        # the covering index instead of walking the whole ledger in member order.
        events = events.filter(created_at__range=(now - timedelta(days=period.days), now))
    if space is not None:
        events = events.filter(space=space)
    # Inactive members are few: the database reads them once for the NOT IN, where a join
    # would look up every row's member.
    inactive = Member.objects.filter(is_active=False).values("pk")
    totals = events.exclude(member__in=inactive).values("member").annotate(points=Sum("points"))
    return dict(totals.values_list("member", "points"))


def _top_entries(points: dict[int, int], *, limit: int) -> list[LeaderboardEntry]:
    """The `limit` members with the most points (more than none), with their members read
    in one query. Ties go to the earlier member, so the order never flickers."""
    gained = ((member_id, total) for member_id, total in points.items() if total > 0)
    top = heapq.nsmallest(limit, gained, key=lambda item: (-item[1], item[0]))
    members = Member.objects.only(
        "username", "display_name", "avatar", "trust_level", "is_staff"
    ).in_bulk([member_id for member_id, _total in top])
    entries = []
    for position, (member_id, total) in enumerate(top, start=1):
        rank = entries[-1].rank if entries and entries[-1].points == total else position
        entries.append(LeaderboardEntry(rank=rank, member=members[member_id], points=total))
    return entries


def _standing(viewer, *, points: dict[int, int], entries: list[LeaderboardEntry]) -> Standing:
    own = points.get(viewer.pk, 0)
    if own <= 0:
        return Standing(rank=None, points=0)
    ahead = sum(1 for total in points.values() if total > own)
    listed = any(entry.member.pk == viewer.pk for entry in entries)
    return Standing(rank=ahead + 1, points=own, is_listed=listed)
