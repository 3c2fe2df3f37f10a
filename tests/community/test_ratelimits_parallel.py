"""Twenty requests at the same moment get exactly the limit through: the count is atomic in
both stores (Redis INCR; a locked counter row on PostgreSQL), across connections as
across gunicorn workers."""

import pytest
from django.conf import settings as configured
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from community.models import Limits, Thread, TrustLevel
from community.models.limits import LIMITS_CACHE_KEY
from community.services.posts import ask_question
from community.services.ratelimits import RateLimited
from community.tasks import tasks_muted
from tests.community.parallel import needs_postgresql, run_in_parallel
from tests.factories import MemberFactory, SpaceFactory

REDIS = configured.CACHES["default"]["BACKEND"].endswith("RedisCache")

STORES = [
    pytest.param(
        "cache",
        marks=pytest.mark.skipif(
            not REDIS, reason="the cache store is shared across processes only on a cache "
            "server: run with CACHE_URL=redis://…",
        ),
    ),
    "database",
]  # fmt: skip


@pytest.fixture
def limits_on(request, settings):
    settings.PEERDESK_RATE_LIMITS = True
    settings.PEERDESK_RATE_LIMIT_STORE = request.param
    yield request.param
    cache.delete(LIMITS_CACHE_KEY)  # a cache server outlives the test's database


def set_limits(**values) -> None:
    limits = Limits.objects.current()
    for name, value in values.items():
        setattr(limits, name, value)
    limits.save()
    cache.delete(LIMITS_CACHE_KEY)


@needs_postgresql
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("limits_on", STORES, indirect=True)
def test_twenty_parallel_questions_by_one_member_get_exactly_the_daily_count(limits_on):
    # Given a member allowed 5 questions a day, with no pause needed between them
    set_limits(threads_per_day=5, post_interval=0)
    member = MemberFactory(trust_level=TrustLevel.BASIC)
    space = SpaceFactory()

    # When twenty questions arrive at the same moment
    def ask(i):
        with tasks_muted():  # indexing and e-mail are not what this test is about
            return ask_question(
                author=member,
                space=space,
                title=f"Parallel question number {i}",
                body=f"Question {i}: the invoice PDF is empty.",
            )

    results = run_in_parallel(ask, 20)

    # Then exactly five are stored, and the other fifteen were told to wait
    refused = [result for result in results if isinstance(result, RateLimited)]
    others = [r for r in results if not isinstance(r, (Thread, RateLimited))]
    assert others == []
    assert len(refused) == 15
    assert Thread.objects.filter(author=member).count() == 5


@needs_postgresql
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("limits_on", STORES, indirect=True)
def test_twenty_parallel_previews_get_exactly_the_limit_through(limits_on):
    # Given a member with twenty tabs and 7 previews a minute
    set_limits(previews_per_minute=7)
    member = MemberFactory(trust_level=TrustLevel.BASIC)
    tabs = [Client() for _ in range(20)]
    for tab in tabs:
        tab.force_login(member)

    # When all of them ask for a preview at the same moment
    def preview(i):
        response = tabs[i].post(reverse("community:preview"), {"body": f"Preview {i}"})
        return response.status_code, response.get("Retry-After")

    results = run_in_parallel(preview, 20)

    # Then seven are rendered and thirteen answer 429 with Retry-After
    assert sorted(status for status, _ in results) == [200] * 7 + [429] * 13
    assert {after for status, after in results if status == 429} <= {str(n) for n in range(55, 61)}
