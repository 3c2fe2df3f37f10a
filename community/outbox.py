"""The durable outbox: work for the Celery worker that a broker or worker outage delays
but never loses.

How a piece of work travels:

1. ``enqueue()`` writes an OutboxMessage row (task name + JSON kwargs) in the caller's
   transaction: the work exists if and only if the change that needs it was committed.
2. After commit the row is handed to Celery (``apply_async``) and marked sent. When the
   broker refuses, the error is logged and recorded on the row, never raised: the member's
   request succeeded, and the row waits for the sweeper. A transaction that wrote several
   rows (a new question: search index, embedding, notifications, statistics …) hands them
   over as one broker message, ``community.deliver_outbox``, marked sent together: the
   worker sends each row on as its own task, so the request pays for one message.
3. The worker marks the row done when the task succeeds (Celery's ``task_success``
   signal) and records the error when it fails for good (``task_failure``).
4. ``relay_due()`` runs every minute (Celery beat, and ``manage.py relay_outbox`` for
   operators): it hands over again what the broker refused, with backoff, and what was
   handed over but never reported done (a worker lost it); it gives up on a task that
   failed PEERDESK_OUTBOX_MAX_FAILURES times, and prunes done rows.

A message can therefore run more than once: every task sent through here is idempotent.
Nothing is written while ``tasks_muted()`` is active (bulk imports).
"""

import contextvars
import logging
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta

from celery import current_app
from celery.signals import task_failure, task_success
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Min
from django.utils import timezone
from kombu.exceptions import KombuError

from community.models import OutboxMessage, OutboxState, WorkerHeartbeat
from community.models.outbox import OPEN_STATES

logger = logging.getLogger(__name__)

# Celery task ids of outbox deliveries: "outbox-<row id>-<random>", so the worker's
# success and failure signals find the row without a lookup table.
TASK_ID_PREFIX = "outbox-"
# The task that carries the rows one transaction wrote to the worker (community.tasks).
BATCH_TASK_NAME = "community.deliver_outbox"
# How long the sweeper leaves a fresh row to the relay of the request that wrote it.
RELAY_GRACE = timedelta(minutes=1)
# A row the sweeper is handing over is skipped by a second sweeper for this long.
CLAIM_FOR = timedelta(minutes=5)
PRUNE_CHUNK = 1000

_muted = contextvars.ContextVar("community_tasks_muted", default=False)


@contextmanager
def tasks_muted():
    """Send no tasks from this block: for bulk imports such as the demo data, whose
    history must not e-mail anyone and whose search index is rebuilt afterwards."""
    token = _muted.set(True)
    try:
        yield
    finally:
        _muted.reset(token)


def tasks_are_muted() -> bool:
    return _muted.get()


# --- writing ------------------------------------------------------------------------------


def enqueue(
    task, kwargs: dict | None = None, *, dedupe_key: str = "", batch_key: str = ""
) -> OutboxMessage | None:
    """Write a message for `task` (a Celery task or its name) with JSON-serialisable `kwargs`
    in the current transaction; it is handed to Celery after commit (at once in autocommit).

    `dedupe_key`: at most one open (pending or sent, not yet done) message per key, across
    transactions; a second enqueue while one is open writes nothing and returns None.
    `batch_key`: the same work asked for again in the same transaction reuses the message
    already written (returned) instead of writing another one.
    Returns None as well while tasks are muted.
    """
    if _muted.get():
        return None
    name = task if isinstance(task, str) else task.name
    connection = transaction.get_connection()
    session = _session(connection)
    if batch_key:
        earlier = session.batched.get(batch_key)
        if earlier is not None and earlier.is_waiting(connection):
            return earlier.message
    now = timezone.now()
    fields = {
        "task_name": name,
        "kwargs": dict(kwargs or {}),
        "dedupe_key": dedupe_key,
        "created_at": now,
        "next_attempt_at": now + RELAY_GRACE,
    }
    if dedupe_key:
        try:
            with transaction.atomic():
                message = OutboxMessage.objects.create(**fields)
        except IntegrityError:
            return None  # the same work is already waiting to be done
    else:
        message = OutboxMessage.objects.create(**fields)
    delivery = _Delivery(message, session)
    if batch_key:
        session.batched[batch_key] = delivery
    transaction.on_commit(delivery)
    return message


