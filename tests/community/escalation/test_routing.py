"""The every-minute sweep: routing tiers in business time, each automatic trigger, the
cut-off, idempotency, and two sweeps at once."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command

from community.escalation.routing import sweep
from community.escalation.services import escalate
from community.models import (
    Escalation,
    EscalationStatus,
    FlagReason,
    FlagStatus,
    MeToo,
    Notification,
    NotificationKind,
    Priority,
    RoutingNotice,
    RoutingTier,
    SpaceFollow,
    Thread,
    TrustLevel,
)
from community.services.flags import flag_post, resolve_flags
from community.services.posts import hide_post
from community.services.reactions import set_me_too
from community.tasks import escalate_overdue_task
from tests.community.escalation.routing_fixtures import (  # noqa: F401 (fixture)
    MONDAY_MORNING,
    at,
    fresh_support_settings,
    set_support_settings,
)
from tests.community.parallel import needs_postgresql, run_in_parallel
from tests.factories import MemberFactory, SpaceFactory, StaffFactory, make_answer, make_thread

pytestmark = pytest.mark.django_db

MINUTE = timedelta(minutes=1)


@pytest.fixture
def space():
    return SpaceFactory()


@pytest.fixture
def question(member, space):
    with at(MONDAY_MORNING):
        return make_thread(author=member, space=space)


@pytest.fixture
def leader(space):
    """A super user who follows the question's space."""
    leader = MemberFactory(trust_level=TrustLevel.LEADER)
    SpaceFollow.objects.create(space=space, member=leader)
    return leader


def sweep_at(moment):
    with at(moment):
        return sweep()


def escalation_of(thread):
    return Escalation.objects.filter(thread=thread).first()


# --- tiers ------------------------------------------------------------------------------------


def test_sweep_puts_the_question_in_front_of_super_users_at_half_the_target(question, leader):
    # A super user who does not follow the space, and staff, are not asked at this tier
    stranger = MemberFactory(trust_level=TrustLevel.LEADER)
    agent = StaffFactory()

    early = sweep_at(MONDAY_MORNING + 29 * MINUTE)
    assert early.super_users == 0
    assert not RoutingNotice.objects.exists()

    due = sweep_at(MONDAY_MORNING + 30 * MINUTE)
    assert due.super_users == 1
    assert RoutingNotice.objects.get().tier == RoutingTier.SUPER_USERS
    entry = Notification.objects.get(recipient=leader)
    assert entry.kind == NotificationKind.UNANSWERED
    assert entry.thread_id == question.pk
    assert question.title in entry.data["text"]["en"]
    assert not Notification.objects.filter(recipient__in=[stranger, agent]).exists()


def test_sweep_alerts_staff_at_80_percent_and_escalates_at_the_target(question, leader):
    agent = StaffFactory()
    sweep_at(MONDAY_MORNING + 30 * MINUTE)

    alerted = sweep_at(MONDAY_MORNING + 48 * MINUTE)
    assert (alerted.staff_alerts, alerted.no_first_response) == (1, 0)
    assert Notification.objects.get(recipient=agent).kind == NotificationKind.STAFF_ALERT

    escalated = sweep_at(MONDAY_MORNING + 60 * MINUTE)
    assert escalated.no_first_response == 1
    escalation = escalation_of(question)
    assert escalation.reasons == ["no_first_response"]
    assert escalation.escalated_by is None
    assert escalation.created_at == MONDAY_MORNING + 60 * MINUTE


def test_tiers_count_business_hours_over_the_weekend(member, space, leader):
    # Asked Friday 17:45 Berlin: 15 business minutes that day, the rest from Monday 08:00
    friday = MONDAY_MORNING + timedelta(days=4, hours=7, minutes=45)
    with at(friday):
        question = make_thread(author=member, space=space)

    assert sweep_at(friday + timedelta(hours=12)).super_users == 0
    monday = MONDAY_MORNING + timedelta(days=7, hours=-2)  # Monday 08:00 Berlin
    assert sweep_at(monday + 14 * MINUTE).super_users == 0
    assert sweep_at(monday + 15 * MINUTE).super_users == 1
    assert sweep_at(monday + 44 * MINUTE).no_first_response == 0
    assert sweep_at(monday + 45 * MINUTE).no_first_response == 1
    assert escalation_of(question) is not None


