"""Searches: the site search sends ``search_performed`` and insights records a SearchLog row
(insights.reach_receivers) without the member and without personal data."""

import logging
from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest
from django.urls import reverse
from haystack import connections

from community.signals import search_performed
from insights.models import SearchLog
from insights.reach_receivers import (
    SEARCH_LOG_DAYS,
    loggable_query,
    normalise_query,
    prune_search_log,
    prune_search_log_task,
)
from tests.community import conftest as community_fixtures
from tests.factories import MemberFactory, make_thread

pytestmark = pytest.mark.django_db

SEARCH_URL = reverse("community:search")
# The community tests' fixtures: ``with indexed():`` commits and indexes, ``listen(signal)``.
indexed = community_fixtures.indexed
listen = community_fixtures.listen


@pytest.fixture(autouse=True)
def empty_index():
    connections["default"].get_backend().clear()


def _logged():
    return list(SearchLog.objects.values_list("query", "source", "language", "result_count"))


def test_a_search_that_found_something_is_logged_normalised(client, indexed, listen):
    calls = listen(search_performed)
    with indexed():
        make_thread(title="Router resets itself every night", body="It restarts at 3 am daily.")
    client.force_login(MemberFactory())
    response = client.get(SEARCH_URL, {"q": "  Router   RESETS "})
    assert response.status_code == 200
    assert len(calls) == 1
    call = calls[0]
    assert (call["query"], call["source"], call["language"], call["result_count"]) == (
        "Router RESETS",
        "site",
        "en",
        1,
    )
    assert "member" not in call and "by" not in call
    assert _logged() == [("router resets", "site", "en", 1)]


def test_a_search_that_found_nothing_is_logged_with_zero(client):
    client.get(SEARCH_URL, {"q": "zebra"}, HTTP_ACCEPT_LANGUAGE="de")
    assert _logged() == [("zebra", "site", "de", 0)]


def test_a_search_narrowed_to_articles_is_the_knowledge_bases(client):
    client.get(SEARCH_URL, {"q": "invoice", "type": "articles"})
    assert _logged() == [("invoice", "kb", "en", 0)]


@pytest.mark.parametrize(
    "params",
    [{}, {"q": ""}, {"q": "   "}, {"q": "zebra", "page": "2"}],
    ids=["no query", "empty", "spaces", "page 2"],
)
def test_no_query_and_later_pages_are_not_logged(client, params, listen):
    calls = listen(search_performed)
    client.get(SEARCH_URL, params)
    assert calls == []
    assert not SearchLog.objects.exists()


@pytest.mark.parametrize(
    "query",
    [
        "anna.muster@example.com invoice",
        "call me 0171 2345678",
        "DE89 3704 0044 0532 0130 00",
        "card 4111 1111 1111 1111",
    ],
)
def test_a_query_with_personal_data_is_counted_and_not_kept(client, query):
    client.get(SEARCH_URL, {"q": query})
    assert _logged() == [("", "site", "en", 0)]


def test_a_failure_to_record_is_logged_and_the_search_still_answers(client, caplog):
    with (
        mock.patch.object(SearchLog.objects, "create", side_effect=RuntimeError("disk full")),
        caplog.at_level(logging.ERROR, logger="insights.reach_receivers"),
    ):
        response = client.get(SEARCH_URL, {"q": "zebra"})
    assert response.status_code == 200
    assert "could not record a search" in caplog.text
    assert not SearchLog.objects.exists()


def test_normalising_folds_case_and_spaces_and_cuts_at_100():
    assert normalise_query("  Straße   ÖFFNEN\t") == "strasse öffnen"
    assert normalise_query("a" * 150) == "a" * 100
    assert normalise_query(("a" * 99) + " b") == "a" * 99


def test_order_numbers_and_versions_are_not_personal_data():
    assert loggable_query("Order 123456 firmware 3.2.1") == "order 123456 firmware 3.2.1"


def test_pruning_forgets_searches_older_than_180_days():
    now = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)
    for age in (SEARCH_LOG_DAYS + 1, SEARCH_LOG_DAYS - 1, 0):
        SearchLog.objects.create(
            query=f"{age} days",
            source="site",
            result_count=0,
            created_at=now - timedelta(days=age),
        )
    assert prune_search_log(now) == 1
    assert sorted(SearchLog.objects.values_list("query", flat=True)) == ["0 days", "179 days"]


def test_the_nightly_task_prunes_from_now():
    from django.utils import timezone

    SearchLog.objects.create(
        query="old",
        source="site",
        result_count=0,
        created_at=timezone.now() - timedelta(days=SEARCH_LOG_DAYS + 1),
    )
    assert prune_search_log_task.delay().get() == 1
    assert not SearchLog.objects.exists()


def test_the_prune_task_is_scheduled_nightly(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["prune-insights-search-log"]
    assert entry["task"] == "insights.prune_search_log"
