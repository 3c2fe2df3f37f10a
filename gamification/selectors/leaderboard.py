"""Leaderboards: who gained the most reputation in a period, site-wide or in one space.

Read from the ledger (gamification.models.ReputationEvent), so reversals count against
the period they happened in and a space's board counts only what was booked there. The
all-time boards read the ledger's sums its services keep: ``Member.reputation`` for the
whole community, ``SpaceReputation`` for a space.
"""

import heapq
from dataclasses import dataclass
from datetime import timedelta

from django.core.cache import cache
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from community.models import Member, Space
from gamification.models import ReputationEvent, SpaceReputation

LEADERBOARD_SIZE = 50
# What a row of the board shows of its member, in the model's order (Model.from_db reads
# values in that order).
MEMBER_FIELDS = tuple(
    field.attname
    for field in Member._meta.concrete_fields
    if field.attname in {"username", "display_name", "avatar", "trust_level", "is_staff"}
)
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

    A week's or month's board is read from a snapshot at most CACHE_SECONDS old, so the list
    and the viewer's standing always agree. Building it costs three queries: one aggregate
    of the period's points per member (every member's sum, so that any viewer's rank is a
    count over it), one for the few inactive members and one for the members on the list. An all-time board is read live from the
    kept sums, in index order: one query for the list, one or two for the viewer's rank.
    """
    period_ = PERIODS[period]
    if period_.days is None:
        return _all_time(space=space, viewer=viewer, limit=limit)
    keys = _cache_keys(period_.name, space.pk if space else "all", limit=limit)
    signed_in = viewer is not None and viewer.is_authenticated
    # Visitors need only the list, not every member's points.
    cached = cache.get_many(keys.values() if signed_in else [keys["top"]])
    top, points = cached.get(keys["top"]), cached.get(keys["points"], {})
    if top is None or (signed_in and keys["points"] not in cached):
        points = _points_by_member(period_, space)
        top = _top_rows(points, limit=limit)
        cache.set_many({keys["top"]: top, keys["points"]: points}, CACHE_SECONDS)
    entries = _entries(top)
    standing = _standing(viewer, points=points, entries=entries) if signed_in else None
    return Leaderboard(period=period_, space=space, entries=entries, viewer=standing)


def _cache_keys(period: str, space, *, limit: int) -> dict[str, str]:
    return {
        # The list as plain values (_top_rows); the key changed when they replaced entries.
        "top": CACHE_KEY.format(period=period, space=space, part=f"rows{limit}"),
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


def _all_time(*, space: Space | None, viewer, limit: int) -> Leaderboard:
    """The all-time board, from the sums the ledger's services keep (``recalculate_reputation``
    checks them), so no query reads the ledger: ``Member.reputation`` for the whole
    community, ``SpaceReputation`` (its index: space, points, member) for one space. Read
    live, in board order with LIMIT; a viewer below the list is ranked by a count."""
    if space is None:
        totals = Member.objects.filter(is_active=True).annotate(total=F("reputation"))
        members = totals.only("reputation", *MEMBER_FIELDS).filter(reputation__gt=0)
        ordered = members.order_by("-reputation", "pk")[:limit]
        top = [(member, member.reputation) for member in ordered]
    else:
        totals = SpaceReputation.objects.filter(space=space, member__is_active=True).annotate(
            total=F("points")
        )
        rows = (
            totals.filter(points__gt=0)
            .select_related("member")
            .only("points", *(f"member__{field}" for field in MEMBER_FIELDS))
            .order_by("-points", "member_id")[:limit]
        )
        top = [(row.member, row.points) for row in rows]
    entries = _ranked(top)
    if viewer is None or not viewer.is_authenticated:
        return Leaderboard(period=PERIODS["all"], space=space, entries=entries, viewer=None)
    listed = next((entry for entry in entries if entry.member.pk == viewer.pk), None)
    if listed is not None:
        standing = Standing(rank=listed.rank, points=listed.points, is_listed=True)
    else:
        # The member as read when the request started: their reputation is current.
        own = viewer.reputation if space is None else _points_in_space(viewer, space)
        ahead = totals.filter(total__gt=own).count() if own > 0 else 0
        standing = Standing(rank=ahead + 1, points=own) if own > 0 else Standing(None, 0)
    return Leaderboard(period=PERIODS["all"], space=space, entries=entries, viewer=standing)


def _points_in_space(viewer, space: Space) -> int:
    own = SpaceReputation.objects.filter(member=viewer, space=space).values_list("points")
    return next(iter(own), (0,))[0]


def _points_by_member(period: Period, space: Space | None) -> dict[int, int]:
    """Each active member's points gained in `period` (in `space`), by member id: one
    aggregate over an index range: the period (created_at, member, points), or the space
    and the period (space, created_at, member, points).
    """
    events = ReputationEvent.objects.order_by()
    if period.days is not None:
        now = timezone.now()
        # Both ends, though nothing is booked in the future: without statistics (SQLite
        # before ANALYZE) a closed range is what makes the planner read the period's part of
        # the covering index instead of walking the whole ledger in member order.
        events = events.filter(created_at__range=(now - timedelta(days=period.days), now))
    if space is not None:
        events = events.filter(space=space)
    totals = dict(
        events.values("member").annotate(points=Sum("points")).values_list("member", "points")
    )
    # Inactive members are few: read apart and left out here. In the aggregate, as a join or
    # NOT IN, they cost a look-up per ledger row (on SQLite most of the query's time).
    for member_id in Member.objects.filter(is_active=False).values_list("pk", flat=True):
        totals.pop(member_id, None)
    return totals


def _top_rows(points: dict[int, int], *, limit: int) -> list[tuple]:
    """The `limit` members with the most points (more than none), with their members read
    in one query, as plain values (cheap to cache): MEMBER_FIELDS, then the points. Ties
    go to the earlier member, so the order never flickers."""
    gained = ((member_id, total) for member_id, total in points.items() if total > 0)
    top = heapq.nsmallest(limit, gained, key=lambda item: (-item[1], item[0]))
    members = {
        row[0]: row
        for row in Member.objects.filter(pk__in=[member_id for member_id, _total in top])
        .order_by()
        .values_list("pk", *MEMBER_FIELDS)
    }
    return [(*members[member_id], total) for member_id, total in top]


def _entries(rows: list[tuple]) -> list[LeaderboardEntry]:
    """Entries from a snapshot's rows: members made from the values read (as a query with
    ``only()`` makes them; no field's default is worked out), not queried again."""
    fields = ["id", *MEMBER_FIELDS]
    return _ranked([(Member.from_db(None, fields, row[:-1]), row[-1]) for row in rows])


def _ranked(top: list[tuple[Member, int]]) -> list[LeaderboardEntry]:
    """Entries for members in board order with their points; equal points share a rank."""
    entries = []
    for position, (member, total) in enumerate(top, start=1):
        rank = entries[-1].rank if entries and entries[-1].points == total else position
        entries.append(LeaderboardEntry(rank=rank, member=member, points=total))
    return entries


def _standing(viewer, *, points: dict[int, int], entries: list[LeaderboardEntry]) -> Standing:
    own = points.get(viewer.pk, 0)
    if own <= 0:
        return Standing(rank=None, points=0)
    ahead = sum(1 for total in points.values() if total > own)
    listed = any(entry.member.pk == viewer.pk for entry in entries)
    return Standing(rank=ahead + 1, points=own, is_listed=listed)
