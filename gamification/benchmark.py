"""The leaderboard in ``manage.py bench``: its pages, and a ledger to rank, built once.

Registered in GamificationConfig.ready() as a benchmark extension (community.extensions);
only the benchmark imports this module. On top of community's data set of `size` it adds
one ranked member per thread and twenty ledger rows per member (10,000 members and 200,000
rows at the default 10,000 threads), spread over a year, the spaces and the reasons, with
a few busy members, some reversals and some deactivated members. The same size gives the
same rows; their times are relative to the build, and shifted to now when found again.
"""

import random
from datetime import timedelta
from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from community.benchmark.data import BATCH, VIEWER, Size
from community.benchmark.pages import MEMBER, VISITOR, Page, Request, Target
from community.models import Member, Post, Space
from gamification.models import (
    DEFAULT_POINTS,
    ReputationEvent,
    ReputationReason,
    SpaceReputation,
)
from gamification.selectors.leaderboard import forget_leaderboards

RANKED_PREFIX = "bench-ranked-"
ROWS_PER_MEMBER = 20
INACTIVE_EVERY = 100  # every hundredth ranked member is deactivated
REVERSAL_EVERY = 20  # one row in twenty takes points back
SPAN = timedelta(days=365)
# The viewer gains a little in the last days, in the measured space: ranked, below the top 50.
VIEWER_ROWS = 3
# Rows older than this are shifted forward to now before measuring, so that "the last
# 7 days" holds a week's rows however long ago the data was built.
FRESH_FOR = timedelta(hours=1)
# How often each reason is booked, roughly as on a support forum.
REASON_WEIGHTS = {
    ReputationReason.ANSWER_HELPFUL: 40,
    ReputationReason.QUESTION_HELPFUL: 20,
    ReputationReason.ANSWER_ACCEPTED: 15,
    ReputationReason.ACCEPTED_AN_ANSWER: 10,
    ReputationReason.ANSWER_ENDORSED: 3,
    ReputationReason.SOLVED_TOO: 8,
    ReputationReason.ARTICLE_PUBLISHED: 1,
    ReputationReason.FLAG_AGREED: 3,
}

LEADERBOARD_TARGET = Target(median_ms=50)


def ranked_members(size: Size) -> int:
    return size.threads


def ledger_rows(size: Size) -> int:
    return ranked_members(size) * ROWS_PER_MEMBER + VIEWER_ROWS


def find(size: Size) -> bool | None:
    """True if the ledger of `size` is in the database (brought up to now), else None."""
    members = Member.objects.filter(username__startswith=RANKED_PREFIX).count()
    if members != ranked_members(size) or ReputationEvent.objects.count() != ledger_rows(size):
        return None
    newest = ReputationEvent.objects.aggregate(newest=Max("created_at"))["newest"]
    lag = timezone.now() - newest
    if lag > FRESH_FOR:
        ReputationEvent.objects.update(created_at=F("created_at") + lag)
    return True