def test_tiers_follow_the_admins_shares_and_the_spaces_target(member, leader, space):
    space.first_response_target = 120
    space.save()
    set_support_settings(super_users_after=25, staff_alert_after=50, escalate_after=150)
    with at(MONDAY_MORNING):
        question = make_thread(author=member, space=space)

    assert sweep_at(MONDAY_MORNING + 30 * MINUTE).super_users == 1
    assert sweep_at(MONDAY_MORNING + 60 * MINUTE).staff_alerts == 1
    assert sweep_at(MONDAY_MORNING + 179 * MINUTE).no_first_response == 0
    assert sweep_at(MONDAY_MORNING + 180 * MINUTE).no_first_response == 1
    assert escalation_of(question) is not None


def test_answered_or_hidden_questions_are_not_routed(member, other_member, space, staff):
    with at(MONDAY_MORNING):
        answered = make_thread(author=member, space=space)
        make_answer(thread=answered, author=other_member)
        hidden = make_thread(author=member, space=space, title="Something else entirely here")
        hide_post(post=hidden.posts.get(), by=staff, reason="Spam")

    result = sweep_at(MONDAY_MORNING + 2 * 60 * MINUTE)
    assert (result.super_users, result.staff_alerts, result.escalated) == (0, 0, 0)
    assert not Escalation.objects.exists()


def test_a_question_escalated_already_is_not_routed_again(question, leader):
    with at(MONDAY_MORNING):
        escalate(thread=question, reasons=["triage"])
    result = sweep_at(MONDAY_MORNING + 60 * MINUTE)
    assert (result.super_users, result.staff_alerts) == (0, 0)
    assert result.no_first_response == 1  # the open escalation gains the reason
    assert escalation_of(question).reasons == ["triage", "no_first_response"]


# --- idempotency and the cut-off ------------------------------------------------------------


def test_sweeping_twice_changes_nothing_more(question, leader):
    StaffFactory()
    first = sweep_at(MONDAY_MORNING + 2 * 60 * MINUTE)
    assert (first.super_users, first.staff_alerts, first.no_first_response) == (1, 1, 1)
    rows = (RoutingNotice.objects.count(), Escalation.objects.count(), Notification.objects.count())

    second = sweep_at(MONDAY_MORNING + 2 * 60 * MINUTE + MINUTE)
    assert second.as_dict() == dict.fromkeys(second.as_dict(), 0)
    assert rows == (
        RoutingNotice.objects.count(), Escalation.objects.count(), Notification.objects.count()
    )  # fmt: skip


def test_questions_older_than_the_cut_off_are_left_alone(question):
    result = sweep_at(MONDAY_MORNING + timedelta(days=31))
    assert result.escalated == 0
    assert not Escalation.objects.exists()


def test_a_resolved_escalation_for_the_same_reason_is_not_repeated(question):
    sweep_at(MONDAY_MORNING + 60 * MINUTE)
    Escalation.objects.update(status=EscalationStatus.RESOLVED)

    assert sweep_at(MONDAY_MORNING + 61 * MINUTE).escalated == 0
    assert Escalation.objects.count() == 1


# --- the other triggers ------------------------------------------------------------------------


def test_no_solution_within_the_solution_target_escalates(question, other_member):
    with at(MONDAY_MORNING + 5 * MINUTE):
        make_answer(thread=question, author=other_member)
    # 48 business hours from Monday 10:00: Friday 18:00 Berlin
    friday_evening = MONDAY_MORNING + timedelta(days=4, hours=8)
    assert sweep_at(friday_evening - MINUTE).escalated == 0
    assert sweep_at(friday_evening).no_solution == 1
    assert escalation_of(question).reasons == ["no_solution"]


def _me_toos(thread, count, when):
    with at(when):
        for _ in range(count):
            set_me_too(thread=thread, by=MemberFactory(trust_level=TrustLevel.MEMBER), me_too=True)


