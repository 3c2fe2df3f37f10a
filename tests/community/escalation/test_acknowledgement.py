"""What the asker is told at once: on the page after posting, and by e-mail in their language."""

from datetime import UTC, datetime, time, timedelta
from urllib.parse import urlsplit

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from community.escalation.acknowledgement import (
    acknowledgement_for,
    business_hours_text,
    send_acknowledgement,
)
from community.escalation.business_time import BusinessSchedule
from community.models import EmailKind, OutboxMessage, SupportSettings, Thread
from community.models.escalation import SUPPORT_SETTINGS_CACHE_KEY
from community.services.notices import email_preferences
from tests.factories import MemberFactory, SpaceFactory, make_answer, make_thread

# 2026-03-04 is a Wednesday; 03-07 a Saturday. Berlin is UTC+1 in March (before the 29th).
WEDNESDAY_NOON = datetime(2026, 3, 4, 11, 0, tzinfo=UTC)
SATURDAY_MORNING = datetime(2026, 3, 7, 10, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _fresh_support_settings():
    cache.delete(SUPPORT_SETTINGS_CACHE_KEY)
    yield
    cache.delete(SUPPORT_SETTINGS_CACHE_KEY)


def _ask(client, space, **data):
    payload = {
        "title": "My router keeps restarting",
        "body": "Every ten minutes it restarts itself.",
        "space": space.pk,
        "kind": "question",
        "tags": "",
        "urgency": "normal",
        **data,
    }
    return client.post(reverse("community:ask"), payload, follow=True)


def _ack_text(response) -> str:
    content = response.content.decode()
    start = content.index('class="notice notice--success ack"')
    return " ".join(content[start : content.index("</section>", start)].split())


# --- business hours as text ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("days", "opens", "closes", "english", "german"),
    [
        ({1, 2, 3, 4, 5}, time(8), time(18), "Mon–Fri 08:00–18:00", "Mo–Fr 08:00–18:00"),
        ({1, 2, 3, 5}, time(9), time(17, 30), "Mon–Wed, Fri 09:00–17:30", "Mo–Mi, Fr 09:00–17:30"),
        ({6}, time(22), time(6), "Sat 22:00–06:00", "Sa 22:00–06:00"),
        (set(range(1, 8)), time(0), time(0), "Mon–Sun around the clock", "Mo–So rund um die Uhr"),
    ],
)
def test_business_hours_text_in_both_languages(days, opens, closes, english, german):
    schedule = BusinessSchedule(opens=opens, closes=closes, work_days=frozenset(days))
    with translation.override("en"):
        assert business_hours_text(schedule) == english
    with translation.override("de"):
        assert business_hours_text(schedule) == german


# --- what it says ----------------------------------------------------------------------------


def test_acknowledgement_while_the_team_works(db):
    space = SpaceFactory(first_response_target=90)
    with time_machine.travel(WEDNESDAY_NOON, tick=False):
        ack = acknowledgement_for(make_thread(space=space))
    assert (ack.target, ack.takeover, ack.back_at, ack.typical) == (90, 90, None, None)


def test_acknowledgement_when_the_team_is_closed_says_when_it_is_back(db):
    with time_machine.travel(SATURDAY_MORNING, tick=False):
        ack = acknowledgement_for(make_thread())
    assert ack.back_at == datetime(2026, 3, 9, 7, 0, tzinfo=UTC)  # Monday 08:00 in Berlin


def test_acknowledgement_takeover_follows_the_escalation_share(db):
    SupportSettings(escalate_after=150).save()
    with time_machine.travel(WEDNESDAY_NOON, tick=False):
        ack = acknowledgement_for(make_thread(space=SpaceFactory(first_response_target=60)))
    assert (ack.target, ack.takeover) == (60, 90)


