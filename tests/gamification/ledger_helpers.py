"""What the ledger tests read back: rows as comparable tuples, totals from the ledger."""

from django.db.models import Sum

from community.models import Member
from gamification.models import ReputationEvent, SpaceReputation

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


def reputation_in(member: Member, space) -> int | None:
    """The member's kept total in `space`; None when there is none."""
    totals = SpaceReputation.objects.filter(member=member, space=space)
    return totals.values_list("points", flat=True).first()


def ledger_sum_in(member: Member, space) -> int:
    rows = ReputationEvent.objects.filter(member=member, space=space)
    return rows.aggregate(total=Sum("points"))["total"] or 0