class _Session:
    """The deliveries one transaction registered: once the broker refuses one of them, the
    rest wait for the sweeper instead of making the member wait for the broker again."""

    def __init__(self):
        self.batched: dict[str, _Delivery] = {}
        self.deliveries: list[_Delivery] = []
        self.waiting = 0
        self.broker_down = False
        self.handed_over_together = False


class _Delivery:
    """The on-commit callback that hands one message to Celery."""

    def __init__(self, message: OutboxMessage, session: _Session):
        self.message = message
        self.session = session
        self.ran = False
        session.waiting += 1
        session.deliveries.append(self)

    def is_waiting(self, connection) -> bool:
        # A rolled-back savepoint drops its on-commit callbacks, and with them this one.
        return not self.ran and any(entry[1] is self for entry in connection.run_on_commit)

    def __call__(self):
        self.ran = True
        session = self.session
        session.waiting -= 1
        if session.broker_down or session.handed_over_together:
            return
        if len(session.deliveries) > 1 and not _tasks_run_inline():
            # The first callback of the transaction hands over every row it wrote. A row
            # whose savepoint was rolled back is not in the database: the worker skips it.
            session.handed_over_together = True
            handed_over = _hand_over_together([d.message for d in session.deliveries])
        else:
            handed_over = _hand_over(self.message)
        if not handed_over:
            session.broker_down = True


def _session(connection) -> _Session:
    session = getattr(connection, "_outbox_session", None)
    if (
        session is None
        or not session.waiting
        or not connection.in_atomic_block
        or not connection.run_on_commit
    ):
        session = _Session()
        connection._outbox_session = session
    return session


# --- handing over -------------------------------------------------------------------------


def _retry_delay(attempts: int) -> timedelta:
    """1, 2, 4, 8 … minutes after refused hand-overs, at most PEERDESK_OUTBOX_RETRY_MAX."""
    delay = settings.PEERDESK_OUTBOX_RETRY_BASE * 2 ** max(attempts - 1, 0)
    return min(delay, settings.PEERDESK_OUTBOX_RETRY_MAX)


def _tasks_run_inline() -> bool:
    return bool(current_app.conf.task_always_eager)


def _publish(message: OutboxMessage, task_id: str) -> None:
    task = current_app.tasks.get(message.task_name)
    if task is None:  # a task this process never imported: the worker knows it by name
        current_app.send_task(message.task_name, kwargs=message.kwargs, task_id=task_id)
    else:
        task.apply_async(kwargs=message.kwargs, task_id=task_id)


def _hand_over(message: OutboxMessage, *, counts_as_attempt: bool = True) -> bool:
    """Give `message` to the broker and mark it sent. False (logged, recorded) if refused.
    `counts_as_attempt` False: the worker sending on a row of a transaction's batch, which
    was counted when the batch was handed over."""
    task_id = f"{TASK_ID_PREFIX}{message.pk}-{uuid.uuid4().hex[:12]}"
    try:
        _publish(message, task_id)
    except Exception as error:
        if _tasks_run_inline() and not isinstance(error, KombuError):
            # Eager (tests): the task itself ran here and failed, not the broker. Celery sends
            # no task_failure signal when it propagates the error, so record it as the worker would.
            _note_failure(message.pk, error)
            raise
        _note_refusal([message], error, attempts=message.attempts + 1)
        return False
    if counts_as_attempt:
        _mark_sent([message.pk])
    return True


def _hand_over_together(messages: list[OutboxMessage]) -> bool:
    """Give the rows one transaction wrote to the broker as one message and mark them
    sent together. False (logged, recorded on each row) if refused."""
    pks = sorted({message.pk for message in messages})
    try:
        current_app.send_task(
            BATCH_TASK_NAME,
            kwargs={"message_ids": pks},
            task_id=f"{TASK_ID_PREFIX}batch-{uuid.uuid4().hex[:12]}",
        )
    except Exception as error:
        _note_refusal(messages, error, attempts=1 + max(m.attempts for m in messages))
        return False
    _mark_sent(pks)
    return True


def _mark_sent(pks: list[int]) -> None:
    now = timezone.now()
    # Not over "done": an eager task, or a quick worker, may have finished already.
    OutboxMessage.objects.filter(pk__in=pks, state__in=OPEN_STATES).update(
        state=OutboxState.SENT,
        attempts=F("attempts") + 1,
        sent_at=now,
        next_attempt_at=now + settings.PEERDESK_OUTBOX_REDELIVER_AFTER,
    )


