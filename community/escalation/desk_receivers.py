"""The desk listens to the community: a staff member's public answer is the first staff
response of the thread's open escalation. Connected in CommunityConfig.ready()."""

from community.signals import answer_posted


def staff_answer_counts_as_response(sender, *, post, thread, by, **kwargs) -> None:
    if by is None or not by.is_staff:
        return
    from community.escalation.desk import record_staff_answer

    record_staff_answer(post=post, by=by)


def connect() -> None:
    answer_posted.connect(
        staff_answer_counts_as_response, dispatch_uid="community.escalation.desk.staff_answer"
    )
