"""What the ledger tests read back: rows as comparable tuples, totals from the ledger."""

from django.db.models import Sum

from community.models import Member
from gamification.models import ReputationEvent

ROW_FIELDS = (
    "member_id", "reason", "source_type_id", "source_id", "actor_key", "round", "is_reversal",
    "suspended", "points", "space_id",
)  # fmt: skip


def ledger_rows(**filters) -> list[tuple]:
    """Every row (of `filters`) without its id and time, in booking order."""
    return list(ReputationEvent.objects.filter(**filters).order_by("pk").values_list(*ROW_FIELDS))


def reputation(member: Member) -> int:
    return Member.objects.values_list("reputation", flat=True).get(pk=member.pk)


def ledger_sum(member: Member) -> int:
    return (
        ReputationEvent.objects.filter(member=member).aggregate(total=Sum("points"))["total"] or 0
    )


def standing(member: Member, reason: str, source) -> int:
    """How many points of `reason` on `source` stand for `member` now."""
    return (
        ReputationEvent.objects.filter(member=member, reason=reason, source_id=source.pk).aggregate(
            total=Sum("points")
        )["total"]
        or 0
    )