def test_acknowledgement_counts_the_communitys_typical_time(db):
    space = SpaceFactory()
    for minutes in (20, 30, 40):
        thread = make_thread(space=space)
        make_answer(thread=thread)
        Thread.objects.filter(pk=thread.pk).update(
            first_response_at=thread.created_at + timedelta(minutes=minutes)
        )
    assert acknowledgement_for(make_thread(space=space)).typical == timedelta(minutes=30)


# --- on the page ------------------------------------------------------------------------------


def test_page_after_asking_promises_the_takeover_and_shows_the_hours(client, member):
    client.force_login(member)
    space = SpaceFactory(first_response_target=120)
    with time_machine.travel(WEDNESDAY_NOON, tick=False):
        text = _ack_text(_ask(client, space))
    assert "We aim to answer within 2 hours." in text
    assert (
        "If nobody from the community has answered within 2 hours, our support team takes over."
        in text
    )
    assert "Our support team works Mon–Fri 08:00–18:00 (Europe/Berlin)" in text
    assert "closed right now" not in text
    assert "top of the list" not in text  # the old promise is gone


def test_page_after_asking_on_saturday_says_when_the_team_is_back_in_the_members_zone(db, client):
    member = MemberFactory(time_zone="Europe/London")
    client.force_login(member)
    with time_machine.travel(SATURDAY_MORNING, tick=False):
        text = _ack_text(_ask(client, SpaceFactory()))
    # Monday 08:00 in Berlin is 07:00 in London.
    assert (
        "The team is closed right now and back on Monday, March 9 at 07:00 "
        "(your time, Europe/London)." in text
    )


def test_page_after_asking_in_german(db, client):
    member = MemberFactory(locale="de", time_zone="Europe/Berlin")
    client.force_login(member)
    with time_machine.travel(SATURDAY_MORNING, tick=False):
        response = _ask(client, SpaceFactory(first_response_target=60), HTTP_ACCEPT_LANGUAGE="de")
    text = _ack_text(response)
    assert "Mo–Fr 08:00–18:00 (Europe/Berlin)" in text
    assert "Montag, 9. März um 08:00" in text
    assert "übernimmt unser Support-Team" in text


def test_an_idea_is_acknowledged_without_support_promises(member_client):
    response = _ask(member_client, SpaceFactory(), kind="idea")
    text = _ack_text(response)
    assert "your idea is posted" in text
    assert "support team" not in text


# --- by e-mail --------------------------------------------------------------------------------


