"""The known-issue signals (community/signals.py): which service sends them, with what.

Each test connects a real receiver (the ``listen`` fixture in conftest.py), changes
something through its service, checks what arrived, then asks for the same state again
and checks that nothing more arrived.
"""

from community import signals
from community.escalation.known_issues import (
    link_thread,
    post_update,
    start_known_issue,
    unlink_thread,
)
from community.models import KnownIssue, KnownIssueStatus, Thread
from tests.factories import SpaceFactory, make_thread


def test_known_issue_updated_is_sent_on_opening_and_each_update(db, staff, listen):
    calls = listen(signals.known_issue_updated)
    issue = start_known_issue(
        by=staff, space=SpaceFactory(), title="Checkout is down", body="Payment fails."
    )
    assert len(calls) == 1
    opened = calls[0]
    assert opened["sender"] is KnownIssue
    assert opened["known_issue"] == issue and opened["created"] is True and opened["by"] == staff
    assert opened["update"].status == KnownIssueStatus.INVESTIGATING

    update = post_update(known_issue=issue, by=staff, status="fixed", body="Payment works again.")
    assert len(calls) == 2
    assert calls[1]["update"] == update and calls[1]["created"] is False
    assert calls[1]["known_issue"].status == KnownIssueStatus.FIXED


def test_thread_linked_to_known_issue_is_sent_on_link_and_unlink_once(db, staff, listen):
    issue = start_known_issue(
        by=staff, space=SpaceFactory(), title="Checkout is down", body="Payment fails."
    )
    thread = make_thread()
    calls = listen(signals.thread_linked_to_known_issue)

    link_thread(thread=thread, known_issue=issue, by=staff)
    link_thread(thread=thread, known_issue=issue, by=staff)  # the same state: nothing sent
    assert calls == [{"sender": Thread, "thread": thread, "known_issue": issue, "by": staff}]

    unlink_thread(thread=thread, by=staff)
    unlink_thread(thread=thread, by=staff)
    assert len(calls) == 2
    assert calls[1]["known_issue"] is None and calls[1]["thread"] == thread
