"""community.outbox: work written in the transaction, handed to Celery after commit, handed
over again by the sweeper until the worker reports it done."""

import logging
from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from celery.app.task import Task
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError

from community import outbox
from community.models import OutboxMessage, OutboxState
from community.tasks import ping_task, tasks_muted, update_search_index_task

pytestmark = pytest.mark.django_db


class Broker:
    """Stands in for Task.apply_async: records what was handed over, or refuses while down."""

    def __init__(self):
        self.down = False
        self.sent: list[tuple[str, dict, str]] = []

    def __call__(self, task, args=None, kwargs=None, task_id=None, **options):
        if self.down:
            raise OperationalError("[Errno 111] Connection refused")
        self.sent.append((task.name, kwargs, task_id))

    def names(self) -> list[str]:
        return [name for name, _, _ in self.sent]


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """``committed(task, kwargs)``: enqueue as a request in autocommit does, relay included."""

    def enqueue(task, kwargs=None, **options):
        with django_capture_on_commit_callbacks(execute=True):
            return outbox.enqueue(task, kwargs, **options)

    return enqueue


@pytest.fixture
def broker(monkeypatch):
    broker = Broker()

    def apply_async(task, *args, **options):
        return broker(task, *args, **options)

    monkeypatch.setattr(Task, "apply_async", apply_async)
    return broker


