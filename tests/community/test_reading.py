"""What members read, recorded for trust levels: visit days, threads opened, reading time.
Visitors' requests write nothing."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from community.models import ContentVersion, MemberVisit, ThreadRead
from community.services.reading import (
    MAX_SECONDS_PER_DAY,
    MAX_SECONDS_PER_REPORT,
    member_today,
    record_reading_time,
    record_thread_read,
)
from tests.factories import MemberFactory, make_thread

pytestmark = pytest.mark.django_db
NOON = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)


def _reading_url(thread) -> str:
    return reverse("community:report_reading", kwargs={"pk": thread.pk})


def test_a_visitors_get_writes_nothing(client, django_assert_max_num_queries):
    thread = make_thread()
    visits, reads = MemberVisit.objects.count(), ThreadRead.objects.count()
    with django_assert_max_num_queries(20) as captured:
        assert client.get(thread.get_absolute_url()).status_code == 200
    writes = [q["sql"] for q in captured.captured_queries if not q["sql"].startswith("SELECT")]
    assert writes == []
    assert (MemberVisit.objects.count(), ThreadRead.objects.count()) == (visits, reads)


def test_a_visitor_cannot_report_reading(client):
    thread = make_thread()
    response = client.post(_reading_url(thread), {"seconds": "30"})
    assert response.status_code == 403
    assert not MemberVisit.objects.exists() and not ThreadRead.objects.exists()


def test_the_first_request_of_the_day_records_the_visit_and_later_ones_write_nothing(client):
    member = MemberFactory()
    with time_machine.travel(NOON, tick=False):
        client.force_login(member)  # signing in is a visit
        assert list(MemberVisit.objects.values_list("member", "day")) == [(member.pk, NOON.date())]
    with time_machine.travel(NOON + timedelta(days=1), tick=False):
        client.get(reverse("community:home"))
        client.get(reverse("community:home"))
    days = MemberVisit.objects.filter(member=member).values_list("day", flat=True)
    assert sorted(days) == [NOON.date(), NOON.date() + timedelta(days=1)]


def test_a_later_request_the_same_day_costs_no_query_for_the_visit(
    client, django_assert_max_num_queries
):
    member = MemberFactory()
    client.force_login(member)
    url = reverse("community:tags")
    client.get(url)
    with django_assert_max_num_queries(20) as captured:
        client.get(url)
    assert not any("community_membervisit" in q["sql"] for q in captured.captured_queries)


def test_the_visit_day_is_the_members_own_calendar_day():
    member = MemberFactory(time_zone="Pacific/Auckland")  # UTC+12 in June
    with time_machine.travel(datetime(2026, 6, 15, 13, 0, tzinfo=UTC), tick=False):
        assert member_today(member) == date(2026, 6, 16)


def test_opening_a_thread_counts_it_once_per_member_and_thread(client):
    member, thread = MemberFactory(), make_thread()
    client.force_login(member)
    for _report in range(3):
        assert client.post(_reading_url(thread), {"seconds": "0"}).status_code == 204
    record_thread_read(member=member, thread=make_thread())
    visit = MemberVisit.objects.get(member=member)
    assert visit.threads_read == 2
    assert ThreadRead.objects.filter(member=member).count() == 2


def test_reading_time_is_capped_per_report_and_per_day():
    member = MemberFactory()
    record_reading_time(member=member, seconds=30)
    record_reading_time(member=member, seconds=10_000)  # a forged report
    record_reading_time(member=member, seconds=-50)
    visit = MemberVisit.objects.get(member=member)
    assert visit.seconds_read == 30 + MAX_SECONDS_PER_REPORT
    for _report in range(MAX_SECONDS_PER_DAY // MAX_SECONDS_PER_REPORT + 5):
        record_reading_time(member=member, seconds=MAX_SECONDS_PER_REPORT)
    visit.refresh_from_db()
    assert visit.seconds_read == MAX_SECONDS_PER_DAY


def test_a_reading_report_is_a_204_that_leaves_visitors_pages_cached(client):
    member, thread = MemberFactory(), make_thread()
    client.force_login(member)
    before = ContentVersion.objects.values_list("number", flat=True).first()
    response = client.post(_reading_url(thread), {"seconds": "45"})
    assert response.status_code == 204
    assert ContentVersion.objects.values_list("number", flat=True).first() == before
    assert MemberVisit.objects.get(member=member).seconds_read == 45


def test_bad_reading_reports_are_refused_without_a_500(client):
    member, thread = MemberFactory(), make_thread()
    client.force_login(member)
    assert client.post(_reading_url(thread), {"seconds": "lots"}).status_code == 204
    assert client.get(_reading_url(thread)).status_code == 405
    assert client.post(reverse("community:report_reading", kwargs={"pk": 999})).status_code == 404
    assert MemberVisit.objects.get(member=member).seconds_read == 0


def test_the_thread_page_loads_the_reading_module_for_members_only(client):
    thread = make_thread()
    assert "js/reading.js" not in client.get(thread.get_absolute_url()).content.decode()
    client.force_login(MemberFactory())
    page = client.get(thread.get_absolute_url()).content.decode()
    assert f'data-reading-url="{_reading_url(thread)}"' in page
