"""The weekly e-mail report: who gets it and when (each in their own time zone, once per
week), what it says (headline figures, the five threads in the written order), and in
which language."""

from datetime import UTC, date, datetime, timedelta
from unittest import mock
from urllib.parse import urlsplit

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.cache import cache
from django.utils import timezone

from community.models import EscalationStatus, Thread
from insights import figures as figures_module
from insights import rollups
from insights.figures import Figure, Section
from insights.models import DailyCount, WeeklyReportDelivery
from insights.report import (
    is_report_time,
    managers,
    reported_week,
    threads_needing_attention,
)
from insights.report_tasks import send_weekly_reports
from tests.factories import MemberFactory, StaffFactory, make_answer, make_escalation, make_thread

pytestmark = pytest.mark.django_db

# Monday 9 March 2026: Berlin is on CET (UTC+1), New York already on EDT (UTC-4, since 8 March).
MONDAY = date(2026, 3, 9)
BERLIN_MONDAY_0705 = datetime(2026, 3, 9, 6, 5, tzinfo=UTC)
BERLIN_SUNDAY_0705 = datetime(2026, 3, 8, 6, 5, tzinfo=UTC)
BERLIN_MONDAY_0805 = datetime(2026, 3, 9, 7, 5, tzinfo=UTC)
NEW_YORK_MONDAY_0705 = datetime(2026, 3, 9, 11, 5, tzinfo=UTC)
WEEK = (date(2026, 3, 2), date(2026, 3, 8))


def _test_section(scope, counts):
    """A section like the dashboard's: one headline figure read from the roll-ups, and a
    figure that is not a headline (the report leaves it out)."""
    return Section(
        key="test",
        title="Test",
        figures=[
            Figure(
                key="questions",
                label="New questions",
                value=counts.total("questions"),
                previous=counts.total("questions", previous=True),
                unit="count",
                definition="Questions asked.",
                higher_is_better=True,
                headline=True,
            ),
            Figure(
                key="hidden",
                label="Not a headline",
                value=1,
                previous=1,
                unit="count",
                definition="",
            ),
        ],
    )


@pytest.fixture(autouse=True)
def one_section():
    """Only the test section and no counters: the figures come from the stored rows."""
    with (
        mock.patch.dict(figures_module._SECTIONS, {"test": (1, _test_section)}, clear=True),
        mock.patch.dict(rollups._COUNTERS, {}, clear=True),
        mock.patch.dict(rollups._REFRESHERS, {}, clear=True),
    ):
        cache.clear()
        yield
    cache.clear()


@pytest.fixture
def week_rows():
    """12 questions last week (2–8 March), 8 the week before."""
    DailyCount.objects.create(day=date(2026, 3, 3), metric="questions", value=12)
    DailyCount.objects.create(day=date(2026, 2, 24), metric="questions", value=8)


def _run_at(moment, capture):
    with time_machine.travel(moment, tick=False), capture(execute=True):
        return send_weekly_reports()


def _reports():
    return [message for message in mail.outbox if "week" in message.subject.lower()]


def test_reported_week_is_the_full_week_before_the_monday():
    assert reported_week(MONDAY) == WEEK


