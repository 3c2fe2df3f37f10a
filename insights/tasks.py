"""The nightly roll-up (Celery beat) and what it shares with ``manage.py rollup_insights``."""

from datetime import timedelta

from celery import shared_task

from insights.calendar import today
from insights.rollups import rollup

# The nightly run rolls up the last few days again: a vote or an answer on an old thread is
# counted on the day it happened, which may be yesterday for a run just after midnight.
NIGHTLY_DAYS_BACK = 3


@shared_task(name="insights.rollup_recent")
def rollup_recent() -> int:
    current = today()
    return rollup(current - timedelta(days=NIGHTLY_DAYS_BACK), current)