def build(size: Size, log=lambda line: None) -> bool:
    """Replace the ledger with the one of `size` (community's data set must be there)."""
    rng = random.Random(15)
    now = timezone.now()
    source_type = ContentType.objects.get_for_model(Post)
    reasons = list(REASON_WEIGHTS)
    weights = list(REASON_WEIGHTS.values())
    with transaction.atomic():
        ReputationEvent.objects.all().delete()
        SpaceReputation.objects.all().delete()
        Member.objects.filter(username__startswith=RANKED_PREFIX).delete()
        members = [
            Member(
                username=f"{RANKED_PREFIX}{number:05}",
                email=f"{RANKED_PREFIX}{number:05}@bench.example",
                display_name=f"Ranked Member {number}",
                is_active=number % INACTIVE_EVERY != 1,
            )
            for number in range(ranked_members(size))
        ]
        for member in members:
            member.set_unusable_password()
        Member.objects.bulk_create(members, batch_size=BATCH)
        member_ids = list(
            Member.objects.filter(username__startswith=RANKED_PREFIX)
            .order_by("username")
            .values_list("pk", flat=True)
        )
        # A few members do most of the helping (Zipf-like), as in any community.
        activity = [1 / (rank + 1) ** 0.8 for rank in range(len(member_ids))]
        space_ids = [*Space.objects.order_by("position", "pk").values_list("pk", flat=True), None]
        authors = rng.choices(
            member_ids, weights=activity, k=ranked_members(size) * ROWS_PER_MEMBER
        )
        rows = []
        for number, member_id in enumerate(authors):
            reason = rng.choices(reasons, weights=weights)[0]
            points = DEFAULT_POINTS[reason]
            reversal = number % REVERSAL_EVERY == REVERSAL_EVERY - 1
            rows.append(
                ReputationEvent(
                    member_id=member_id,
                    points=-points if reversal else points,
                    reason=reason,
                    source_type=source_type,
                    source_id=number + 1,
                    is_reversal=reversal,
                    space_id=rng.choice(space_ids),
                    created_at=now - SPAN * rng.random(),
                )
            )
        viewer = Member.objects.get(username=VIEWER)
        space = Space.objects.get(slug="invoices-payment")
        rows += [
            ReputationEvent(
                member=viewer,
                points=DEFAULT_POINTS[ReputationReason.ANSWER_HELPFUL],
                reason=ReputationReason.ANSWER_HELPFUL,
                source_type=source_type,
                source_id=len(authors) + day,
                space=space,
                created_at=now - timedelta(days=day),
            )
            for day in range(1, VIEWER_ROWS + 1)
        ]
        # Member.reputation and SpaceReputation are the ledger's sums: the all-time boards
        # read them.
        totals, in_spaces = {}, {}
        for row in rows:
            totals[row.member_id] = totals.get(row.member_id, 0) + row.points
            if row.space_id is not None:
                key = (row.member_id, row.space_id)
                in_spaces[key] = in_spaces.get(key, 0) + row.points
        Member.objects.bulk_update(
            [Member(pk=member_id, reputation=total) for member_id, total in totals.items()],
            ["reputation"],
            batch_size=500,
        )
        SpaceReputation.objects.bulk_create(
            [
                SpaceReputation(member_id=member_id, space_id=space_id, points=total)
                for (member_id, space_id), total in in_spaces.items()
            ],
            batch_size=BATCH,
        )
        for start in range(0, len(rows), BATCH * 5):
            ReputationEvent.objects.bulk_create(rows[start : start + BATCH * 5])
            if (start // (BATCH * 5)) % 10 == 9:
                log(f"  {start + BATCH * 5:,} ledger rows")
    log(f"  {len(members):,} ranked members, {len(rows):,} ledger rows")
    return True


def _board(period: str, *, in_space: bool = False, cold: bool = True):
    """The requests of a leaderboard page; `cold`: with its cached top lists dropped first,
    so that the aggregate is what is measured (an all-time board keeps nothing cached: it
    is read live on every request)."""

    def requests(data, round_number: int) -> list[Request]:
        query = {"period": period, **({"space": data.space.slug} if in_space else {})}
        prepare = (lambda: forget_leaderboards(spaces=[data.space])) if cold else None
        return [Request(f"/leaderboard/?{urlencode(query)}", prepare=prepare)]

    return requests


PAGES: list[Page] = [
    *(Page("leaderboard, 7 days", who, "leaderboard", _board("week"), LEADERBOARD_TARGET) for who in (VISITOR, MEMBER)),
    Page("leaderboard, 30 days, space", MEMBER, "leaderboard", _board("month", in_space=True), LEADERBOARD_TARGET),
    Page("leaderboard, all time", MEMBER, "leaderboard", _board("all"), LEADERBOARD_TARGET),
    Page("leaderboard, all time, space", MEMBER, "leaderboard", _board("all", in_space=True), LEADERBOARD_TARGET),
    *(Page("leaderboard, 7 days, warm", who, "leaderboard", _board("week", cold=False), LEADERBOARD_TARGET) for who in (VISITOR, MEMBER)),
]  # fmt: skip
