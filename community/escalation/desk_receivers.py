"""The desk listens to the community: a staff member's public answer is the first staff
response of the thread's open escalation, and a message in a private case opened from an
escalation goes on its timeline. Connected in CommunityConfig.ready()."""

from community.signals import answer_posted, case_replied


def staff_answer_counts_as_response(sender, *, post, thread, by, **kwargs) -> None:
    if by is None or not by.is_staff:
        return
    from community.escalation.desk import record_staff_answer

    record_staff_answer(post=post, by=by)


def case_reply_goes_on_the_escalation(sender, *, case, message, by, **kwargs) -> None:
    """Inside reply_to_case's transaction, so the escalation's row and event commit with
    the message (services.cases never imports the desk: the import graph stays one-way)."""
    from community.escalation.desk import record_case_reply

    record_case_reply(case=case, by=by, message_id=message.pk)


def connect() -> None:
    case_replied.connect(
        case_reply_goes_on_the_escalation, dispatch_uid="community.escalation.desk.case_reply"
    )
    answer_posted.connect(
        staff_answer_counts_as_response, dispatch_uid="community.escalation.desk.staff_answer"
    )
