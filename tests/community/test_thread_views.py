"""Thread views, counted per day by the page's beacon (community.views.reading.thread_viewed),
never by the page's GET."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse

from community.models import ContentVersion, SupportSettings, ThreadDailyViews
from community.services.posts import hide_post, thread_slug
from community.services.view_counts import (
    looks_like_a_robot,
    record_thread_view,
    support_today,
)
from tests.factories import MemberFactory, StaffFactory, make_thread

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
NOON = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _forget_counted_views():
    """The once-per-window marks live in the cache, which outlives a test's rollback."""
    cache.clear()
    yield
    cache.clear()


def _viewed_url(thread) -> str:
    return reverse("community:thread_viewed", kwargs={"pk": thread.pk})


def _views(thread) -> dict[date, int]:
    return dict(ThreadDailyViews.objects.filter(thread=thread).values_list("day", "views"))


def test_the_thread_page_carries_the_beacon_and_its_get_writes_nothing(
    client, django_assert_max_num_queries
):
    thread = make_thread()
    client.get(thread.get_absolute_url())  # warm up (cached settings, fragments)
    with django_assert_max_num_queries(20) as captured:
        response = client.get(thread.get_absolute_url())
    writes = [q["sql"] for q in captured.captured_queries if not q["sql"].startswith("SELECT")]
    assert writes == []
    assert not ThreadDailyViews.objects.exists()
    page = response.content.decode()
    assert "js/views.js" in page
    assert f'data-view-url="{_viewed_url(thread)}"' in page


def test_a_beacon_counts_one_view_on_the_support_teams_day(client):
    thread = make_thread()
    with time_machine.travel(NOON, tick=False):
        response = client.post(_viewed_url(thread), HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 204
    assert _views(thread) == {date(2026, 6, 15): 1}


def test_the_support_teams_time_zone_decides_the_day(client):
    SupportSettings.objects.update_or_create(pk=1, defaults={"time_zone": "Pacific/Auckland"})
    cache.clear()
    thread = make_thread()
    with time_machine.travel(NOON, tick=False):  # already midnight past in Auckland
        client.post(_viewed_url(thread), HTTP_USER_AGENT=BROWSER)
        assert support_today() == date(2026, 6, 16)
    assert _views(thread) == {date(2026, 6, 16): 1}


def test_a_client_counts_once_per_thread_in_half_an_hour(client):
    thread, other = make_thread(), make_thread()
    with time_machine.travel(NOON, tick=False):
        for _ in range(3):
            assert client.post(_viewed_url(thread), HTTP_USER_AGENT=BROWSER).status_code == 204
        client.post(_viewed_url(other), HTTP_USER_AGENT=BROWSER)  # another thread counts
    with time_machine.travel(NOON + timedelta(minutes=29), tick=False):
        client.post(_viewed_url(thread), HTTP_USER_AGENT=BROWSER)
    assert _views(thread) == {date(2026, 6, 15): 1}
    with time_machine.travel(NOON + timedelta(minutes=31), tick=False):
        client.post(_viewed_url(thread), HTTP_USER_AGENT=BROWSER)
    assert _views(thread) == {date(2026, 6, 15): 2}
    assert _views(other) == {date(2026, 6, 15): 1}


def test_two_members_are_two_clients(client):
    thread = make_thread()
    for member in (MemberFactory(), MemberFactory()):
        client.force_login(member)
        client.post(_viewed_url(thread), HTTP_USER_AGENT=BROWSER)
    assert sum(_views(thread).values()) == 2


@pytest.mark.parametrize(
    "user_agent",
    [
        "",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0)",
        "facebookexternalhit/1.1",
        "curl/8.5.0",
        "python-requests/2.32",
        "Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/120.0",
    ],
)
def test_robots_get_204_and_are_not_counted(client, user_agent):
    thread = make_thread()
    response = client.post(_viewed_url(thread), HTTP_USER_AGENT=user_agent)
    assert response.status_code == 204
    assert not ThreadDailyViews.objects.exists()


def test_browsers_are_not_robots():
    assert not looks_like_a_robot(BROWSER)
    assert not looks_like_a_robot(
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
    )


def test_a_hidden_thread_is_404_for_visitors_and_counted_for_moderators(client):
    thread = make_thread()
    hide_post(post=thread.posts.get(is_opening=True), by=StaffFactory(), reason="Spam")
    response = client.post(_viewed_url(thread), HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 404
    assert not ThreadDailyViews.objects.exists()
    client.force_login(StaffFactory())
    assert client.post(_viewed_url(thread), HTTP_USER_AGENT=BROWSER).status_code == 204
    assert sum(_views(thread).values()) == 1


def test_an_unknown_thread_is_404(client):
    assert client.post("/t/999999/viewed/", HTTP_USER_AGENT=BROWSER).status_code == 404


def test_a_get_is_refused(client):
    thread = make_thread()
    assert client.get(_viewed_url(thread), HTTP_USER_AGENT=BROWSER).status_code == 405
    assert not ThreadDailyViews.objects.exists()


def test_the_beacon_needs_no_csrf_token_and_leaves_visitors_pages_alone(client):
    """A member's beacon is a POST, but it changes nothing a visitor sees: the content
    version (community.caching) must not move on every view."""
    from django.test import Client

    checked = Client(enforce_csrf_checks=True)
    checked.force_login(MemberFactory())
    thread = make_thread()
    before = list(ContentVersion.objects.values_list("number", flat=True))
    assert checked.post(_viewed_url(thread), HTTP_USER_AGENT=BROWSER).status_code == 204
    assert list(ContentVersion.objects.values_list("number", flat=True)) == before
    assert sum(_views(thread).values()) == 1


def test_record_thread_view_adds_to_the_days_row():
    thread = make_thread()
    day = date(2026, 3, 2)
    record_thread_view(thread, day)
    record_thread_view(thread, day)
    record_thread_view(thread, day + timedelta(days=1))
    assert _views(thread) == {day: 2, day + timedelta(days=1): 1}


def test_a_thread_titled_viewed_gets_a_slug_the_beacon_does_not_shadow():
    assert thread_slug("Viewed") == "viewed-thread"