def test_me_toos_reaching_the_threshold_within_the_window_escalate_as_urgent(question):
    _me_toos(question, 4, MONDAY_MORNING + MINUTE)
    assert sweep_at(MONDAY_MORNING + 2 * MINUTE).me_too == 0
    _me_toos(question, 1, MONDAY_MORNING + 3 * MINUTE)

    assert sweep_at(MONDAY_MORNING + 4 * MINUTE).me_too == 1
    escalation = escalation_of(question)
    assert escalation.reasons == ["me_too"]
    assert escalation.priority == Priority.URGENT
    assert {"code": "outage"}.items() <= escalation.priority_reasons[-1].items()


def test_me_toos_outside_the_window_or_switched_off_do_not_escalate(question):
    _me_toos(question, 3, MONDAY_MORNING)
    _me_toos(question, 2, MONDAY_MORNING + timedelta(hours=25))
    assert sweep_at(MONDAY_MORNING + timedelta(hours=25, minutes=1)).me_too == 0

    set_support_settings(me_too_threshold=0)
    _me_toos(question, 5, MONDAY_MORNING + timedelta(hours=26))
    assert sweep_at(MONDAY_MORNING + timedelta(hours=26, minutes=1)).me_too == 0
    assert not Escalation.objects.filter(reasons__icontains="me_too").exists()


def test_a_personal_data_flag_escalates_until_a_reviewer_disagrees(member, other_member, staff):
    with at(MONDAY_MORNING):
        question = make_thread(author=member)
        answer = make_answer(thread=question, author=other_member)
        other = make_thread(author=member, title="Second question about the invoice")
        second = make_answer(thread=other, author=other_member)
        flag_post(post=answer, by=MemberFactory(), reason=FlagReason.PERSONAL_DATA)
        flag_post(post=second, by=MemberFactory(), reason=FlagReason.PERSONAL_DATA)
        resolve_flags(post=second, by=staff, decision=FlagStatus.DISAGREED)
        flag_post(post=second, by=MemberFactory(), reason=FlagReason.SPAM)

    result = sweep_at(MONDAY_MORNING + MINUTE)
    assert result.personal_data == 1
    escalation = escalation_of(question)
    assert escalation.reasons == ["personal_data"]
    assert escalation.priority == Priority.HIGH
    assert escalation_of(other) is None


def test_triage_escalates_urgent_account_problems_unless_switched_off(member, space):
    with at(MONDAY_MORNING):
        urgent = make_thread(author=member, space=space)
        Thread.objects.filter(pk=urgent.pk).update(
            priority=Priority.HIGH, priority_reasons=[{"code": "payment", "text": "Payment"}]
        )
        normal = make_thread(author=member, space=space, title="How do I change the theme?")
        Thread.objects.filter(pk=normal.pk).update(
            priority=Priority.NORMAL, priority_reasons=[{"code": "payment", "text": "Payment"}]
        )

    set_support_settings(escalate_high_priority_triage=False)
    assert sweep_at(MONDAY_MORNING + MINUTE).triage == 0
    set_support_settings(escalate_high_priority_triage=True)
    assert sweep_at(MONDAY_MORNING + 2 * MINUTE).triage == 1
    assert escalation_of(urgent).reasons == ["triage"]
    assert escalation_of(normal) is None


# --- how it runs ------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 10])
def test_a_sweep_with_nothing_new_to_do_costs_the_same_whatever_it_looks_at(
    member, space, django_assert_max_num_queries, count
):
    # Given questions that are routed and escalated already, and some just asked
    with at(MONDAY_MORNING):
        for i in range(count):
            make_thread(author=member, space=space, title=f"Question number {i} about invoices")
    sweep_at(MONDAY_MORNING + 2 * 60 * MINUTE)
    with at(MONDAY_MORNING + 2 * 60 * MINUTE):
        for i in range(count):
            make_thread(author=member, space=space, title=f"Fresh question {i} about invoices")

    # When the next minute's sweep runs, the selection is a fixed number of queries:
    # the questions, their escalations, their notices, "me too"s, flags, their escalations
    with at(MONDAY_MORNING + 2 * 60 * MINUTE + MINUTE), django_assert_max_num_queries(6):
        result = sweep()
    assert result.as_dict() == dict.fromkeys(result.as_dict(), 0)


