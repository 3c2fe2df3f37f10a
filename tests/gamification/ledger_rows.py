"""Ledger rows for tests that only read the ledger: booked directly, not through receivers."""

from datetime import timedelta
from itertools import count

from django.contrib.contenttypes.models import ContentType
from django.db.models import F
from django.utils import timezone

from community.models import Member, Post
from gamification.models import ReputationEvent, ReputationReason, SpaceReputation

_source_ids = count(1)


def book(
    member: Member,
    points: int,
    *,
    days_ago: float = 0,
    space=None,
    reason=ReputationReason.ANSWER_HELPFUL,
    reversal: bool = False,
) -> ReputationEvent:
    """One ledger row for `member`, booked `days_ago` days ago (a reversal: `points` < 0),
    with ``Member.reputation`` and the member's total in `space` kept the ledger's sums as
    the ledger's services keep them."""
    Member.objects.filter(pk=member.pk).update(reputation=F("reputation") + points)
    if space is not None:
        total, _created = SpaceReputation.objects.get_or_create(member=member, space=space)
        SpaceReputation.objects.filter(pk=total.pk).update(points=F("points") + points)
    return ReputationEvent.objects.bulk_create(
        [
            ReputationEvent(
                member=member,
                points=points,
                reason=reason,
                source_type=ContentType.objects.get_for_model(Post),
                source_id=next(_source_ids),
                is_reversal=reversal,
                space=space,
                created_at=timezone.now() - timedelta(days=days_ago),
            )
        ]
    )[0]


def ranked_members(number: int, *, prefix: str = "ranked") -> list[Member]:
    """`number` members in one query, in the order of their primary keys."""
    Member.objects.bulk_create(
        Member(username=f"{prefix}{n:03}", email=f"{prefix}{n:03}@example.com")
        for n in range(number)
    )
    return list(Member.objects.filter(username__startswith=prefix).order_by("pk"))
