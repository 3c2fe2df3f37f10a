"""Escalating a thread: opening, adding reasons, priority, due times, notes, audit and
notifications; the asker's request and escalating by hand."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from community.escalation.services import escalate, escalate_by_hand, request_support
from community.models import (
    AuditAction,
    AuditEntry,
    Escalation,
    EscalationEvent,
    EscalationEventKind,
    EscalationReason,
    EscalationStatus,
    InternalNote,
    Notification,
    NotificationKind,
    Priority,
    ThreadKind,
    TrustLevel,
)
from community.services.posts import delete_post
from community.services.solutions import accept_answer
from tests.community.escalation.routing_fixtures import (  # noqa: F401 (fixture)
    MONDAY_MORNING,
    at,
    fresh_support_settings,
)
from tests.factories import MemberFactory, SpaceFactory, StaffFactory, make_answer, make_thread

pytestmark = pytest.mark.django_db


@pytest.fixture
def question(member):
    with at(MONDAY_MORNING):
        return make_thread(author=member)


def test_escalate_opens_a_new_escalation_with_due_times_in_business_time(question):
    # Given a question asked Monday 10:00 Berlin in a space with a 60-minute target
    # When it is escalated at 11:00
    with at(MONDAY_MORNING + timedelta(hours=1)):
        escalation = escalate(thread=question, reasons=[EscalationReason.NO_FIRST_RESPONSE])

    # Then one new escalation: first staff response due at 12:00, the solution at the
    # question's own solution target (48 business hours = 4.8 days of 10 hours)
    assert escalation.status == EscalationStatus.NEW
    assert escalation.reasons == ["no_first_response"]
    assert escalation.escalated_by is None
    assert escalation.created_at == MONDAY_MORNING + timedelta(hours=1)
    assert escalation.first_response_due_at == MONDAY_MORNING + timedelta(hours=2)
    # 48 h from Monday 10:00 over 10-hour days: Monday 8 h, Tue–Thu 30 h, Friday 10 h → Friday 18:00
    assert escalation.solution_due_at == MONDAY_MORNING + timedelta(days=4, hours=8)
    event = EscalationEvent.objects.get(escalation=escalation)
    assert event.kind == EscalationEventKind.CREATED
    assert event.data == {"reasons": ["no_first_response"], "priority": Priority.NORMAL}
    assert not AuditEntry.objects.filter(action=AuditAction.ESCALATE_THREAD).exists()


def test_escalate_after_the_solution_target_gives_the_team_a_first_response_target(question):
    # Ten days later (the solution target long passed), over a weekend
    later = MONDAY_MORNING + timedelta(days=11, hours=7, minutes=30)  # Friday 17:30 Berlin
    with at(later):
        escalation = escalate(thread=question, reasons=[EscalationReason.NO_SOLUTION])
    # 60 business minutes from Friday 17:30: 30 on Friday, 30 on Monday → 08:30 Berlin
    monday = MONDAY_MORNING + timedelta(days=14, hours=-1, minutes=-30)
    assert escalation.first_response_due_at == monday
    assert escalation.solution_due_at == monday


def test_escalate_adds_new_reasons_to_the_open_escalation_and_never_opens_a_second(question):
    with at(MONDAY_MORNING):
        first = escalate(thread=question, reasons=["no_first_response"])
        again = escalate(thread=question, reasons=["no_first_response"])
        more = escalate(thread=question, reasons=["no_first_response", "me_too"])

    assert again is None
    assert more.pk == first.pk
    assert more.reasons == ["no_first_response", "me_too"]
    assert Escalation.objects.count() == 1
    kinds = list(EscalationEvent.objects.values_list("kind", "data"))
    assert kinds[1] == (
        EscalationEventKind.REASON_ADDED, {"reasons": ["me_too"], "priority": Priority.URGENT}
    )  # fmt: skip


def test_escalate_after_a_resolved_one_opens_a_new_one(question):
    with at(MONDAY_MORNING):
        first = escalate(thread=question, reasons=["manual"])
        Escalation.objects.filter(pk=first.pk).update(status=EscalationStatus.RESOLVED)
        second = escalate(thread=question, reasons=["asker"])
    assert second.pk != first.pk


def test_escalate_raises_priority_for_outages_and_personal_data(question):
    question.priority = Priority.NORMAL
    question.priority_reasons = [{"code": "login", "text": "Login problem"}]
    question.save(update_fields=["priority", "priority_reasons"])

    escalation = escalate(thread=question, reasons=["personal_data"])
    assert escalation.priority == Priority.HIGH
    assert [r["code"] for r in escalation.priority_reasons] == ["login", "personal_data"]

    escalation = escalate(thread=question, reasons=["me_too"])
    assert escalation.priority == Priority.URGENT
    assert [r["code"] for r in escalation.priority_reasons] == ["login", "personal_data", "outage"]


def test_escalate_keeps_the_questions_own_priority_when_it_is_higher(question):
    question.priority = Priority.URGENT
    question.save(update_fields=["priority"])
    assert escalate(thread=question, reasons=["personal_data"]).priority == Priority.URGENT


def test_escalate_refuses_what_is_no_question_or_deleted(member):
    discussion = make_thread(author=member, kind=ThreadKind.DISCUSSION)
    assert escalate(thread=discussion, reasons=["manual"]) is None
    question = make_thread(author=member)
    delete_post(post=question.posts.get(), by=member)
    assert escalate(thread=question, reasons=["manual"]) is None
    assert not Escalation.objects.exists()


def test_escalate_rejects_unknown_reasons(question):
    with pytest.raises(ValueError):
        escalate(thread=question, reasons=["because"])


def test_escalate_notifies_the_support_team_and_the_asker(question, member):
    staff = [StaffFactory(), StaffFactory()]
    escalate(thread=question, reasons=["no_first_response"])

    for agent in staff:
        entry = Notification.objects.get(recipient=agent)
        assert entry.kind == NotificationKind.ESCALATED
        assert entry.thread_id == question.pk
        assert question.title in entry.data["text"]["en"]
    told = Notification.objects.get(recipient=member)
    assert told.data["text"]["en"].startswith("Our support team is looking into your question")
    assert "Support-Team" in told.data["text"]["de"]

    # Another reason counts up the team's entry; the asker is not told again
    escalate(thread=question, reasons=["me_too"])
    assert Notification.objects.get(recipient=staff[0]).count == 2
    assert Notification.objects.filter(recipient=member).count() == 1


# --- by hand ----------------------------------------------------------------------------


def test_escalate_by_hand_stores_the_note_audits_and_records_who(question):
    leader = MemberFactory(trust_level=TrustLevel.LEADER)
    escalation = escalate_by_hand(thread=question, by=leader, note="Looks like **billing**.")

    assert escalation.reasons == ["manual"]
    assert escalation.escalated_by == leader
    note = InternalNote.objects.get(escalation=escalation)
    assert note.author == leader
    assert note.body == "Looks like **billing**."
    assert "<strong>billing</strong>" in note.body_html
    entry = AuditEntry.objects.get(action=AuditAction.ESCALATE_THREAD)
    assert entry.actor == leader
    assert entry.target_id == question.pk
    assert entry.details == {"reasons": ["manual"]}


@pytest.mark.parametrize("note", ["", "   \n "])
def test_escalate_by_hand_needs_a_note(question, note):
    with pytest.raises(ValidationError) as refused:
        escalate_by_hand(thread=question, by=StaffFactory(), note=note)
    assert refused.value.code == "note"
    assert not Escalation.objects.exists()


@pytest.mark.parametrize("level", [TrustLevel.BASIC, TrustLevel.REGULAR])
def test_escalate_by_hand_is_for_super_users_and_staff(question, level):
    with pytest.raises(PermissionDenied):
        escalate_by_hand(thread=question, by=MemberFactory(trust_level=level), note="Please")
    assert escalate_by_hand(thread=question, by=StaffFactory(), note="Please") is not None


def test_escalate_by_hand_twice_changes_nothing(question):
    agent = StaffFactory()
    assert escalate_by_hand(thread=question, by=agent, note="First") is not None
    assert escalate_by_hand(thread=question, by=agent, note="Second") is None


# --- the asker's request --------------------------------------------------------------------


def test_request_support_after_an_answer_that_did_not_solve_it(question, member, other_member):
    with at(MONDAY_MORNING + timedelta(minutes=5)):
        make_answer(thread=question, author=other_member)
        question.refresh_from_db()
        escalation = request_support(thread=question, by=member)
    assert escalation.reasons == ["asker"]
    assert escalation.escalated_by == member
    assert AuditEntry.objects.filter(action=AuditAction.ESCALATE_THREAD, actor=member).exists()


def test_request_support_once_the_first_response_target_passed(question, member):
    with at(MONDAY_MORNING + timedelta(minutes=59)), pytest.raises(PermissionDenied) as early:
        request_support(thread=question, by=member)
    assert "once someone has answered" in str(early.value)
    with at(MONDAY_MORNING + timedelta(minutes=60)):
        assert request_support(thread=question, by=member) is not None


def test_request_support_counts_business_time(member):
    # Asked Friday 17:30 Berlin: the hour's target ends Monday 08:30, not at 18:30 Friday
    friday = MONDAY_MORNING + timedelta(days=4, hours=7, minutes=30)
    with at(friday):
        question = make_thread(author=member)
    with at(friday + timedelta(hours=3)), pytest.raises(PermissionDenied):
        request_support(thread=question, by=member)
    with at(MONDAY_MORNING + timedelta(days=7, hours=-1, minutes=30)):
        assert request_support(thread=question, by=member) is not None


def test_request_support_is_for_the_asker_only(question, other_member, staff):
    make_answer(thread=question, author=other_member)
    question.refresh_from_db()
    for someone in (other_member, staff):
        with pytest.raises(PermissionDenied):
            request_support(thread=question, by=someone)


def test_request_support_refused_on_solved_or_escalated_questions(question, member, other_member):
    answer = make_answer(thread=question, author=other_member)
    question.refresh_from_db()
    escalate(thread=question, reasons=["no_first_response"])
    with pytest.raises(PermissionDenied) as refused:
        request_support(thread=question, by=member)
    assert "already looking" in str(refused.value)

    Escalation.objects.update(status=EscalationStatus.RESOLVED)
    accept_answer(answer=answer, by=member)
    question.refresh_from_db()
    with pytest.raises(PermissionDenied):
        request_support(thread=question, by=member)


def test_request_support_refused_when_only_the_asker_answered(member):
    with at(MONDAY_MORNING):
        question = make_thread(author=member, space=SpaceFactory())
        make_answer(thread=question, author=member, body="Any news? I still have this.")
        question.refresh_from_db()
        with pytest.raises(PermissionDenied):
            request_support(thread=question, by=member)