def test_the_beat_task_runs_a_sweep(question):
    with at(MONDAY_MORNING + 60 * MINUTE):
        assert escalate_overdue_task()["no_first_response"] == 1


def test_the_command_sweeps_and_says_what_it_did(question, leader):
    out = StringIO()
    with at(MONDAY_MORNING + 60 * MINUTE):
        call_command("escalate_overdue", stdout=out)
    text = out.getvalue()
    assert "Put 1 questions in front of super users" in text
    assert "Escalated: 1 without a first response" in text
    assert escalation_of(question) is not None


def test_the_command_sweeps_at_a_given_moment(question):
    out = StringIO()
    call_command("escalate_overdue", "--at", "2026-03-02T11:00:00+01:00", stdout=out)
    assert "1 escalations in all" in out.getvalue()


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_once_leave_one_escalation_and_one_notice_per_tier(member, space, leader):
    # Given two unanswered questions past their target
    staff = StaffFactory()
    threads = [
        make_thread(author=member, space=space, title=f"Parallel question {i} here")
        for i in range(2)
    ]
    Thread.objects.update(created_at=MONDAY_MORNING)

    # When two workers sweep at the same moment
    def run(i):
        with at(MONDAY_MORNING + 2 * 60 * MINUTE):
            return sweep()

    results = run_in_parallel(run, 2)

    # Then each thread has one escalation, each tier one notice, everyone one notification
    assert [r for r in results if isinstance(r, BaseException)] == []
    for thread in threads:
        assert Escalation.objects.filter(thread=thread).count() == 1
        assert RoutingNotice.objects.filter(thread=thread).count() == 2
    assert sum(r.no_first_response for r in results) == 2
    assert Notification.objects.filter(recipient=leader).count() == 2
    assert (
        Notification.objects.filter(recipient=staff, kind=NotificationKind.STAFF_ALERT).count() == 2
    )
    assert MeToo.objects.count() == 0


def test_me_toos_on_a_thread_linked_to_an_open_known_issue_do_not_escalate(question, staff):
    from community.models import KnownIssue, KnownIssueStatus, ThreadKind

    status_post = make_thread(
        author=staff, kind=ThreadKind.KNOWN_ISSUE, title="Login fails for many"
    )
    issue = KnownIssue.objects.create(
        thread=status_post, created_by=staff, created_at=MONDAY_MORNING
    )
    Thread.objects.filter(pk=question.pk).update(linked_known_issue=issue)
    _me_toos(question, 5, MONDAY_MORNING + MINUTE)

    assert sweep_at(MONDAY_MORNING + 2 * MINUTE).me_too == 0
    KnownIssue.objects.filter(pk=issue.pk).update(status=KnownIssueStatus.FIXED)
    assert sweep_at(MONDAY_MORNING + 3 * MINUTE).me_too == 1


def test_one_threads_failure_does_not_stop_the_sweep(member, space, monkeypatch):
    from community.escalation import routing

    with at(MONDAY_MORNING):
        first = make_thread(author=member, space=space, title="First unanswered question")
        second = make_thread(author=member, space=space, title="Second unanswered question")
    real_escalate = routing.escalate

    def failing_for_first(*, thread, **kwargs):
        if thread.pk == first.pk:
            raise RuntimeError("database hiccup")
        return real_escalate(thread=thread, **kwargs)

    monkeypatch.setattr(routing, "escalate", failing_for_first)
    result = sweep_at(MONDAY_MORNING + 60 * MINUTE)
    assert result.no_first_response == 1
    assert escalation_of(second) is not None
    assert escalation_of(first) is None


def test_tiers_count_business_hours_across_the_change_to_summer_time(member, space, leader):
    from datetime import UTC, datetime

    # Asked Friday 27 March 2026, 17:50 in Berlin (UTC+1); summer time starts on Sunday
    with at(datetime(2026, 3, 27, 16, 50, tzinfo=UTC)):
        make_thread(author=member, space=space)

    # 10 minutes on Friday, 20 on Monday: 08:20 in Berlin, now UTC+2
    monday = datetime(2026, 3, 30, 6, 20, tzinfo=UTC)
    assert sweep_at(monday - MINUTE).super_users == 0
    assert sweep_at(monday).super_users == 1