def _note_refusal(messages: list[OutboxMessage], error: BaseException, *, attempts: int) -> None:
    """The broker refused `messages`: log it and have the sweeper try again after a pause."""
    logger.warning(
        "outbox message not handed over; the sweeper retries",
        extra={
            "outbox_id": messages[0].pk if len(messages) == 1 else [m.pk for m in messages],
            "task": messages[0].task_name if len(messages) == 1 else BATCH_TASK_NAME,
            "attempts": attempts,
        },
        exc_info=True,
    )
    OutboxMessage.objects.filter(
        pk__in=[message.pk for message in messages], state__in=OPEN_STATES
    ).update(
        attempts=F("attempts") + 1,
        last_error=_describe(error),
        next_attempt_at=timezone.now() + _retry_delay(attempts),
    )


def deliver_batch(message_ids: list[int]) -> int:
    """In the worker: send each still open row of a transaction's batch on as its own task
    (its own id, so the worker's signals mark it done or failed). Stops at the first
    refusal; the sweeper hands over the rest. Returns how many were sent on."""
    sent = 0
    for message in OutboxMessage.objects.filter(pk__in=message_ids, state__in=OPEN_STATES).order_by(
        "pk"
    ):
        if not _hand_over(message, counts_as_attempt=False):
            break
        sent += 1
    return sent