def test_manager_in_berlin_gets_it_on_monday_morning_not_sunday_and_once(
    week_rows, django_capture_on_commit_callbacks
):
    manager = StaffFactory(time_zone="Europe/Berlin", display_name="Mia Manager")

    assert _run_at(BERLIN_SUNDAY_0705, django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []

    assert _run_at(BERLIN_MONDAY_0705, django_capture_on_commit_callbacks) == 1
    (message,) = mail.outbox
    assert message.to == [manager.email]
    assert WeeklyReportDelivery.objects.get().week_start == WEEK[0]

    # The next hour, and a second worker at the same time: nothing more.
    assert _run_at(BERLIN_MONDAY_0705, django_capture_on_commit_callbacks) == 0
    assert _run_at(BERLIN_MONDAY_0805, django_capture_on_commit_callbacks) == 0
    assert len(mail.outbox) == 1
    assert WeeklyReportDelivery.objects.count() == 1


def test_manager_in_new_york_gets_it_at_their_monday_morning(
    week_rows, django_capture_on_commit_callbacks
):
    berlin = StaffFactory(time_zone="Europe/Berlin")
    new_york = StaffFactory(time_zone="America/New_York")

    _run_at(BERLIN_MONDAY_0705, django_capture_on_commit_callbacks)
    assert [message.to for message in mail.outbox] == [[berlin.email]]  # 02:05 in New York

    _run_at(NEW_YORK_MONDAY_0705, django_capture_on_commit_callbacks)
    assert [message.to for message in mail.outbox] == [[berlin.email], [new_york.email]]
    # The same week for both: the support team's calendar.
    assert set(WeeklyReportDelivery.objects.values_list("week_start", flat=True)) == {WEEK[0]}


def test_report_time_is_monday_0700_to_1159_local():
    member = MemberFactory.build(time_zone="Europe/Berlin")
    assert not is_report_time(member, datetime(2026, 3, 9, 5, 59, tzinfo=UTC))  # 06:59
    assert is_report_time(member, datetime(2026, 3, 9, 6, 0, tzinfo=UTC))  # 07:00
    assert is_report_time(member, datetime(2026, 3, 9, 10, 59, tzinfo=UTC))  # 11:59
    assert not is_report_time(member, datetime(2026, 3, 9, 11, 0, tzinfo=UTC))  # 12:00
    assert not is_report_time(member, datetime(2026, 3, 10, 6, 5, tzinfo=UTC))  # Tuesday


def test_only_managers_get_it(week_rows, django_capture_on_commit_callbacks):
    zone = {"time_zone": "Europe/Berlin"}
    customer = MemberFactory(**zone)
    permission = Permission.objects.get(codename="view_insights")
    direct = MemberFactory(**zone)
    direct.user_permissions.add(permission)
    group, _ = Group.objects.get_or_create(name="Community managers")
    group.permissions.add(permission)
    by_group = MemberFactory(**zone)
    by_group.groups.add(group)
    staff = StaffFactory(**zone)
    StaffFactory(is_active=False, **zone)

    assert set(managers()) == {direct, by_group, staff}
    _run_at(BERLIN_MONDAY_0705, django_capture_on_commit_callbacks)
    recipients = {address for message in mail.outbox for address in message.to}
    assert recipients == {direct.email, by_group.email, staff.email}
    assert customer.email not in recipients


def test_a_manager_can_switch_the_report_off_from_the_email_or_the_settings(
    week_rows, client, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    zone = {"time_zone": "Europe/Berlin"}
    manager, colleague = StaffFactory(**zone), StaffFactory(**zone)
    _run_at(BERLIN_MONDAY_0705, django_capture_on_commit_callbacks)
    message = next(message for message in mail.outbox if message.to == [manager.email])
    link = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert link in message.body and link.startswith("http")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # One click from the mail program (no sign-in); the page first asks (a GET never writes).
    path = urlsplit(link).path
    assert "weekly community report" in client.get(path).content.decode()
    assert set(managers()) == {manager, colleague}
    client.post(path)
    assert set(managers()) == {colleague}

    # The settings page offers the switch to managers only, and turns it back on.
    client.force_login(manager)
    url = reverse("community:email_preferences")
    assert 'name="weekly_report"' in client.get(url).content.decode()
    client.post(url, {"weekly_report": "on"})
    assert set(managers()) == {manager, colleague}
    client.force_login(MemberFactory())
    assert 'name="weekly_report"' not in client.get(url).content.decode()


def test_report_has_the_headline_figures_against_the_week_before(
    week_rows, django_capture_on_commit_callbacks
):
    StaffFactory(time_zone="Europe/Berlin")
    _run_at(BERLIN_MONDAY_0705, django_capture_on_commit_callbacks)

    (message,) = mail.outbox
    assert message.subject == "Your community's week: 03/02/2026 – 03/08/2026"
    assert "New questions: 12 ↑ (week before: 8; better than the week before)" in message.body
    assert "Not a headline" not in message.body
    (html,) = [content for content, kind in message.alternatives if kind == "text/html"]
    assert "New questions" in html and "<strong>12</strong>" in html
    assert "better than the week before" in html and "week before: 8" in html


def test_german_manager_reads_it_in_german(week_rows, django_capture_on_commit_callbacks):
    StaffFactory(time_zone="Europe/Berlin", locale="de", display_name="Greta")
    with time_machine.travel(BERLIN_MONDAY_0705 - timedelta(days=1), tick=False):
        make_thread(title="Rechnung fehlt")
    _run_at(BERLIN_MONDAY_0705, django_capture_on_commit_callbacks)

    (message,) = mail.outbox
    assert message.subject.startswith("Die Woche deiner Community")
    assert "Hallo Greta," in message.body
    assert "besser als in der Woche davor" in message.body
    assert "Woche davor: 8" in message.body
    assert "Fünf Themen, die am dringendsten Aufmerksamkeit brauchen" in message.body
    assert "noch keine Antwort" in message.body
    (html,) = [content for content, kind in message.alternatives if kind == "text/html"]
    assert '<html lang="de">' in html


# --- the five threads -------------------------------------------------------------------------


def _thread(title, *, age_hours, answered=False, **fields):
    thread = make_thread(title=title)
    if answered:
        make_answer(thread=thread)
    created = timezone.now() - timedelta(hours=age_hours)
    Thread.objects.filter(pk=thread.pk).update(created_at=created, **fields)
    return thread


def test_threads_needing_attention_in_the_written_order(django_capture_on_commit_callbacks):
    now = timezone.now()
    hour = timedelta(hours=1)
    # 1. an open escalation past its first-response due time, though a P3 without "me too"s
    overdue = _thread("Overdue escalation", age_hours=3, answered=True)
    make_escalation(thread=overdue, first_response_due_at=now - hour, priority=3)
    # an escalation whose solution is overdue, though staff responded: also overdue, P2
    late_solution = _thread("Solution overdue", age_hours=50, answered=True)
    make_escalation(
        thread=late_solution,
        first_response_due_at=now - 40 * hour,
        first_staff_response_at=now - 45 * hour,
        solution_due_at=now - hour,
        priority=2,
    )
    # 2. then priority: P1 by triage, then P2 by its open escalation (not yet due)
    p1 = _thread("Priority one", age_hours=1, answered=True, priority=1)
    escalated_p2 = _thread("Escalated at P2", age_hours=1, answered=True)
    make_escalation(thread=escalated_p2, first_response_due_at=now + hour, priority=2)
    # 3. then "me too"s, 4. then unanswered, 5. then the oldest
    many = _thread("Many me too", age_hours=2, answered=True, me_too_count=5)
    unanswered = _thread("Nobody answered", age_hours=2)
    old_answered = _thread("Old and answered", age_hours=30, answered=True)
    new_answered = _thread("New and answered", age_hours=1, answered=True)
    # Not listed: solved, hidden, not a question, a resolved escalation that was late.
    solved = _thread("Solved already", age_hours=5, answered=True)
    answer = solved.posts.filter(is_opening=False).first()
    Thread.objects.filter(pk=solved.pk).update(status="solved", solution=answer)
    _thread("Hidden by a moderator", age_hours=5, hidden_at=now)
    _thread("A discussion", age_hours=5, kind="discussion")
    resolved = _thread("Resolved late escalation", age_hours=60, answered=True)
    make_escalation(
        thread=resolved,
        first_response_due_at=now - 50 * hour,
        status=EscalationStatus.RESOLVED,
        resolved_at=now - hour,
    )

    ranked = threads_needing_attention(now, limit=20)

    assert [thread.title for thread in ranked] == [
        late_solution.title,  # overdue, P2
        overdue.title,  # overdue, P3
        p1.title,
        escalated_p2.title,
        many.title,
        unanswered.title,
        resolved.title,  # P3, answered, 60 hours old
        old_answered.title,
        new_answered.title,
    ]
    assert [thread.pk for thread in threads_needing_attention(now)] == [
        late_solution.pk,
        overdue.pk,
        p1.pk,
        escalated_p2.pk,
        many.pk,
    ]


def test_report_lists_the_five_threads_in_order_with_absolute_links(
    django_capture_on_commit_callbacks,
):
    with time_machine.travel(BERLIN_MONDAY_0705 - timedelta(days=1), tick=False):
        titles = [f"Question {number}" for number in range(1, 7)]
        for position, title in enumerate(titles):
            _thread(title, age_hours=20 - position, me_too_count=6 - position)
    StaffFactory(time_zone="Europe/Berlin")
    _run_at(BERLIN_MONDAY_0705, django_capture_on_commit_callbacks)

    (message,) = mail.outbox
    body = message.body
    positions = [body.index(f"{number}. Question {number}") for number in range(1, 6)]
    assert positions == sorted(positions)
    assert "Question 6" not in body
    assert "Open questions, ranked by: an escalation past its due time first" in body
    thread = Thread.objects.get(title="Question 1")
    assert f"   {settings.SITE_URL}{thread.get_absolute_url()}\n" in body
    (html,) = [content for content, kind in message.alternatives if kind == "text/html"]
    assert f'href="{settings.SITE_URL}{thread.get_absolute_url()}"' in html
