"""Priority triage. This module holds only what routing needs until the triage work lands:
whether a question's triage makes it worth escalating at once."""

from community.models import Thread

# Problems the support team takes over at once when triage rated them P1 or P2.
ESCALATION_WORTHY_CODES = frozenset({"account", "payment", "security", "complaint"})


def is_escalation_worthy(thread: Thread) -> bool:
    """Whether triage rated `thread` urgent or high (P1/P2) for an account, payment or
    security problem or a complaint (codes in ``thread.priority_reasons``)."""
    if thread.priority > 2:
        return False
    codes = {
        reason.get("code") for reason in (thread.priority_reasons or []) if isinstance(reason, dict)
    }
    return bool(codes & ESCALATION_WORTHY_CODES)