def test_enqueue_writes_the_message_in_the_transaction_and_sends_after_commit(
    broker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        message = outbox.enqueue(ping_task, {"note": "x"})
    assert OutboxMessage.objects.get() == message
    assert (message.task_name, message.kwargs, message.state) == (
        "community.ping",
        {"note": "x"},
        OutboxState.PENDING,
    )
    assert broker.sent == []

    for callback in callbacks:
        callback()

    assert broker.sent == [("community.ping", {"note": "x"}, broker.sent[0][2])]
    assert outbox.message_pk(broker.sent[0][2]) == message.pk
    message.refresh_from_db()
    assert (message.state, message.attempts) == (OutboxState.SENT, 1)
    assert message.sent_at is not None


def test_enqueue_leaves_nothing_when_the_transaction_rolls_back(
    broker, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        outbox.enqueue(ping_task)
        raise RuntimeError("the service failed")
    assert not OutboxMessage.objects.exists()
    assert broker.sent == []


def test_enqueue_writes_nothing_while_tasks_are_muted(broker, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), tasks_muted():
        assert outbox.enqueue(ping_task) is None
    assert not OutboxMessage.objects.exists()
    assert broker.sent == []


def test_enqueue_batch_key_writes_one_message_per_transaction(
    broker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = outbox.enqueue(ping_task, {"n": 1}, batch_key="thread:1")
        again = outbox.enqueue(ping_task, {"n": 1}, batch_key="thread:1")
        other = outbox.enqueue(ping_task, {"n": 2}, batch_key="thread:2")
    assert again == first
    assert other != first
    assert OutboxMessage.objects.count() == 2
    assert len(broker.sent) == 2

    # The next transaction needs its own message: the first one is already on its way.
    with django_capture_on_commit_callbacks(execute=True):
        later = outbox.enqueue(ping_task, {"n": 1}, batch_key="thread:1")
    assert later not in (first, other)
    assert len(broker.sent) == 3


def test_enqueue_batch_key_does_not_reuse_a_message_a_savepoint_rolled_back(
    broker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            outbox.enqueue(ping_task, batch_key="thread:1")
            raise RuntimeError("inner step failed")
        kept = outbox.enqueue(ping_task, batch_key="thread:1")
    assert kept is not None
    assert list(OutboxMessage.objects.all()) == [kept]
    assert len(broker.sent) == 1


def test_enqueue_dedupe_key_allows_one_open_message_across_transactions(broker, committed):
    broker.down = True  # keep the first one pending
    first = committed(ping_task, dedupe_key="rerender-post:7")
    assert first is not None
    assert committed(ping_task, dedupe_key="rerender-post:7") is None

    broker.down = False
    OutboxMessage.objects.filter(pk=first.pk).update(state=OutboxState.SENT)
    assert committed(ping_task, dedupe_key="rerender-post:7") is None  # still not done

    OutboxMessage.objects.filter(pk=first.pk).update(state=OutboxState.DONE)
    assert committed(ping_task, dedupe_key="rerender-post:7") is not None
    assert OutboxMessage.objects.filter(dedupe_key="rerender-post:7").count() == 2


def test_enqueue_dedupe_key_inside_a_transaction_keeps_the_transaction_usable(
    broker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert outbox.enqueue(ping_task, dedupe_key="k") is not None
        assert outbox.enqueue(ping_task, dedupe_key="k") is None
        assert outbox.enqueue(ping_task, {"after": True}) is not None
    assert OutboxMessage.objects.count() == 2


def test_enqueue_runs_the_task_and_marks_it_done(committed):
    # Tasks are eager in tests: the worker's success signal marks the row done.
    message = committed(ping_task)
    message.refresh_from_db()
    assert message.state == OutboxState.DONE
    assert message.done_at is not None


def test_relay_logs_a_refusing_broker_and_keeps_the_message(
    broker, django_capture_on_commit_callbacks, caplog
):
    broker.down = True
    with (
        caplog.at_level(logging.WARNING, logger="community.outbox"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        first = outbox.enqueue(ping_task, {"n": 1})
        second = outbox.enqueue(ping_task, {"n": 2})
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.state == second.state == OutboxState.PENDING
    assert first.attempts == 1
    assert "OperationalError" in first.last_error
    assert first.next_attempt_at > timezone.now() + timedelta(seconds=50)
    # After one refusal the rest of the commit waits for the sweeper instead of the broker.
    assert second.attempts == 0
    assert "not handed over" in caplog.text


def test_relay_due_hands_over_refused_messages_once_the_broker_is_back(broker, committed):
    broker.down = True
    message = committed(ping_task)  # autocommit: handed over at once, refused
    broker.down = False

    assert outbox.relay_due().handed_over == 0  # not due yet: backoff
    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        report = outbox.relay_due()
    assert report.handed_over == 1
    message.refresh_from_db()
    assert (message.state, message.attempts) == (OutboxState.SENT, 2)
    assert broker.names() == ["community.ping"]


def test_relay_due_backs_off_longer_after_each_refusal(broker, committed, settings):
    broker.down = True
    message = committed(ping_task)
    delays = []
    now = timezone.now()
    for _ in range(6):
        message.refresh_from_db()
        now = message.next_attempt_at
        with time_machine.travel(now):
            outbox.relay_due()
        message.refresh_from_db()
        delays.append(round((message.next_attempt_at - now).total_seconds() / 60))
    assert delays == [2, 4, 8, 10, 10, 10]  # minutes: doubling, at most OUTBOX_RETRY_MAX


def test_relay_due_stops_at_the_first_refusal(broker, committed):
    broker.down = True
    for number in range(3):
        committed(ping_task, {"n": number})
    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        report = outbox.relay_due()
    assert (report.handed_over, report.refused, report.left_waiting) == (0, 1, 2)


def test_relay_due_hands_over_a_pending_message_its_request_never_relayed(
    broker, django_capture_on_commit_callbacks
):
    # The web process died between commit and hand-over: the callback never ran.
    with django_capture_on_commit_callbacks():
        message = outbox.enqueue(ping_task)
    assert outbox.relay_due().handed_over == 0  # the request's own relay gets a minute
    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        assert outbox.relay_due().handed_over == 1
    message.refresh_from_db()
    assert message.state == OutboxState.SENT


def test_relay_due_hands_over_again_what_no_worker_reported_done(broker, committed, settings):
    message = committed(ping_task)
    assert broker.names() == ["community.ping"]
    with time_machine.travel(timezone.now() + timedelta(minutes=10)):
        assert outbox.relay_due().handed_over == 0
    with time_machine.travel(timezone.now() + settings.PEERDESK_OUTBOX_REDELIVER_AFTER * 1.1):
        assert outbox.relay_due().handed_over == 1
    assert broker.names() == ["community.ping", "community.ping"]
    message.refresh_from_db()
    assert message.attempts == 2


def test_relay_due_with_ignore_schedule_sends_everything_open(broker, committed):
    broker.down = True
    committed(ping_task)
    broker.down = False
    assert outbox.relay_due(ignore_schedule=True).handed_over == 1


def test_a_failing_task_is_handed_over_again_then_given_up(settings, monkeypatch, committed):
    settings.PEERDESK_OUTBOX_MAX_FAILURES = 2
    calls = []

    def always_failing(*, model, pk):
        calls.append(pk)
        raise ValueError("the index is corrupt")

    monkeypatch.setattr(update_search_index_task, "run", always_failing)
    monkeypatch.setattr(update_search_index_task, "max_retries", 0)
    with pytest.raises(ValueError):
        committed(update_search_index_task, {"model": "community.thread", "pk": 1})
    message = OutboxMessage.objects.get()
    assert (message.state, message.failures) == (OutboxState.PENDING, 1)
    assert message.last_error == "ValueError: the index is corrupt"

    with (
        time_machine.travel(timezone.now() + settings.PEERDESK_OUTBOX_REDELIVER_AFTER * 1.1),
        pytest.raises(ValueError),
    ):
        outbox.relay_due()
    message.refresh_from_db()
    assert (message.state, message.failures) == (OutboxState.FAILED, 2)

    with time_machine.travel(timezone.now() + timedelta(days=1)):
        assert outbox.relay_due().handed_over == 0  # given up: left for an operator
    assert len(calls) == 2


def test_requeue_failed_gives_failed_messages_another_round(broker):
    OutboxMessage.objects.create(task_name="community.ping", state=OutboxState.FAILED, failures=3)
    OutboxMessage.objects.create(
        task_name="community.ping", state=OutboxState.FAILED, dedupe_key="same"
    )
    OutboxMessage.objects.create(
        task_name="community.ping", state=OutboxState.FAILED, dedupe_key="same"
    )
    OutboxMessage.objects.create(
        task_name="community.ping", state=OutboxState.FAILED, dedupe_key="open-already"
    )
    OutboxMessage.objects.create(task_name="community.ping", dedupe_key="open-already")

    assert outbox.requeue_failed() == 2
    assert OutboxMessage.objects.filter(state=OutboxState.PENDING, failures=0).count() == 3


def test_relay_due_prunes_done_messages_after_a_day(broker, settings):
    old = OutboxMessage.objects.create(
        task_name="community.ping",
        state=OutboxState.DONE,
        done_at=timezone.now() - settings.PEERDESK_OUTBOX_KEEP_DONE - timedelta(minutes=1),
    )
    recent = OutboxMessage.objects.create(
        task_name="community.ping", state=OutboxState.DONE, done_at=timezone.now()
    )
    failed = OutboxMessage.objects.create(
        task_name="community.ping",
        state=OutboxState.FAILED,
        created_at=timezone.now() - timedelta(days=30),
    )
    assert outbox.relay_due().pruned == 1
    assert set(OutboxMessage.objects.all()) == {recent, failed}
    assert old.pk not in OutboxMessage.objects.values_list("pk", flat=True)


def test_relay_due_claims_each_message_so_two_sweepers_send_it_once(broker, committed):
    broker.down = True
    message = committed(ping_task)
    broker.down = False
    due = OutboxMessage.objects.get(pk=message.pk)
    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        outbox.relay_due()
        # A second sweeper that read the row before the first one claimed it.
        claimed = OutboxMessage.objects.filter(
            pk=due.pk, state=due.state, next_attempt_at=due.next_attempt_at
        ).update(next_attempt_at=timezone.now())
    assert claimed == 0
    assert broker.names() == ["community.ping"]


def test_message_pk_reads_outbox_task_ids_only():
    assert outbox.message_pk("outbox-42-abcdef") == 42
    assert outbox.message_pk("3f1c0e0a-celery-uuid") is None
    assert outbox.message_pk(None) is None
    assert outbox.message_pk("outbox-x-1") is None


def test_record_heartbeat_stores_the_backlog(broker, committed):
    broker.down = True
    message = committed(ping_task)
    heartbeat = outbox.record_heartbeat()
    assert heartbeat.outbox_waiting == 1
    assert heartbeat.outbox_oldest_waiting_at == message.created_at
    assert outbox.last_heartbeat() == heartbeat
    outbox.record_heartbeat()
    assert outbox.last_heartbeat().beat_at >= heartbeat.beat_at


def test_relay_outbox_command_hands_over_and_reports(broker, committed):
    broker.down = True
    committed(ping_task)
    broker.down = False
    out = StringIO()
    call_command("relay_outbox", "--now", stdout=out)
    assert "Handed over 1, refused 0" in out.getvalue()
    assert "1 messages not done yet" in out.getvalue()


def test_relay_outbox_command_says_when_the_broker_refuses(broker, committed):
    broker.down = True
    committed(ping_task)
    out, err = StringIO(), StringIO()
    call_command("relay_outbox", "--now", stdout=out, stderr=err)
    assert "refused 1" in out.getvalue()
    assert "is the broker running?" in err.getvalue()


def test_relay_outbox_command_requeues_failed_messages(broker):
    OutboxMessage.objects.create(task_name="community.ping", state=OutboxState.FAILED)
    out = StringIO()
    call_command("relay_outbox", "--requeue-failed", stdout=out)
    assert "Requeued 1 failed messages." in out.getvalue()
    assert broker.names() == ["community.ping"]


# --- a transaction's rows travel to the worker as one broker message -----------------------


class BatchBroker:
    """Stands in for Celery.send_task: records the batches, or refuses while down."""

    def __init__(self):
        self.down = False
        self.batches: list[tuple[str, dict, str]] = []

    def __call__(self, app, name, args=None, kwargs=None, task_id=None, **options):
        if self.down:
            raise OperationalError("[Errno 111] Connection refused")
        self.batches.append((name, kwargs, task_id))


@pytest.fixture
def batch_broker(monkeypatch):
    from celery import Celery

    broker = BatchBroker()
    # A real broker: the worker runs the tasks, not this process.
    monkeypatch.setattr(outbox, "_tasks_run_inline", lambda: False)
    monkeypatch.setattr(Celery, "send_task", lambda app, *a, **kw: broker(app, *a, **kw))
    return broker


def test_a_transaction_s_rows_are_handed_over_as_one_message_and_marked_sent_together(
    batch_broker, broker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        first = outbox.enqueue(ping_task, {"note": "a"})
        with pytest.raises(RuntimeError), transaction.atomic():
            outbox.enqueue(ping_task, {"note": "rolled back"})
            raise RuntimeError("a savepoint fails")
        second = outbox.enqueue(update_search_index_task, {"model": "x.y", "pk": 1})

    ((name, kwargs, task_id),) = batch_broker.batches
    assert name == outbox.BATCH_TASK_NAME == "community.deliver_outbox"
    assert {first.pk, second.pk} <= set(kwargs["message_ids"])
    assert outbox.message_pk(task_id) is None  # the worker's signals leave the batch alone
    assert broker.sent == []  # no task of its own for any row
    for message in (first, second):
        message.refresh_from_db()
        assert (message.state, message.attempts) == (OutboxState.SENT, 1)
    assert OutboxMessage.objects.count() == 2


def test_a_transaction_with_one_row_hands_it_over_as_its_own_task(
    batch_broker, broker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        message = outbox.enqueue(ping_task, {"note": "alone"})
    assert batch_broker.batches == []
    assert [(name, outbox.message_pk(task_id)) for name, _, task_id in broker.sent] == [
        ("community.ping", message.pk)
    ]


def test_a_refused_batch_leaves_every_row_to_the_sweeper(
    batch_broker, broker, django_capture_on_commit_callbacks, caplog
):
    batch_broker.down = True
    with (
        caplog.at_level(logging.WARNING, logger="community.outbox"),
        django_capture_on_commit_callbacks(execute=True),
        transaction.atomic(),
    ):
        first = outbox.enqueue(ping_task, {"note": "a"})
        second = outbox.enqueue(ping_task, {"note": "b"})

    for message in (first, second):
        message.refresh_from_db()
        assert (message.state, message.attempts) == (OutboxState.PENDING, 1)
        assert "Connection refused" in message.last_error
    assert "not handed over" in caplog.text

    batch_broker.down = False
    report = outbox.relay_due(ignore_schedule=True)
    assert report.handed_over == 2
    assert broker.names() == ["community.ping", "community.ping"]


def test_the_worker_sends_each_open_row_of_a_batch_on_as_its_own_task(broker):
    from community.tasks import deliver_outbox_task

    pending = OutboxMessage.objects.create(
        task_name="community.ping", kwargs={"note": "a"}, next_attempt_at=timezone.now()
    )
    sent = OutboxMessage.objects.create(
        task_name="community.ping",
        kwargs={"note": "b"},
        state=OutboxState.SENT,
        attempts=1,
        next_attempt_at=timezone.now(),
    )
    done = OutboxMessage.objects.create(
        task_name="community.ping",
        kwargs={"note": "c"},
        state=OutboxState.DONE,
        next_attempt_at=timezone.now(),
    )

    assert deliver_outbox_task.run(message_ids=[pending.pk, sent.pk, done.pk, 999_999]) == 2

    assert [(kwargs, outbox.message_pk(task_id)) for _, kwargs, task_id in broker.sent] == [
        ({"note": "a"}, pending.pk),
        ({"note": "b"}, sent.pk),
    ]
    sent.refresh_from_db()
    assert sent.attempts == 1  # counted when the batch was handed over
