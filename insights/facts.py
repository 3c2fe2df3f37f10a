"""Per-question facts: what one question's life says about the support it got.

``refresh_question_facts`` recomputes the QuestionFact rows of a batch of threads from the
threads, their posts, their escalations and the audit log in a fixed number of queries
(one read, one upsert, one delete), whatever the batch's size. Running it twice gives the
same rows: it is what the receivers' task and the nightly refresher both call.

Who answered is classed by the member's role *now* (staff, super user, community member):
the role they had when they wrote is not stored anywhere.
"""

from collections.abc import Iterable
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import timezone

from community.escalation.business_time import business_minutes_between
from community.escalation.targets import targets_for
from community.models import (
    AuditAction,
    AuditEntry,
    Escalation,
    Post,
    Thread,
    ThreadKind,
    TrustLevel,
)
from insights.calendar import local_day
from insights.models import QuestionFact, ResponderClass
from insights.rollups import refresher

# Threads per read and upsert in the refresher: large enough to keep the number of
# queries small, small enough that one batch's rows sit comfortably in memory.
BATCH_SIZE = 500

# Audit rows that say a thread's solution was taken away: a moderator un-accepting it, or
# the accepted answer deleted, hidden or held (``details.removed_solution``). An asker who
# un-accepts their own solution writes no audit row: only the answer_unaccepted receiver
# sees that (``reopened=True``), and the flag is kept on every later refresh.
_SOLUTION_REMOVED = Q(action=AuditAction.UNACCEPT_ANSWER) | Q(
    action__in=(AuditAction.DELETE_POST, AuditAction.HIDE_POST, AuditAction.HOLD_POST),
    details__removed_solution=True,
)

_UPDATED_FIELDS = [
    field.name
    for field in QuestionFact._meta.concrete_fields
    if not field.primary_key and field.name != "thread"
]


def responder_class(*, is_staff: bool | None, trust_level: int | None) -> str:
    """Staff, super user (trust level 4) or community member, by the member's current role."""
    if is_staff:
        return ResponderClass.STAFF
    # Trust level 4 is the top level; permissions.py alone compares levels by order.
    if trust_level == TrustLevel.LEADER:
        return ResponderClass.SUPER_USER
    return ResponderClass.PEER


def _first_reply(field: str) -> Subquery:
    """`field` of the thread's first reply that counts as a response: not the opening post,
    not by the asker, neither hidden nor deleted (a held spam reply answered nobody)."""
    replies = (
        Post.objects.filter(
            thread=OuterRef("pk"),
            is_opening=False,
            hidden_at__isnull=True,
            deleted_at__isnull=True,
        )
        .exclude(author=OuterRef("author"))
        .order_by("created_at", "pk")
    )
    return Subquery(replies.values(field)[:1])


def _question_rows(thread_ids: list[int]):
    """One query: each question's own fields with its first reply, its solution's author,
    its first escalation and whether its solution was ever taken away."""
    post_type = ContentType.objects.get_for_model(Post)  # cached by ContentType's manager
    solution_removed = AuditEntry.objects.filter(
        _SOLUTION_REMOVED,
        target_type=post_type,
        target_id__in=Post.objects.filter(thread=OuterRef(OuterRef("pk"))).values("pk"),
    )
    first_escalation = Escalation.objects.filter(thread=OuterRef("pk")).order_by("created_at")
    stored_reopened = QuestionFact.objects.filter(thread=OuterRef("pk"), was_reopened=True)
    return (
        Thread.objects.filter(pk__in=thread_ids, kind=ThreadKind.QUESTION)
        .select_related("space", "solution__author")
        .annotate(
            reply_id=_first_reply("pk"),
            reply_at=_first_reply("created_at"),
            reply_is_staff=_first_reply("author__is_staff"),
            reply_trust_level=_first_reply("author__trust_level"),
            first_escalated_at=Subquery(first_escalation.values("created_at")[:1]),
            audit_reopened=Exists(solution_removed),
            stored_reopened=Exists(stored_reopened),
        )
    )


def _seconds(start: datetime, end: datetime, schedule) -> tuple[float, float]:
    """Business and wall-clock seconds from `start` to `end`, never below zero (an answer
    moved in by a merge may be older than the question it now answers)."""
    if end <= start:
        return 0.0, 0.0
    business = business_minutes_between(start, end, schedule) * 60
    return business, (end - start).total_seconds()


