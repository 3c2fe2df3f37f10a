"""Every escalation event to the support team by e-mail, in each member's language."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.core import mail

from community.escalation.events import record_event
from community.escalation.team_mail import send_event_emails
from community.models import EscalationEventKind, EscalationStatus
from tests.factories import MemberFactory, StaffFactory, make_escalation, make_thread

pytestmark = pytest.mark.django_db

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def team():
    return {
        "en": StaffFactory(username="alex", display_name="Alex Agent", locale="en"),
        "de": StaffFactory(username="kim", display_name="Kim Kundendienst", locale="de"),
    }


def _record(django_capture_on_commit_callbacks, **kwargs):
    with time_machine.travel(START, tick=False), django_capture_on_commit_callbacks(execute=True):
        return record_event(**kwargs)


def _mail_to(member):
    [message] = [message for message in mail.outbox if message.to == [member.email]]
    return message


def test_an_escalation_is_mailed_to_each_staff_member_in_their_language(
    team, django_capture_on_commit_callbacks
):
    member = MemberFactory(email="customer@example.com")
    thread = make_thread(author=member, title="Invoice PDF does not open")
    escalation = make_escalation(
        thread=thread, reasons=["no_first_response"], priority=1, solution_due_at=START
    )
    mail.outbox = []
    _record(
        django_capture_on_commit_callbacks,
        escalation=escalation,
        kind=EscalationEventKind.CREATED,
        data={"reasons": ["no_first_response"]},
    )

    english, german = _mail_to(team["en"]), _mail_to(team["de"])
    assert english.subject == "P1 · Escalated: Invoice PDF does not open"
    assert "The thread was escalated to the support team." in english.body
    assert "No reply within the first-response target" in english.body
    assert "Hello Alex Agent," in english.body
    assert "Priority: P1 urgent" in english.body
    assert escalation.thread.get_absolute_url() in english.body
    assert "customer@example.com" not in english.body
    html = english.alternatives[0][0]
    assert "Open it on the support desk" in html
    assert german.subject.startswith("P1 · ")
    assert "Invoice PDF does not open" in german.subject
    assert "Hallo Kim Kundendienst," in german.body
    assert "Eskaliert" in german.subject
    assert "an das Support-Team" in german.body
    assert len(mail.outbox) == 2


def test_the_member_who_made_the_change_is_not_mailed_about_it(
    team, django_capture_on_commit_callbacks
):
    escalation = make_escalation(priority=2)
    mail.outbox = []
    _record(
        django_capture_on_commit_callbacks,
        escalation=escalation,
        kind=EscalationEventKind.STATUS_CHANGED,
        by=team["en"],
        data={"from": EscalationStatus.NEW, "to": EscalationStatus.IN_PROGRESS},
    )
    assert [message.to for message in mail.outbox] == [[team["de"].email]]
    message = mail.outbox[0]
    assert message.subject.startswith("P2 · Status geändert: ")
    assert "Status geändert von Neu zu In Arbeit." in message.body


@pytest.mark.parametrize(
    ("kind", "data", "english"),
    [
        (EscalationEventKind.PRIORITY_CHANGED, {"from": 3, "to": 1},
         "Priority changed from P3 normal to P1 urgent."),
        (EscalationEventKind.NOTE_ADDED, {"note_id": 3}, "Kim Kundendienst added an internal note."),
        (EscalationEventKind.CUSTOMER_REPLIED, {}, "The customer replied in the private conversation."),
        (EscalationEventKind.TICKET_LINKED, {"to": "ZD-7"}, "Linked to helpdesk ticket ZD-7."),
        (EscalationEventKind.RESOLVED, {}, "Kim Kundendienst resolved the escalation."),
        (EscalationEventKind.SURVEY_ANSWERED, {"score": 4},
         "The customer rated the support 4 out of 5."),
    ],
)  # fmt: skip
def test_each_kind_of_change_is_told_in_a_sentence(
    team, django_capture_on_commit_callbacks, kind, data, english
):
    escalation = make_escalation()
    mail.outbox = []
    _record(
        django_capture_on_commit_callbacks,
        escalation=escalation,
        kind=kind,
        by=team["de"],
        data=data,
    )
    assert english in _mail_to(team["en"]).body


def test_assignment_names_the_assignee(team, django_capture_on_commit_callbacks):
    escalation = make_escalation(assignee=team["de"])
    mail.outbox = []
    _record(
        django_capture_on_commit_callbacks,
        escalation=escalation,
        kind=EscalationEventKind.ASSIGNED,
        by=team["en"],
        data={"from": None, "to": team["de"].pk},
    )
    assert "Dir zugewiesen" not in _mail_to(team["de"]).body  # no invented wording
    assert "Zugewiesen an Kim Kundendienst." in _mail_to(team["de"]).body


def test_a_second_run_of_the_task_sends_nothing_more(team, django_capture_on_commit_callbacks):
    event = _record(
        django_capture_on_commit_callbacks,
        escalation=make_escalation(),
        kind=EscalationEventKind.CUSTOMER_REPLIED,
    )
    sent = len(mail.outbox)
    assert sent == 2
    with django_capture_on_commit_callbacks(execute=True):
        assert send_event_emails(event_id=event.pk) == 0
    assert len(mail.outbox) == sent


def test_inactive_staff_and_members_get_no_team_mail(db, django_capture_on_commit_callbacks):
    StaffFactory(is_active=False)
    MemberFactory()
    _record(
        django_capture_on_commit_callbacks,
        escalation=make_escalation(),
        kind=EscalationEventKind.CREATED,
    )
    assert mail.outbox == []
