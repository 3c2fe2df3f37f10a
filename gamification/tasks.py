"""Celery tasks of gamification: thin, idempotent, given ids. Sent by name through
community's outbox (``community.outbox.enqueue``); one section per subject."""

from celery import shared_task
from django.db import DatabaseError

_RETRIED = {
    "acks_late": True,
    "autoretry_for": (DatabaseError,),
    "retry_backoff": True,
    "max_retries": 5,
}


# --- trust levels ---------------------------------------------------------------------------


@shared_task(name="gamification.recompute_trust_level", **_RETRIED)
def recompute_trust_level_task(*, member_id: int) -> bool:
    """After an event that can change what a member earns (receivers.py)."""
    from community.models import Member
    from gamification.services.trust import recompute_trust_level

    member = Member.objects.filter(pk=member_id).first()
    return member is not None and recompute_trust_level(member=member)


@shared_task(name="gamification.recompute_trust_levels", acks_late=True)
def recompute_trust_levels_task() -> int:
    """Nightly (beat): promotions, and regulars whose grace ran out."""
    from gamification.services.trust import recompute_all_trust_levels

    return recompute_all_trust_levels()


# --- badges ---------------------------------------------------------------------------------


@shared_task(name="gamification.check_badges", **_RETRIED)
def check_badges_task(*, member_ids: list[int]) -> int:
    """After an event: award what `member_ids` earned. Returns how many awards are new."""
    from gamification.services.badges import award_badges

    return len(award_badges(member_ids=member_ids))


@shared_task(name="gamification.grant_missed_badges", acks_late=True)
def grant_missed_badges_task() -> int:
    """Every night (beat): award what any member earned and did not get yet."""
    from gamification.services.badges import award_badges

    return len(award_badges())
