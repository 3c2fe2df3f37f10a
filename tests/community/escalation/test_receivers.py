"""The triggers that do not wait for the sweep: a personal-data flag and the "me too" that
reaches the threshold escalate right after their commit (through the outbox)."""

import pytest

from community.models import Escalation, FlagReason, OutboxMessage, TrustLevel
from community.services.flags import flag_post
from community.services.reactions import set_me_too
from tests.community.escalation.routing_fixtures import (  # noqa: F401 (fixture)
    fresh_support_settings,
    set_support_settings,
)
from tests.factories import MemberFactory, make_answer, make_thread

pytestmark = pytest.mark.django_db


def test_a_personal_data_flag_escalates_after_commit(
    member, other_member, django_capture_on_commit_callbacks
):
    thread = make_thread(author=member)
    answer = make_answer(thread=thread, author=other_member)

    with django_capture_on_commit_callbacks(execute=True):
        flag_post(post=answer, by=MemberFactory(), reason=FlagReason.PERSONAL_DATA)

    escalation = Escalation.objects.get(thread=thread)
    assert escalation.reasons == ["personal_data"]
    assert OutboxMessage.objects.filter(task_name="community.escalate_if_triggered").exists()


def test_other_flags_enqueue_nothing(member, other_member, django_capture_on_commit_callbacks):
    thread = make_thread(author=member)
    answer = make_answer(thread=thread, author=other_member)
    with django_capture_on_commit_callbacks(execute=True):
        flag_post(post=answer, by=MemberFactory(), reason=FlagReason.OFF_TOPIC)
    assert not OutboxMessage.objects.filter(task_name="community.escalate_if_triggered").exists()
    assert not Escalation.objects.exists()


def test_the_me_too_that_reaches_the_threshold_escalates(
    member, django_capture_on_commit_callbacks
):
    set_support_settings(me_too_threshold=3)
    thread = make_thread(author=member)
    voters = [MemberFactory(trust_level=TrustLevel.MEMBER) for _ in range(3)]

    with django_capture_on_commit_callbacks(execute=True):
        for voter in voters[:2]:
            set_me_too(thread=thread, by=voter, me_too=True)
    assert not OutboxMessage.objects.filter(task_name="community.escalate_if_triggered").exists()

    with django_capture_on_commit_callbacks(execute=True):
        set_me_too(thread=thread, by=voters[2], me_too=True)
    assert Escalation.objects.get(thread=thread).reasons == ["me_too"]


def test_taking_a_me_too_back_checks_nothing(member, django_capture_on_commit_callbacks):
    set_support_settings(me_too_threshold=1)
    thread = make_thread(author=member)
    voter = MemberFactory(trust_level=TrustLevel.MEMBER)
    set_me_too(thread=thread, by=voter, me_too=True)
    OutboxMessage.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        set_me_too(thread=thread, by=voter, me_too=False)
    assert not OutboxMessage.objects.filter(task_name="community.escalate_if_triggered").exists()


def test_the_check_task_is_safe_to_run_twice(member, other_member):
    from community.tasks import escalate_if_triggered_task

    thread = make_thread(author=member)
    answer = make_answer(thread=thread, author=other_member)
    flag_post(post=answer, by=MemberFactory(), reason=FlagReason.PERSONAL_DATA)

    assert escalate_if_triggered_task(thread_id=thread.pk) == ["personal_data"]
    assert escalate_if_triggered_task(thread_id=thread.pk) == []
    assert Escalation.objects.filter(thread=thread).count() == 1


def test_votes_for_an_idea_check_nothing(member, django_capture_on_commit_callbacks):
    from community.models import ThreadKind

    set_support_settings(me_too_threshold=1)
    idea = make_thread(author=member, kind=ThreadKind.IDEA, title="Dark mode for the app, please")
    with django_capture_on_commit_callbacks(execute=True):
        set_me_too(thread=idea, by=MemberFactory(trust_level=TrustLevel.MEMBER), me_too=True)
    assert not OutboxMessage.objects.filter(task_name="community.escalate_if_triggered").exists()