def _describe(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"[:1000]


# --- the sweeper --------------------------------------------------------------------------


@dataclass
class RelayReport:
    handed_over: int = 0
    refused: int = 0
    left_waiting: int = 0  # due, not tried because the broker had just refused
    pruned: int = 0


def relay_due(*, limit: int = 500, ignore_schedule: bool = False) -> RelayReport:
    """Hand over open messages whose next attempt is due (all open ones with
    `ignore_schedule`), oldest first; stop at the first refusal. Then prune done rows.

    Safe to run in several processes at once: each row is claimed before it is sent.
    """
    now = timezone.now()
    report = RelayReport()
    due = OutboxMessage.objects.filter(state__in=OPEN_STATES)
    if not ignore_schedule:
        due = due.filter(next_attempt_at__lte=now)
    messages = list(due.order_by("next_attempt_at", "pk")[:limit])
    for position, message in enumerate(messages):
        claimed = OutboxMessage.objects.filter(
            pk=message.pk, state=message.state, next_attempt_at=message.next_attempt_at
        ).update(next_attempt_at=now + CLAIM_FOR)
        if not claimed:
            continue  # another sweeper has it, or the worker just finished it
        if message.state == OutboxState.SENT:
            logger.info(
                "outbox message handed over again: no result from the worker",
                extra={"outbox_id": message.pk, "task": message.task_name},
            )
        if _hand_over(message):
            report.handed_over += 1
        else:
            report.refused += 1
            report.left_waiting = len(messages) - position - 1
            break
    report.pruned = prune_done()
    return report


def prune_done() -> int:
    """Delete done messages older than PEERDESK_OUTBOX_KEEP_DONE. Failed ones stay."""
    cutoff = timezone.now() - settings.PEERDESK_OUTBOX_KEEP_DONE
    old = OutboxMessage.objects.filter(state=OutboxState.DONE, done_at__lt=cutoff)
    pruned = 0
    while pks := list(old.values_list("pk", flat=True)[:PRUNE_CHUNK]):
        pruned += OutboxMessage.objects.filter(pk__in=pks).delete()[0]
    return pruned


def requeue_failed() -> int:
    """Give every message the outbox gave up on another round (after a fix was deployed).
    A failed message whose dedupe key has an open message already stays failed."""
    open_keys = OutboxMessage.objects.filter(state__in=OPEN_STATES).exclude(dedupe_key="")
    failed = OutboxMessage.objects.filter(state=OutboxState.FAILED).exclude(
        dedupe_key__in=open_keys.values("dedupe_key")
    )
    # One row per key: two failed rows with the same key cannot both be open.
    keep = failed.exclude(dedupe_key="").values("dedupe_key").annotate(first=Min("pk"))
    chosen = failed.filter(dedupe_key="") | failed.filter(pk__in=keep.values("first"))
    return chosen.update(state=OutboxState.PENDING, failures=0, next_attempt_at=timezone.now())


# --- the worker reports back --------------------------------------------------------------


def message_pk(task_id: str | None) -> int | None:
    """The outbox row a Celery task id belongs to, or None for tasks sent otherwise."""
    if not task_id or not task_id.startswith(TASK_ID_PREFIX):
        return None
    pk = task_id[len(TASK_ID_PREFIX) :].partition("-")[0]
    return int(pk) if pk.isdigit() else None


def is_done(task_id: str | None) -> bool:
    """Whether the outbox message behind `task_id` already ran to completion (so a second
    delivery of it can skip work that is not naturally idempotent, such as SMTP)."""
    pk = message_pk(task_id)
    return pk is not None and OutboxMessage.objects.filter(pk=pk, state=OutboxState.DONE).exists()


def stored_kwargs(task_id: str | None) -> dict | None:
    """The arguments as the outbox row holds them now (a redaction may have changed them
    since the broker got its copy), or None for a task sent otherwise."""
    pk = message_pk(task_id)
    if pk is None:
        return None
    return OutboxMessage.objects.filter(pk=pk).values_list("kwargs", flat=True).first()


@task_success.connect
def _mark_done(sender=None, **kwargs):
    pk = message_pk(getattr(getattr(sender, "request", None), "id", None))
    if pk is None:
        return
    try:
        OutboxMessage.objects.filter(pk=pk, state__in=OPEN_STATES).update(
            state=OutboxState.DONE, done_at=timezone.now()
        )
    except Exception:  # the task did its work; at worst the sweeper sends it once more
        logger.exception("outbox message not marked done", extra={"outbox_id": pk})


@task_failure.connect
def _record_failure(sender=None, task_id=None, exception=None, **kwargs):
    pk = message_pk(task_id)
    if pk is not None:
        _note_failure(pk, exception)


def _note_failure(pk: int, exception: BaseException | None) -> None:
    try:
        message = OutboxMessage.objects.filter(pk=pk, state__in=OPEN_STATES).first()
        if message is None:
            return
        failures = message.failures + 1
        gave_up = failures >= settings.PEERDESK_OUTBOX_MAX_FAILURES
        OutboxMessage.objects.filter(pk=pk, state__in=OPEN_STATES).update(
            failures=failures,
            state=OutboxState.FAILED if gave_up else F("state"),
            last_error=_describe(exception) if exception else "failed",
            next_attempt_at=timezone.now() + settings.PEERDESK_OUTBOX_REDELIVER_AFTER,
        )
        logger.error(
            "outbox task failed; given up" if gave_up else "outbox task failed; sent again later",
            extra={"outbox_id": pk, "task": message.task_name, "failures": failures},
        )
    except Exception:
        logger.exception("outbox failure not recorded", extra={"outbox_id": pk})


# --- backlog and heartbeat ----------------------------------------------------------------


@dataclass
class Backlog:
    waiting: int  # messages not done yet (pending or sent)
    oldest_waiting_at: datetime | None

    def oldest_age(self, now: datetime | None = None) -> timedelta | None:
        if self.oldest_waiting_at is None:
            return None
        return (now or timezone.now()) - self.oldest_waiting_at


def outbox_backlog() -> Backlog:
    totals = OutboxMessage.objects.filter(state__in=OPEN_STATES).aggregate(
        waiting=Count("pk"), oldest=Min("created_at")
    )
    return Backlog(waiting=totals["waiting"], oldest_waiting_at=totals["oldest"])


HEARTBEAT_NAME = "worker"


def record_heartbeat() -> WorkerHeartbeat:
    """Called by the worker every minute: proves beat, broker and worker work, for /healthz."""
    backlog = outbox_backlog()
    heartbeat, _ = WorkerHeartbeat.objects.update_or_create(
        name=HEARTBEAT_NAME,
        defaults={
            "beat_at": timezone.now(),
            "outbox_waiting": backlog.waiting,
            "outbox_oldest_waiting_at": backlog.oldest_waiting_at,
        },
    )
    return heartbeat


def last_heartbeat() -> WorkerHeartbeat | None:
    return WorkerHeartbeat.objects.filter(name=HEARTBEAT_NAME).first()
