"""The desk's signals, each with a real receiver (the ``listen`` fixture in conftest.py):
``escalation_changed``, ``escalation_resolved`` and ``survey_answered``."""

from community import signals
from community.escalation import desk
from community.escalation.surveys import answer_survey
from community.models import Escalation, EscalationEventKind, SatisfactionSurvey
from tests.factories import make_escalation, make_thread


def test_escalation_changed_is_sent_for_every_event(listen, member, staff):
    changed = listen(signals.escalation_changed)
    escalation = make_escalation(thread=make_thread(author=member))
    desk.claim(escalation=escalation, by=staff)
    desk.change_priority(escalation=escalation, priority=1, by=staff, reason="Outage")
    desk.link_ticket(escalation=escalation, ticket_id="ZD-7", by=None)
    desk.link_ticket(escalation=escalation, ticket_id="ZD-7", by=None)  # nothing changed
    events = list(escalation.events.all())
    assert changed == [
        {"sender": Escalation, "escalation": escalation, "event": event, "by": event.actor}
        for event in events
    ]
    assert [call["event"].kind for call in changed] == [
        EscalationEventKind.ASSIGNED,
        EscalationEventKind.STATUS_CHANGED,
        EscalationEventKind.PRIORITY_CHANGED,
        EscalationEventKind.TICKET_LINKED,
    ]
    assert changed[-1]["by"] is None


def test_escalation_resolved_and_survey_answered(listen, member, staff):
    resolved = listen(signals.escalation_resolved)
    answered = listen(signals.survey_answered)
    escalation = make_escalation(thread=make_thread(author=member))
    desk.resolve(escalation=escalation, by=staff, note="The outage is over, all works again.")
    assert resolved == [
        {
            "sender": Escalation,
            "escalation": escalation,
            "post": escalation.resolution_post,
            "by": staff,
        }
    ]
    survey = SatisfactionSurvey.objects.get(escalation=escalation)
    answer_survey(survey=survey, score=4, comment="", by=None)
    assert answered == [{"sender": SatisfactionSurvey, "survey": survey, "by": member}]
    assert answered[0]["survey"].score == 4