def build_fact(thread: Thread, *, reopened: bool = False, now: datetime | None = None):
    """The QuestionFact of `thread`, read by ``_question_rows`` (unsaved)."""
    targets = targets_for(thread.space)
    schedule = targets.schedule
    fact = QuestionFact(
        thread_id=thread.pk,
        space_id=thread.space_id,
        language=thread.language,
        asked_at=thread.created_at,
        asked_on=local_day(thread.created_at),
        is_public=(
            thread.hidden_at is None and thread.deleted_at is None and thread.merged_into_id is None
        ),
        escalated_at=thread.first_escalated_at,
        was_reopened=reopened or thread.audit_reopened or thread.stored_reopened,
        computed_at=now or timezone.now(),
    )
    if thread.reply_at is not None:
        business, wall = _seconds(thread.created_at, thread.reply_at, schedule)
        fact.first_response_at = thread.reply_at
        fact.first_response_seconds = business
        fact.first_response_wall_seconds = wall
        fact.first_responder = responder_class(
            is_staff=thread.reply_is_staff, trust_level=thread.reply_trust_level
        )
        fact.within_target = business <= targets.first_response * 60
    solution = thread.solution
    if solution is not None and thread.solved_at is not None:
        business, wall = _seconds(thread.created_at, thread.solved_at, schedule)
        fact.solved_at = thread.solved_at
        fact.solution_seconds = business
        fact.solution_wall_seconds = wall
        fact.solved_by = responder_class(
            is_staff=solution.author.is_staff, trust_level=solution.author.trust_level
        )
        fact.first_contact_resolution = (
            solution.pk == thread.reply_id and fact.escalated_at is None and not fact.was_reopened
        )
    return fact


def refresh_question_facts(thread_ids: Iterable[int], *, reopened: Iterable[int] = ()) -> int:
    """Recompute the facts of these threads: questions get theirs written, anything else
    (a discussion, a thread gone) loses any it had. `reopened`: threads whose solution was
    just un-accepted (kept on every later refresh). Returns how many facts were written.
    Three queries per call; idempotent."""
    thread_ids = list(dict.fromkeys(thread_ids))
    if not thread_ids:
        return 0
    reopened = set(reopened)
    now = timezone.now()
    facts = [
        build_fact(thread, reopened=thread.pk in reopened, now=now)
        for thread in _question_rows(thread_ids)
    ]
    if facts:
        QuestionFact.objects.bulk_create(
            facts,
            update_conflicts=True,
            unique_fields=["thread"],
            update_fields=_UPDATED_FIELDS,
        )
    questions = {fact.thread_id for fact in facts}
    gone = [pk for pk in thread_ids if pk not in questions]
    if gone:
        QuestionFact.objects.filter(thread_id__in=gone).delete()
    return len(facts)


def refresh_question_fact(thread_id: int, *, reopened: bool = False) -> QuestionFact | None:
    """Recompute one thread's fact (see ``refresh_question_facts``); None when it is not a
    question (any fact it had is deleted)."""
    refresh_question_facts([thread_id], reopened=[thread_id] if reopened else [])
    return QuestionFact.objects.filter(thread_id=thread_id).first()


@refresher
def refresh_recent_question_facts(since: datetime) -> int:
    """Facts of every question asked, active or escalated since `since`, in batches; and
    no fact left for a thread that is no longer a question. The nightly roll-up calls this
    before counting, so a fact a lost message left stale is right again by morning."""
    changed = Q(created_at__gte=since) | Q(last_activity_at__gte=since)
    escalated = Escalation.objects.filter(created_at__gte=since).values("thread_id")
    ids = (
        Thread.objects.filter(kind=ThreadKind.QUESTION)
        .filter(changed | Q(pk__in=escalated))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    written = 0
    batch: list[int] = []
    for thread_id in ids.iterator(chunk_size=BATCH_SIZE):
        batch.append(thread_id)
        if len(batch) == BATCH_SIZE:
            written += refresh_question_facts(batch)
            batch = []
    written += refresh_question_facts(batch)
    QuestionFact.objects.exclude(thread__kind=ThreadKind.QUESTION).delete()
    return written
