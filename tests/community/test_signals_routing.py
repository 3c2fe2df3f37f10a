"""The routing signals, each with a real receiver (the ``listen`` fixture): what arrives,
and that asking for the same state again sends nothing."""

from datetime import timedelta

import pytest

from community import signals
from community.escalation.routing import sweep
from community.escalation.services import escalate
from community.models import Escalation, Thread
from tests.community.escalation.routing_fixtures import (  # noqa: F401 (fixture)
    MONDAY_MORNING,
    at,
    fresh_support_settings,
)
from tests.factories import StaffFactory, make_thread

pytestmark = pytest.mark.django_db


def test_question_routed_is_sent_once_per_tier(listen, member):
    calls = listen(signals.question_routed)
    with at(MONDAY_MORNING):
        thread = make_thread(author=member)
    with at(MONDAY_MORNING + timedelta(minutes=50)):
        sweep()
        sweep()
    assert [(c["sender"], c["thread"].pk, c["tier"], c["by"]) for c in calls] == [
        (Thread, thread.pk, "super_users", None),
        (Thread, thread.pk, "staff_alert", None),
    ]


def test_thread_escalated_is_sent_when_created_and_when_a_reason_is_added(listen, member):
    calls = listen(signals.thread_escalated)
    thread = make_thread(author=member)
    agent = StaffFactory()

    escalation = escalate(thread=thread, reasons=["no_first_response"])
    escalate(thread=thread, reasons=["no_first_response"])  # nothing new: nothing sent
    escalate(thread=thread, reasons=["manual", "no_first_response"], by=agent, note="See logs")

    assert [
        (c["sender"], c["escalation"].pk, c["reasons"], c["created"], c["by"]) for c in calls
    ] == [
        (Escalation, escalation.pk, ["no_first_response"], True, None),
        (Escalation, escalation.pk, ["manual"], False, agent),
    ]
