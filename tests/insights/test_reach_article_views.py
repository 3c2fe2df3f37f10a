"""Article views, counted by the article page's beacon (knowledge.views.articles.article_viewed):
the running total on the article and one row per day, never by the page's GET."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse

from knowledge.models import Article, ArticleDailyViews
from knowledge.services.view_counts import record_article_view
from tests.factories import StaffFactory
from tests.knowledge.article_helpers import make_article

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"
NOON = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _forget_counted_views():
    cache.clear()
    yield
    cache.clear()


def _viewed_url(article) -> str:
    return reverse(
        "knowledge:article_viewed", kwargs={"section": article.section.slug, "slug": article.slug}
    )


def _counted(article) -> tuple[int, dict[date, int]]:
    total = Article.objects.get(pk=article.pk).view_count
    days = dict(ArticleDailyViews.objects.filter(article=article).values_list("day", "views"))
    return total, days


def test_the_article_page_carries_the_beacon_and_its_get_writes_nothing(
    client, django_assert_max_num_queries
):
    article = make_article(publish=True)
    client.get(article.get_absolute_url())  # warm up
    with django_assert_max_num_queries(8) as captured:
        response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    writes = [q["sql"] for q in captured.captured_queries if not q["sql"].startswith("SELECT")]
    assert writes == []
    assert f'data-view-url="{_viewed_url(article)}"' in response.content.decode()
    assert _counted(article) == (0, {})


def test_a_beacon_counts_once_per_client_in_half_an_hour(client):
    article = make_article(publish=True)
    with time_machine.travel(NOON, tick=False):
        assert client.post(_viewed_url(article), HTTP_USER_AGENT=BROWSER).status_code == 204
        client.post(_viewed_url(article), HTTP_USER_AGENT=BROWSER)
    assert _counted(article) == (1, {date(2026, 6, 15): 1})
    with time_machine.travel(NOON + timedelta(minutes=31), tick=False):
        client.post(_viewed_url(article), HTTP_USER_AGENT=BROWSER)
    assert _counted(article) == (2, {date(2026, 6, 15): 2})


def test_robots_are_not_counted(client):
    article = make_article(publish=True)
    response = client.post(_viewed_url(article), HTTP_USER_AGENT="Googlebot/2.1")
    assert response.status_code == 204
    assert _counted(article) == (0, {})


def test_a_draft_is_404_for_visitors_and_not_counted_for_staff(client):
    article = make_article()  # a draft
    assert client.post(_viewed_url(article), HTTP_USER_AGENT=BROWSER).status_code == 404
    client.force_login(StaffFactory())
    assert client.post(_viewed_url(article), HTTP_USER_AGENT=BROWSER).status_code == 204
    assert _counted(article) == (0, {})


def test_record_article_view_adds_to_the_total_and_the_days_row():
    article = make_article(publish=True)
    day = date(2026, 3, 2)
    record_article_view(article, day)
    record_article_view(article, day)
    record_article_view(article, day + timedelta(days=1))
    assert _counted(article) == (3, {day: 2, day + timedelta(days=1): 1})