def test_asking_queues_the_acknowledgement_after_commit(member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks():
        thread = make_thread(author=member)
    message = OutboxMessage.objects.get(task_name="community.send_acknowledgement")
    assert message.kwargs == {"thread_id": thread.pk}


def test_an_idea_gets_no_acknowledgement_email(member):
    make_thread(author=member, kind="idea")
    assert not OutboxMessage.objects.filter(task_name="community.send_acknowledgement").exists()


def _sent_email() -> dict:
    return OutboxMessage.objects.get(task_name="community.send_email").kwargs


def test_acknowledgement_email_in_english_once(db):
    member = MemberFactory(locale="en", time_zone="Europe/Berlin")
    with time_machine.travel(SATURDAY_MORNING, tick=False):
        thread = make_thread(author=member, space=SpaceFactory(first_response_target=60))
        assert send_acknowledgement(thread_id=thread.pk) == 1
        assert send_acknowledgement(thread_id=thread.pk) == 0  # the task ran twice
    email = _sent_email()
    assert email["to"] == [member.email]
    assert email["subject"] == f"Your question is posted: {thread.title}"
    body = email["body"]
    assert "We aim to answer within 1 hour." in body
    assert (
        "If nobody from the community has answered within 1 hour, our support team takes over."
        in body
    )
    assert "Our support team works Mon–Fri 08:00–18:00 (Europe/Berlin)" in body
    assert "back on Monday, March 9 at 08:00 (your time, Europe/Berlin)" in body
    assert thread.get_absolute_url() in body
    assert "our support team takes over" in email["html"]


def test_acknowledgement_email_in_german_with_du(db):
    member = MemberFactory(locale="de", time_zone="Europe/Berlin")
    with time_machine.travel(SATURDAY_MORNING, tick=False):
        thread = make_thread(author=member, title="Router startet ständig neu")
        send_acknowledgement(thread_id=thread.pk)
    email = _sent_email()
    assert email["subject"] == "Deine Frage ist veröffentlicht: Router startet ständig neu"
    body = email["body"]
    assert "Mo–Fr 08:00–18:00 (Europe/Berlin)" in body
    assert "Montag, 9. März um 08:00" in body
    assert "übernimmt unser Support-Team" in body
    assert " Sie " not in body and "Ihre " not in body


def test_the_asker_can_switch_acknowledgement_emails_off_from_the_email(db, client):
    member = MemberFactory(locale="en")
    with time_machine.travel(SATURDAY_MORNING, tick=False):
        first = make_thread(author=member)
        assert send_acknowledgement(thread_id=first.pk) == 1
    email = _sent_email()
    link = email["headers"]["List-Unsubscribe"].strip("<>")
    assert email["headers"]["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert f"Stop these e-mails: {link}" in email["body"]

    # One click from the mail program, no sign-in; the page names what stops.
    path = urlsplit(link).path
    assert "Confirmation of each question I ask" in client.get(path).content.decode()
    client.post(path)
    assert email_preferences(member)[EmailKind.QUESTION_RECEIVED] is False

    second = make_thread(author=member)
    assert send_acknowledgement(thread_id=second.pk) == 0
    assert OutboxMessage.objects.filter(task_name="community.send_email").count() == 1
    # The page right after asking still says what happens next: only the e-mail stops.
    assert acknowledgement_for(second).target


def test_acknowledgement_emails_switched_off_in_the_settings_and_on_again(db, client):
    member = MemberFactory()
    client.force_login(member)
    url = reverse("community:email_preferences")
    assert 'name="question_received"' in client.get(url).content.decode()
    client.post(url, {})  # every box cleared
    assert send_acknowledgement(thread_id=make_thread(author=member).pk) == 0
    client.post(url, {"question_received": "on"})
    assert send_acknowledgement(thread_id=make_thread(author=member).pk) == 1


def test_no_acknowledgement_email_for_a_hidden_question(member):
    thread = make_thread(author=member)
    Thread.objects.filter(pk=thread.pk).update(hidden_at=thread.created_at)
    assert send_acknowledgement(thread_id=thread.pk) == 0
    assert send_acknowledgement(thread_id=0) == 0


# --- questions routing escalates at once ------------------------------------------------------


def test_an_account_problem_is_taken_over_at_once(member_client):
    with time_machine.travel(WEDNESDAY_NOON, tick=False):
        text = _ack_text(_ask(member_client, SpaceFactory(), title="Locked out of my account"))
    assert "so our support team takes over right away." in text
    assert "If nobody from the community" not in text
    assert "Our support team works Mon–Fri 08:00–18:00 (Europe/Berlin)." in text


def test_an_account_problem_waits_for_the_community_when_the_admin_says_so(member_client):
    SupportSettings(escalate_high_priority_triage=False).save()
    with time_machine.travel(WEDNESDAY_NOON, tick=False):
        text = _ack_text(_ask(member_client, SpaceFactory(), title="Locked out of my account"))
    assert "right away" not in text
    assert "If nobody from the community has answered within 1 hour" in text


def test_acknowledgement_email_of_a_payment_problem_on_a_weekend(db):
    member = MemberFactory(locale="en", time_zone="Europe/Berlin")
    with time_machine.travel(SATURDAY_MORNING, tick=False):
        thread = make_thread(author=member, title="I was charged twice for my order")
        send_acknowledgement(thread_id=thread.pk)
    body = _sent_email()["body"]
    assert "so our support team takes over right away." in body
    assert "The team is closed right now and back on Monday, March 9 at 08:00" in body
