"""Celery tasks: thin, idempotent, given ids (see community.tasks for the conventions)."""

from celery import shared_task
from django.db import DatabaseError

_RETRIED = {
    "acks_late": True,
    "autoretry_for": (DatabaseError,),
    "retry_backoff": True,
    "max_retries": 5,
}


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
