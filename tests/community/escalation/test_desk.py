"""The desk's services: transitions, permissions, events, audit rows, the private channel
and the resolution."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from community.escalation import desk
from community.models import (
    AuditAction,
    AuditEntry,
    CaseStatus,
    EscalationEventKind,
    EscalationStatus,
    Notification,
    NotificationKind,
    OutboxMessage,
    Priority,
    SatisfactionSurvey,
)
from community.services.cases import reply_to_case
from tests.factories import MemberFactory, StaffFactory, make_answer, make_escalation, make_thread

NOON = datetime(2026, 3, 2, 11, 0, tzinfo=UTC)


@pytest.fixture
def escalation(member):
    return make_escalation(thread=make_thread(author=member))


def kinds(escalation):
    return list(escalation.events.values_list("kind", flat=True))


def test_claim_assigns_to_self_and_acknowledges(escalation, staff):
    with time_machine.travel(NOON, tick=False):
        desk.claim(escalation=escalation, by=staff)
    escalation.refresh_from_db()
    assert escalation.assignee == staff
    assert escalation.status == EscalationStatus.ACKNOWLEDGED
    assert escalation.acknowledged_at == NOON
    assert kinds(escalation) == [EscalationEventKind.ASSIGNED, EscalationEventKind.STATUS_CHANGED]
    assert escalation.events.last().data == {"from": "new", "to": "acknowledged"}


def test_only_staff_work_escalations(escalation, member):
    for service, kwargs in (
        (desk.claim, {}),
        (desk.change_status, {"status": EscalationStatus.ACKNOWLEDGED}),
        (desk.change_priority, {"priority": Priority.URGENT}),
        (desk.add_note, {"body": "Looks like an outage."}),
        (desk.link_ticket, {"ticket_id": "ZD-1"}),
        (desk.resolve, {"note": "It works again now, sorry for that."}),
    ):
        with pytest.raises(PermissionDenied):
            service(escalation=escalation, by=member, **kwargs)
    assert not escalation.events.exists()


def test_assign_only_to_staff(escalation, staff, other_member):
    with pytest.raises(ValidationError):
        desk.assign(escalation=escalation, assignee=other_member, by=staff)
    colleague = StaffFactory()
    desk.assign(escalation=escalation, assignee=colleague, by=staff)
    desk.assign(escalation=escalation, assignee=colleague, by=staff)  # no change, no event
    desk.assign(escalation=escalation, assignee=None, by=None)
    escalation.refresh_from_db()
    assert escalation.assignee is None
    assert [e.data for e in escalation.events.all()] == [
        {"from": None, "to": colleague.pk},
        {"from": colleague.pk, "to": None},
    ]


def test_status_transitions(escalation, staff):
    with pytest.raises(ValidationError, match="cannot go"):
        desk.change_status(escalation=escalation, status=EscalationStatus.WAITING_ON_CUSTOMER,
                           by=staff)  # fmt: skip
    with pytest.raises(ValidationError, match="resolution note"):
        desk.change_status(escalation=escalation, status=EscalationStatus.RESOLVED, by=staff)
    with pytest.raises(ValidationError):
        desk.change_status(escalation=escalation, status="bogus", by=staff)
    for status in ("acknowledged", "in_progress", "waiting", "in_progress"):
        desk.change_status(escalation=escalation, status=status, by=staff)
        assert escalation.status == status
    with pytest.raises(ValidationError):
        desk.change_status(escalation=escalation, status=EscalationStatus.NEW, by=staff)
    assert kinds(escalation) == [EscalationEventKind.STATUS_CHANGED] * 4
    assert escalation.acknowledged_at is not None


def test_change_priority_explains_and_audits(escalation, staff):
    desk.change_priority(escalation=escalation, priority=1, by=staff, reason="Payment fails")
    escalation.refresh_from_db()
    assert escalation.priority == Priority.URGENT
    assert escalation.priority_reasons[-1] == {
        "code": "staff",
        "text": f"set by {staff.public_name}: Payment fails",
    }
    assert escalation.events.get().data == {"from": 3, "to": 1}
    entry = AuditEntry.objects.get(action=AuditAction.CHANGE_PRIORITY)
    assert entry.actor == staff and entry.target_id == escalation.pk
    desk.change_priority(escalation=escalation, priority=1, by=staff)  # unchanged: nothing
    desk.change_priority(escalation=escalation, priority=2, by=None)  # the helpdesk: no audit
    assert AuditEntry.objects.filter(action=AuditAction.CHANGE_PRIORITY).count() == 1
    assert escalation.events.count() == 2
    with pytest.raises(ValidationError):
        desk.change_priority(escalation=escalation, priority=7, by=staff)


def test_notes_are_rendered_and_recorded(escalation, staff):
    note = desk.add_note(escalation=escalation, by=staff, body="Checked the **logs**.")
    assert "<strong>logs</strong>" in note.body_html
    assert escalation.events.get().data == {"note_id": note.pk}
    with pytest.raises(ValidationError):
        desk.add_note(escalation=escalation, by=staff, body="   ")


def test_link_ticket(escalation, staff):
    desk.link_ticket(escalation=escalation, ticket_id=" ZD-123 ", by=staff)
    assert escalation.external_ticket_id == "ZD-123"
    desk.link_ticket(escalation=escalation, ticket_id="ZD-123", by=None)
    assert escalation.events.get().data == {"from": "", "to": "ZD-123"}
    with pytest.raises(ValidationError):
        desk.link_ticket(escalation=escalation, ticket_id="x" * 101, by=staff)


def test_private_channel_talks_both_ways(escalation, member, staff):
    with time_machine.travel(NOON, tick=False):
        case = desk.open_private_channel(
            escalation=escalation, by=staff, body="Please send us your customer number here."
        )
    escalation.refresh_from_db()
    assert escalation.case == case
    assert case.author == member and case.thread == escalation.thread
    assert case.status == CaseStatus.ANSWERED
    assert escalation.first_staff_response_at == NOON
    assert Notification.objects.get(recipient=member).kind == NotificationKind.CASE_REPLIED
    assert OutboxMessage.objects.filter(
        task_name="community.notify_case_message", kwargs__by_id=staff.pk
    ).exists()
    with pytest.raises(ValidationError):
        desk.open_private_channel(escalation=escalation, by=staff, body="A second one, please.")

    desk.change_status(escalation=escalation, status="in_progress", by=staff)
    desk.change_status(escalation=escalation, status="waiting", by=staff)
    reply_to_case(case=case, by=member, body="My customer number is 12345678.")
    escalation.refresh_from_db()
    assert escalation.status == EscalationStatus.IN_PROGRESS
    reply_to_case(case=case, by=staff, body="Thanks, we found your account.")
    assert kinds(escalation)[-3:] == [
        EscalationEventKind.CUSTOMER_REPLIED,
        EscalationEventKind.STATUS_CHANGED,
        EscalationEventKind.STAFF_REPLIED,
    ]
    escalation.refresh_from_db()
    assert escalation.first_staff_response_at == NOON  # the first one stays


def test_a_reply_in_a_case_without_escalation_records_nothing(member, staff):
    from community.models import EscalationEvent
    from community.services.cases import open_private_case

    case = open_private_case(by=member, title="Card", body="My card number is wrong here.")
    reply_to_case(case=case, by=staff, body="We fixed it for you, have a look.")
    assert not EscalationEvent.objects.exists()


def test_a_staff_answer_on_the_thread_is_the_first_staff_response(escalation, staff):
    make_answer(thread=escalation.thread, author=MemberFactory())
    escalation.refresh_from_db()
    assert escalation.first_staff_response_at is None
    with time_machine.travel(NOON, tick=False):
        post = make_answer(thread=escalation.thread, author=staff)
    escalation.refresh_from_db()
    assert escalation.first_staff_response_at == NOON
    assert escalation.events.get().data == {"post_id": post.pk}
    make_answer(thread=escalation.thread, author=staff, body="And one more thing to try.")
    assert escalation.events.count() == 1


@pytest.mark.parametrize("mark_solution", [False, True])
def test_resolve_answers_officially_and_asks_for_a_rating(escalation, member, staff,
                                                          mark_solution):  # fmt: skip
    with time_machine.travel(NOON, tick=False):
        desk.resolve(escalation=escalation, by=staff, mark_solution=mark_solution,
                     note="We fixed the invoice export; the PDF opens again.")  # fmt: skip
    escalation.refresh_from_db()
    thread = escalation.thread
    thread.refresh_from_db()
    post = escalation.resolution_post
    assert escalation.status == EscalationStatus.RESOLVED
    assert escalation.resolved_at == NOON
    assert post.is_official and post.author == staff and post.thread == thread
    assert thread.has_official_answer
    assert (thread.solution_id == post.pk) is mark_solution
    assert escalation.first_staff_response_at == NOON
    assert kinds(escalation)[-1] == EscalationEventKind.RESOLVED
    assert escalation.events.last().data == {
        "from": "new",
        "post_id": post.pk,
        "solution": mark_solution,
    }
    assert AuditEntry.objects.filter(action=AuditAction.RESOLVE_ESCALATION, actor=staff).exists()
    survey = SatisfactionSurvey.objects.get(escalation=escalation)
    assert survey.member == member and survey.agent == staff and survey.score is None
    notice = Notification.objects.get(recipient=member, kind=NotificationKind.SURVEY)
    assert notice.url.startswith("/support/survey/")
    assert OutboxMessage.objects.filter(
        task_name="community.send_survey", kwargs={"survey_id": survey.pk}
    ).exists()
    with pytest.raises(ValidationError):
        desk.resolve(escalation=escalation, by=staff, note="Resolved twice, really?")
    with pytest.raises(ValidationError):
        desk.claim(escalation=escalation, by=staff)


def test_resolve_with_a_bad_note_changes_nothing(escalation, staff):
    with pytest.raises(ValidationError):
        desk.resolve(escalation=escalation, by=staff, note="ok")
    escalation.refresh_from_db()
    assert escalation.status == EscalationStatus.NEW
    assert not SatisfactionSurvey.objects.exists()


def test_demo_escalations_cover_every_status_and_priority(staff):
    from random import Random

    from community.demo.escalations import PLAN, seed_escalations
    from community.models import CaseMessage, Escalation

    now = datetime(2026, 3, 20, 15, 0, tzinfo=UTC)
    for day in range(len(PLAN) + 2):
        asked = datetime(2026, 2, 1, 9, 0, tzinfo=UTC) + timedelta(days=day)
        with time_machine.travel(asked, tick=False):
            make_thread(title=f"Unanswered question number {day}")
    with time_machine.travel(now, tick=False):
        assert seed_escalations(rng=Random(7), now=now) == len(PLAN)
    escalations = Escalation.objects.all()
    assert {e.status for e in escalations} == set(EscalationStatus.values)
    assert {e.priority for e in escalations} == set(Priority.values)
    waiting = escalations.get(status=EscalationStatus.WAITING_ON_CUSTOMER)
    authors = set(CaseMessage.objects.filter(case=waiting.case).values_list("author", flat=True))
    assert authors == {staff.pk, waiting.thread.author_id}
    answered = SatisfactionSurvey.objects.filter(score__isnull=False)
    assert answered.exists()
    for escalation in escalations:
        assert escalation.created_at <= now
        assert all(e.created_at <= now for e in escalation.events.all())
        if escalation.status == EscalationStatus.RESOLVED:
            assert escalation.created_at < escalation.resolved_at <= now
            assert escalation.resolution_post.is_official
    with time_machine.travel(now, tick=False):
        assert seed_escalations(rng=Random(7), now=now) == 0  # seeding twice adds nothing


def test_the_customer_is_emailed_that_staff_wrote_privately(escalation, member, staff):
    from django.core import mail

    from community.outbox import relay_due
    from community.services.cases import notify_case_message

    case = desk.open_private_channel(escalation=escalation, by=staff, body="Which plan is it?")
    mail.outbox.clear()
    assert notify_case_message(case_id=case.pk, by_id=staff.pk) == 1
    reply_to_case(case=case, by=member, body="The family plan, since 2024.")
    message = reply_to_case(case=case, by=staff, body="Thanks, we will fix it today.")
    assert notify_case_message(case_id=case.pk, by_id=staff.pk) == 1
    relay_due(ignore_schedule=True)
    subjects = [m.subject for m in mail.outbox if m.to == [member.email]]
    assert "The support team wrote to you privately" in subjects
    assert "The support team replied to your private message" in subjects
    assert "Which plan" not in "".join(m.body for m in mail.outbox)  # never the text
    assert message.pk


def test_a_customer_reply_in_an_escalations_case_reaches_each_staff_member_once(
    escalation, member, staff, django_capture_on_commit_callbacks
):
    from django.core import mail

    colleague = StaffFactory(username="kim", display_name="Kim Kundendienst")
    case = desk.open_private_channel(
        escalation=escalation, by=staff, body="Please send us your customer number here."
    )
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        reply_to_case(case=case, by=member, body="My customer number is 12345678.")
    [to_colleague] = [message for message in mail.outbox if message.to == [colleague.email]]
    # The escalation's timeline mail, with its priority and the desk's link; the case's own
    # "a member wrote privately" e-mail would say the same a second time.
    assert "The customer replied in the private conversation." in to_colleague.body
    assert not any(message.to == [member.email] for message in mail.outbox)
