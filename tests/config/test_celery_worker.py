"""A real Celery worker process, fed through the configured broker (file system by
default, Redis in CI's second pass), doing real work against the test database."""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from celery import Celery
from django.conf import settings
from django.db import connection

from community.tasks import tasks_muted
from tests.factories import MemberFactory, make_answer, make_thread

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]


def _database_url() -> str:
    """The URL of the test database this test process is using, for the worker."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    user = quote(db.get("USER") or "")
    password = f":{quote(db['PASSWORD'])}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or "localhost"
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgres://{user}{password}@{host}{port}/{db['NAME']}"


@pytest.fixture
def worker(tmp_path):
    """Start `celery worker` on a queue of its own; yield what a client needs to reach it."""
    queue = f"test-{uuid.uuid4().hex[:8]}"
    var_dir = tmp_path / "var"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "PEERDESK_VAR_DIR": str(var_dir),
        "DATABASE_URL": _database_url(),
        "EMAIL_URL": f"filemail://{tmp_path / 'mail'}",
        "CELERY_QUEUE": queue,
        "SITE_URL": "http://testserver",
    }
    if not settings.CELERY_BROKER_URL.startswith("filesystem://"):
        env["CELERY_BROKER_URL"] = settings.CELERY_BROKER_URL
    log = (tmp_path / "worker.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "--loglevel=INFO",
         "--concurrency=1", "--pool=solo", f"--hostname={queue}@%h", "--without-gossip",
         "--without-mingle", "--without-heartbeat"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    # A client configured exactly like the worker, sending by task name.
    broker = settings.CELERY_BROKER_URL
    options = {}
    if broker.startswith("filesystem://"):
        folder = var_dir / "celery"
        options = {
            "data_folder_in": str(folder / "queue"),
            "data_folder_out": str(folder / "queue"),
            "control_folder": str(folder / "control"),
            "processed_folder": str(folder / "processed"),
            "store_processed": True,
        }
        for sub in ("queue", "control", "processed", "results"):
            (folder / sub).mkdir(parents=True, exist_ok=True)
        backend = f"file://{folder / 'results'}"
    else:
        backend = broker
    # Not the current app: the code under test keeps sending through its own (eager) app.
    client = Celery("peerdesk-test-client", broker=broker, backend=backend, set_as_current=False)
    client.conf.broker_transport_options = options
    client.conf.task_default_queue = queue
    client.conf.task_serializer = "json"
    client.mail_dir = tmp_path / "mail"
    try:
        yield client
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
        print((tmp_path / "worker.log").read_text())  # shown by pytest when a test fails


def _wait_for(predicate, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def test_worker_answers_the_health_ping_through_the_broker(worker):
    result = worker.send_task("community.ping")
    assert result.get(timeout=60) == "pong"


def test_worker_emails_followers_about_a_new_answer_from_the_database(worker):
    # Given a question with a follower and a new answer, committed to the test database
    # (muted: the test process itself must not send the notification first)
    with tasks_muted():
        asker = MemberFactory(email="asker@example.com", locale="en")
        thread = make_thread(author=asker, title="Parcel stuck in customs")
        answer = make_answer(thread=thread, body="Call the carrier with your tracking number.")

    # When the notification task travels through the broker to the worker process
    result = worker.send_task("community.notify_new_answer", kwargs={"post_id": answer.pk})

    # Then the worker read the rows and wrote the e-mail
    assert result.get(timeout=60) == 1
    assert _wait_for(lambda: worker.mail_dir.exists() and any(worker.mail_dir.iterdir()))
    mail_text = "".join(path.read_text() for path in worker.mail_dir.iterdir())
    assert "To: asker@example.com" in mail_text
    assert "Parcel stuck in customs" in mail_text


def test_worker_sweeps_the_outbox_after_a_broker_outage_and_marks_the_work_done(
    worker, monkeypatch
):
    from celery.app.task import Task
    from django.utils import timezone
    from kombu.exceptions import OperationalError

    from community import outbox
    from community.models import OutboxMessage, OutboxState
    from community.tasks import notify_new_answer_task

    # Given an answer whose notification the broker refused when it was committed
    with tasks_muted():
        asker = MemberFactory(email="asker@example.com", locale="en")
        thread = make_thread(author=asker, title="Router keeps rebooting")
        answer = make_answer(thread=thread, body="Update the firmware from the admin page.")

    def refuse(*args, **kwargs):
        raise OperationalError("Connection refused")

    monkeypatch.setattr(Task, "apply_async", refuse)
    message = outbox.enqueue(notify_new_answer_task, {"post_id": answer.pk})
    message.refresh_from_db()
    assert (message.state, message.attempts) == (OutboxState.PENDING, 1)
    OutboxMessage.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())

    # When the worker runs the sweeper, as beat has it do every minute
    report = worker.send_task("community.relay_outbox").get(timeout=60)

    # Then the worker ran the task and said so, and its e-mail went through the outbox too
    assert report["handed_over"] == 1
    assert _wait_for(lambda: OutboxMessage.objects.get(pk=message.pk).state == OutboxState.DONE), (
        OutboxMessage.objects.get(pk=message.pk).last_error
    )
    assert _wait_for(
        lambda: OutboxMessage.objects.filter(
            task_name="community.send_email", state=OutboxState.DONE
        ).exists()
    )
    assert _wait_for(lambda: worker.mail_dir.exists() and any(worker.mail_dir.iterdir()))
    mail_text = "".join(path.read_text() for path in worker.mail_dir.iterdir())
    assert "To: asker@example.com" in mail_text
    assert "Router keeps rebooting" in mail_text


def test_worker_records_the_heartbeat_health_reads(worker):
    from community.outbox import last_heartbeat

    worker.send_task("community.record_heartbeat").get(timeout=60)
    assert last_heartbeat() is not None


def test_worker_sends_on_each_row_of_a_transaction_s_batch_and_marks_them_done(worker):
    from django.utils import timezone

    from community.models import OutboxMessage, OutboxState

    # Given two rows one transaction wrote and handed over as one batch
    rows = [
        OutboxMessage.objects.create(
            task_name="community.ping",
            kwargs={},
            state=OutboxState.SENT,
            attempts=1,
            next_attempt_at=timezone.now(),
        )
        for _ in range(2)
    ]

    # When the batch reaches the worker through the broker
    sent_on = worker.send_task(
        "community.deliver_outbox", kwargs={"message_ids": [row.pk for row in rows]}
    ).get(timeout=60)

    # Then each row travelled on as its own task, and the worker marked each done
    assert sent_on == 2
    for row in rows:
        assert _wait_for(
            lambda row=row: OutboxMessage.objects.get(pk=row.pk).state == OutboxState.DONE
        ), OutboxMessage.objects.get(pk=row.pk).last_error
