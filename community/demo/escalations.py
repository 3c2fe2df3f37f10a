"""Demo escalations: questions the community left unanswered, taken over by the support
team, in every status and priority; one with a private conversation both ways, a few
resolved with the customers' ratings.

The work goes through the desk's services (community.escalation.desk), so the timeline,
notes, the private case and the official answers are what the site itself writes; the
times are moved back afterwards to a believable history before `now`. The escalations
themselves are written directly, with their due times from the space's targets, because
the routing service that opens them (community.escalation.services.escalate) is built
beside this one; once it is on main, ``_open`` can call it instead.
"""

from datetime import datetime, timedelta
from random import Random

from django.db import transaction

from community.escalation import desk
from community.escalation.business_time import add_business_minutes
from community.escalation.surveys import answer_survey
from community.escalation.targets import first_response_due, solution_due, targets_for
from community.models import (
    CaseMessage,
    Escalation,
    EscalationReason,
    EscalationStatus,
    InternalNote,
    Member,
    Post,
    Priority,
    SatisfactionSurvey,
    SupportCase,
    Thread,
    ThreadKind,
)
from community.outbox import tasks_muted
from community.services.cases import reply_to_case
from community.services.ratelimits import rate_limits_suspended

# (status, priority, reasons) of each demo escalation, oldest thread first.
PLAN = [
    (EscalationStatus.RESOLVED, Priority.HIGH, [EscalationReason.NO_FIRST_RESPONSE]),
    (EscalationStatus.RESOLVED, Priority.NORMAL, [EscalationReason.NO_SOLUTION]),
    (EscalationStatus.RESOLVED, Priority.URGENT, [EscalationReason.ME_TOO]),
    (EscalationStatus.WAITING_ON_CUSTOMER, Priority.HIGH, [EscalationReason.PERSONAL_DATA]),
    (EscalationStatus.IN_PROGRESS, Priority.URGENT, [EscalationReason.TRIAGE]),
    (EscalationStatus.IN_PROGRESS, Priority.NORMAL, [EscalationReason.NO_FIRST_RESPONSE]),
    (EscalationStatus.ACKNOWLEDGED, Priority.HIGH, [EscalationReason.ASKER]),
    (EscalationStatus.ACKNOWLEDGED, Priority.NORMAL, [EscalationReason.MANUAL]),
    (EscalationStatus.NEW, Priority.URGENT, [EscalationReason.NO_FIRST_RESPONSE]),
    (EscalationStatus.NEW, Priority.NORMAL, [EscalationReason.NO_FIRST_RESPONSE]),
    # A year of resolved ones, so satisfaction and the escalation funnel have a history.
    *(
        (EscalationStatus.RESOLVED, priority, [reason])
        for priority, reason in [
            (Priority.NORMAL, EscalationReason.NO_SOLUTION),
            (Priority.HIGH, EscalationReason.NO_FIRST_RESPONSE),
            (Priority.NORMAL, EscalationReason.ASKER),
            (Priority.URGENT, EscalationReason.ME_TOO),
            (Priority.NORMAL, EscalationReason.NO_SOLUTION),
            (Priority.HIGH, EscalationReason.PERSONAL_DATA),
            (Priority.NORMAL, EscalationReason.NO_FIRST_RESPONSE),
            (Priority.NORMAL, EscalationReason.MANUAL),
            (Priority.HIGH, EscalationReason.TRIAGE),
            (Priority.NORMAL, EscalationReason.NO_SOLUTION),
            (Priority.URGENT, EscalationReason.NO_FIRST_RESPONSE),
            (Priority.NORMAL, EscalationReason.ASKER),
            (Priority.HIGH, EscalationReason.NO_SOLUTION),
            (Priority.NORMAL, EscalationReason.NO_FIRST_RESPONSE),
        ]
    ),
]

NOTES = [
    "Checked the logs: the request reaches us, the error comes from the payment provider.",
    "Same symptom as last week's ticket; asked the platform team to have a look.",
    "Customer is on the old plan, so the new export is not available to them yet.",
]
RESOLUTIONS = [
    "We found the cause: an expired certificate on our side. It is renewed, and the "
    "download works again. Sorry for the trouble, and thank you for reporting it!",
    "This was a setting in your account that only we can change. We changed it; please "
    "try again and tell us here if anything is still wrong.",
    "The outage is over: a faulty update was rolled back at 14:10. Everything works again "
    "for everyone who said “me too”.",
]
COMMENTS = ["Quick and friendly, thank you!", "Solved, but it took a while.", ""]
PRIVATE = [
    "staff",
    "Hello! To look into your account we need your customer number. Please send it here: "
    "only you and the support team can read this conversation.",
    "customer",
    "Thanks! My customer number is 4711-0815, the invoice is from March.",
    "staff",
    "Thank you, we found the invoice. One more question: which browser do you use?",
]


