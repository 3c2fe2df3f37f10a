"""The searches the dashboard counts: every search the site runs is recorded as a
``SearchLog`` row (community.signals.search_performed), and forgotten after
``SEARCH_LOG_DAYS``.

This is a database write on a search's GET, made on purpose: every search product logs
its searches, and "what did people look for and not find" is what the knowledge base
needs to know most. What keeps it harmless: no member, session or address is recorded;
a query that holds something that looks like personal data (community.privacy: an e-mail
address, a phone number, an IBAN, a card number, a labelled secret) is stored as "" and
only counted; a failure to record is logged and never breaks the search; the search
page's other GETs (an empty query, page 2 …) send nothing.
"""

import logging
from datetime import timedelta

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from community.privacy import find_personal_data
from community.signals import search_performed
from insights.models import SearchLog

logger = logging.getLogger(__name__)

# How long a search is kept: two quarters to compare, then it goes.
SEARCH_LOG_DAYS = 180
QUERY_LENGTH = SearchLog._meta.get_field("query").max_length
SOURCE_LENGTH = SearchLog._meta.get_field("source").max_length
LANGUAGE_LENGTH = SearchLog._meta.get_field("language").max_length


def normalise_query(text: str) -> str:
    """The query as the dashboard groups it: no outer spaces, one space between words,
    case folded ("Router  RESET " and "router reset" are one query), at most 100
    characters."""
    return " ".join(str(text or "").split()).casefold()[:QUERY_LENGTH].rstrip()


def loggable_query(text: str) -> str:
    """`text` normalised, or "" when it holds anything that looks like personal data
    (checked before case folding and cutting: an IBAN is recognised by its capitals, a
    phone number cut in half by no detector)."""
    if find_personal_data(" ".join(str(text or "").split())):
        return ""
    return normalise_query(text)


def record_search(sender, *, query, source, language, result_count, **kwargs):
    """Store one search (receiver of ``search_performed``). Never raises."""
    try:
        with transaction.atomic():  # a failed insert leaves an outer transaction usable
            SearchLog.objects.create(
                query=loggable_query(query),
                source=str(source)[:SOURCE_LENGTH],
                language=str(language or "")[:LANGUAGE_LENGTH],
                result_count=max(0, int(result_count)),
                created_at=timezone.now(),
            )
    except Exception:
        logger.exception("could not record a search for the insights dashboard")


search_performed.connect(record_search, dispatch_uid="insights.record_search")


def prune_search_log(now=None) -> int:
    """Delete searches older than SEARCH_LOG_DAYS; returns how many."""
    cutoff = (now or timezone.now()) - timedelta(days=SEARCH_LOG_DAYS)
    deleted, _ = SearchLog.objects.filter(created_at__lt=cutoff).delete()
    return deleted


@shared_task(name="insights.prune_search_log")
def prune_search_log_task() -> int:
    """Nightly (config.settings.CELERY_BEAT_SCHEDULE["prune-insights-search-log"])."""
    return prune_search_log()
