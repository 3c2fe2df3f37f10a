"""Private messages to the support team: opening, replying, closing, and who is told."""

import pytest
from django.core.exceptions import ValidationError

from community.models import (
    AuditAction,
    AuditEntry,
    CaseMessage,
    CaseStatus,
    Notification,
    NotificationKind,
    OutboxMessage,
    SupportCase,
)
from community.services.cases import (
    case_title_for_thread,
    close_case,
    notify_case_message,
    open_private_case,
    reply_to_case,
)
from community.signals import case_closed, case_opened, case_replied
from tests.factories import StaffFactory, make_thread

BODY = "Meine IBAN ist DE89 3704 0044 0532 0130 00, die Abbuchung klappt nicht."


def test_open_private_case_keeps_personal_data_and_tells_the_support_team(member, staff):
    other_staff = StaffFactory()
    case = open_private_case(by=member, title="Abbuchung fehlgeschlagen", body=BODY)

    assert case.status == CaseStatus.OPEN
    message = case.messages.get()
    assert message.body == BODY  # private: personal data is allowed here
    assert "DE89" in message.body_html
    entries = Notification.objects.filter(kind=NotificationKind.CASE_OPENED)
    assert {entry.recipient for entry in entries} == {staff, other_staff}
    assert all(entry.url == case.get_absolute_url() for entry in entries)
    outbox = OutboxMessage.objects.get(task_name="community.notify_case_message")
    assert outbox.kwargs == {"case_id": case.pk, "by_id": member.pk}


def test_open_private_case_needs_a_title_and_a_text(member):
    with pytest.raises(ValidationError):
        open_private_case(by=member, title="  ", body=BODY)
    with pytest.raises(ValidationError):
        open_private_case(by=member, title="Hallo", body="")
    assert not SupportCase.objects.exists()


def test_case_title_for_thread_names_the_thread(member):
    thread = make_thread(author=member, title="Router verliert die Verbindung")
    assert case_title_for_thread(thread) == "About: Router verliert die Verbindung"


def test_reply_to_case_by_staff_answers_it_and_tells_the_author(member, staff):
    case = open_private_case(by=member, title="Abbuchung", body=BODY)
    reply_to_case(case=case, by=staff, body="Danke, ich habe die Abbuchung neu angestoßen.")

    case.refresh_from_db()
    assert case.status == CaseStatus.ANSWERED
    assert Notification.objects.get(recipient=member).kind == NotificationKind.CASE_REPLIED
    assert OutboxMessage.objects.filter(task_name="community.notify_case_message").count() == 2


def test_reply_to_case_by_the_author_opens_it_again(member, staff):
    case = open_private_case(by=member, title="Abbuchung", body=BODY)
    reply_to_case(case=case, by=staff, body="Ist es jetzt erledigt?")
    reply_to_case(case=case, by=member, body="Leider noch nicht, es kam wieder zurück.")
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN
    assert CaseMessage.objects.filter(case=case).count() == 3


def test_close_case_by_staff_is_audited_once(member, staff, listen):
    calls = listen(case_closed)
    case = open_private_case(by=member, title="Abbuchung", body=BODY)
    close_case(case=case, by=staff)
    close_case(case=case, by=staff)  # nothing changes the second time
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    assert AuditEntry.objects.filter(action=AuditAction.CLOSE_CASE).count() == 1
    assert calls == [{"sender": SupportCase, "case": case, "by": staff}]


def test_close_case_by_its_author_is_not_audited(member):
    case = open_private_case(by=member, title="Abbuchung", body=BODY)
    close_case(case=case, by=member)
    assert not AuditEntry.objects.exists()


def test_case_opened_and_case_replied_reach_a_receiver(member, staff, listen):
    opened, replied = listen(case_opened), listen(case_replied)
    case = open_private_case(by=member, title="Abbuchung", body=BODY)
    message = reply_to_case(case=case, by=staff, body="Wir kümmern uns darum.")
    assert opened == [
        {"sender": SupportCase, "case": case, "message": case.messages.first(), "by": member}
    ]
    assert replied == [{"sender": SupportCase, "case": case, "message": message, "by": staff}]


def test_notify_case_message_emails_without_the_text_once_per_message(member, staff):
    case = open_private_case(by=member, title="IBAN DE89370400440532013000", body=BODY)
    assert notify_case_message(case_id=case.pk, by_id=member.pk) == 1
    assert notify_case_message(case_id=case.pk, by_id=member.pk) == 0  # the task ran twice
    queued = OutboxMessage.objects.filter(task_name="community.send_email")
    assert queued.count() == 1
    email = queued.get().kwargs
    assert email["to"] == [staff.email]
    assert "DE89" not in email["subject"] + email["body"] + email["html"]
    assert case.get_absolute_url() in email["body"]

    reply_to_case(case=case, by=staff, body="Erledigt, bitte prüfe es.")
    assert notify_case_message(case_id=case.pk, by_id=staff.pk) == 1
    assert [message.kwargs["to"] for message in queued.order_by("pk")] == [
        [staff.email],
        [member.email],
    ]
