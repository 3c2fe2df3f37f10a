"""The nightly roll-up (Celery beat) and what it shares with ``manage.py rollup_insights``."""

from datetime import timedelta

from celery import shared_task

from insights.calendar import today
from insights.facts import refresh_question_fact
from insights.rollups import rollup

# The nightly run rolls up the last few days again: a vote or an answer on an old thread is
# counted on the day it happened, which may be yesterday for a run just after midnight.
NIGHTLY_DAYS_BACK = 3


@shared_task(name="insights.rollup_recent")
def rollup_recent() -> int:
    current = today()
    return rollup(current - timedelta(days=NIGHTLY_DAYS_BACK), current)


@shared_task(name="insights.refresh_question_fact", acks_late=True)
def refresh_question_fact_task(*, thread_id: int, reopened: bool = False) -> None:
    """Recompute one question's fact after a change (insights.facts_receivers); safe to
    run twice or late: it reads the thread as it is now."""
    refresh_question_fact(thread_id, reopened=reopened)