# The desk's open escalations are about questions asked at least this long ago and, of
# those, the latest: the demo's history spans a year, and a queue of year-old escalations
# would not be believable. Resolved ones are spread over the whole year.
OPEN_AT_LEAST = timedelta(days=2)


def _candidates(plan: list, *, now: datetime) -> list[tuple[Thread, tuple]]:
    """A thread for each entry of `plan`, paired with it: questions the community did not
    solve, without an escalation; for an open entry one of the latest (the unanswered
    first), for a resolved one, one from across the year, oldest plan entries first."""
    unsolved = list(
        Thread.objects.filter(
            kind=ThreadKind.QUESTION,
            solution__isnull=True,
            deleted_at__isnull=True,
            hidden_at__isnull=True,
            escalations=None,
            created_at__lt=now - OPEN_AT_LEAST,
        )
        .select_related("space", "author")
        .order_by("created_at", "pk")
    )
    open_plan = [entry for entry in plan if entry[0] != EscalationStatus.RESOLVED]
    resolved_plan = [entry for entry in plan if entry[0] == EscalationStatus.RESOLVED]
    recent = unsolved[-3 * len(open_plan) :] if open_plan else []
    latest = sorted(recent, key=lambda thread: (thread.answer_count > 0, -thread.pk))
    latest = sorted(latest[: len(open_plan)], key=lambda thread: (thread.created_at, thread.pk))
    earlier = [thread for thread in unsolved if thread not in latest]
    step = max(len(earlier) // max(len(resolved_plan), 1), 1)
    spread = earlier[::step][: len(resolved_plan)]
    return [*zip(spread, resolved_plan, strict=False), *zip(latest, open_plan, strict=False)]


def _open(thread: Thread, *, priority: int, reasons: list[str]) -> Escalation:
    targets = targets_for(thread.space)
    first_due = first_response_due(thread, targets)
    return Escalation.objects.create(
        thread=thread,
        reasons=[str(reason) for reason in reasons],
        priority=priority,
        priority_reasons=[
            {"code": "demo", "text": str(Priority(priority).label)},
        ],
        created_at=first_due,
        # As the escalation service sets them: the team's first response a first-response
        # target after the escalation, the solution by the question's own target.
        first_response_due_at=add_business_minutes(
            first_due, targets.first_response, targets.schedule
        ),
        solution_due_at=max(solution_due(thread, targets), first_due),
    )


def _spread(start: datetime, end: datetime, count: int) -> list[datetime]:
    """`count` moments between `start` and `end`, in order."""
    if end <= start:
        end = start + timedelta(minutes=count + 1)
    step = (end - start) / (count + 1)
    return [start + step * (index + 1) for index in range(count)]


def _backdate(escalation: Escalation, *, now: datetime) -> None:
    """Move what the services wrote "now" into the escalation's own past: between its
    creation and `now` (or a few hours after its creation for resolved ones)."""
    escalation.refresh_from_db()
    start = escalation.created_at
    # Resolved ones took from half an hour to a day and a bit: the desk often meets its
    # target, not always.
    longest = 30 * 60 if escalation.pk % 4 == 0 else 90
    took = timedelta(minutes=20 + (escalation.pk * 409) % longest)
    end = min(now, start + took) if not escalation.is_open else now
    events = list(escalation.events.order_by("created_at", "pk"))
    moments = _spread(start, end, len(events))
    for event, moment in zip(events, moments, strict=True):
        event.created_at = moment
        event.save(update_fields=["created_at"])
    fields = {}
    for event, moment in zip(events, moments, strict=True):
        if event.kind == "escalation.status_changed" and "acknowledged_at" not in fields:
            fields["acknowledged_at"] = moment
        if event.kind == "escalation.staff_replied" and "first_staff_response_at" not in fields:
            fields["first_staff_response_at"] = moment
        if event.kind == "escalation.resolved":
            fields["resolved_at"] = moment
        if event.kind == "escalation.note_added":
            InternalNote.objects.filter(pk=event.data.get("note_id")).update(created_at=moment)
        if event.kind in ("escalation.staff_replied", "escalation.customer_replied"):
            if event.data.get("message_id"):
                CaseMessage.objects.filter(pk=event.data["message_id"]).update(created_at=moment)
            if event.data.get("post_id"):
                Post.objects.filter(pk=event.data["post_id"]).update(created_at=moment)
    Escalation.objects.filter(pk=escalation.pk).update(**fields)
    if escalation.case_id:
        first = escalation.case.messages.order_by("pk").first()
        opened = fields.get("first_staff_response_at", start)
        if first is not None:
            CaseMessage.objects.filter(pk=first.pk).update(created_at=opened)
        last = escalation.case.messages.order_by("-created_at").first()
        SupportCase.objects.filter(pk=escalation.case_id).update(
            created_at=opened, updated_at=last.created_at if last else opened
        )
    if "resolved_at" in fields:
        resolved_at = fields["resolved_at"]
        Post.objects.filter(pk=escalation.resolution_post_id).update(created_at=resolved_at)
        Thread.objects.filter(pk=escalation.thread_id, solved_at__isnull=False).update(
            solved_at=resolved_at
        )
        # The community may have answered before or after the team: the thread's first
        # response and last activity follow its posts.
        thread = Thread.objects.get(pk=escalation.thread_id)
        posts = list(
            Post.objects.filter(thread=thread, deleted_at__isnull=True)
            .order_by("created_at", "pk")
            .values_list("created_at", "author_id", "is_opening")
        )
        replies = [
            at for at, author, opening in posts if not opening and author != thread.author_id
        ]
        latest_at, latest_author, _ = posts[-1]
        Thread.objects.filter(pk=thread.pk).update(
            first_response_at=replies[0] if replies else None,
            last_activity_at=max(latest_at, thread.solved_at or latest_at),
            last_poster_id=latest_author,
        )
        survey = SatisfactionSurvey.objects.filter(escalation=escalation).first()
        if survey is not None:
            answered = resolved_at + timedelta(hours=3) if survey.answered_at else None
            SatisfactionSurvey.objects.filter(pk=survey.pk).update(
                sent_at=resolved_at, answered_at=min(answered, now) if answered else None
            )


def _work(escalation: Escalation, *, status: str, agent: Member, rng: Random, index: int):
    if status == EscalationStatus.NEW:
        return
    desk.claim(escalation=escalation, by=agent)
    if rng.random() < 0.7:
        desk.add_note(escalation=escalation, by=agent, body=NOTES[index % len(NOTES)])
    if status == EscalationStatus.ACKNOWLEDGED:
        return
    desk.change_status(escalation=escalation, status=EscalationStatus.IN_PROGRESS, by=agent)
    if index % 2 == 0:
        desk.link_ticket(escalation=escalation, ticket_id=f"ZD-{4100 + index}", by=agent)
    if status == EscalationStatus.WAITING_ON_CUSTOMER:
        _private_conversation(escalation, agent=agent)
        desk.change_status(
            escalation=escalation, status=EscalationStatus.WAITING_ON_CUSTOMER, by=agent
        )
        return
    if status == EscalationStatus.RESOLVED:
        desk.resolve(
            escalation=escalation,
            by=agent,
            note=RESOLUTIONS[index % len(RESOLUTIONS)],
            mark_solution=index % 2 == 0,
        )
        if index % 3 != 2:  # most customers answer the survey
            survey = SatisfactionSurvey.objects.get(escalation=escalation)
            answer_survey(
                survey=survey,
                score=rng.choice([3, 4, 5, 5]),
                comment=COMMENTS[index % len(COMMENTS)],
                by=survey.member,
            )


def _private_conversation(escalation: Escalation, *, agent: Member) -> None:
    """A private case with a few messages both ways; it ends with staff waiting."""
    case = desk.open_private_channel(escalation=escalation, by=agent, body=PRIVATE[1])
    customer = escalation.thread.author
    for who, text in zip(PRIVATE[2::2], PRIVATE[3::2], strict=True):
        reply_to_case(case=case, by=agent if who == "staff" else customer, body=text)


@tasks_muted()
@rate_limits_suspended()
def seed_escalations(*, rng: Random, now: datetime) -> int:
    """Escalate some of the seeded demo threads that nobody answered and work them on the
    desk; returns how many escalations were written (0 without staff or such threads, and
    0 when there are escalations already, so seeding twice adds nothing)."""
    if Escalation.objects.exists():
        return 0
    staff = list(Member.objects.filter(is_staff=True, is_active=True).order_by("pk"))
    if not staff:
        return 0
    with transaction.atomic():
        written = 0
        for index, (thread, (status, priority, reasons)) in enumerate(_candidates(PLAN, now=now)):
            if thread.answer_count and EscalationReason.NO_FIRST_RESPONSE in reasons:
                reasons = [EscalationReason.NO_SOLUTION]  # it has answers, none solved it
            escalation = _open(thread, priority=priority, reasons=reasons)
            if escalation.created_at > now:
                Escalation.objects.filter(pk=escalation.pk).update(
                    created_at=now - timedelta(minutes=rng.randint(5, 90))
                )
                escalation.refresh_from_db()
            agent = staff[index % len(staff)]
            _work(escalation, status=status, agent=agent, rng=rng, index=index)
            _backdate(escalation, now=now)
            written += 1
    return written
