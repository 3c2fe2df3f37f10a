"""/healthz: up/down for everyone, every check for staff and token holders, never a task."""

from datetime import timedelta

import pytest
import time_machine
from celery.app.task import Task
from django.urls import reverse
from django.utils import timezone

from community.models import OutboxMessage
from community.outbox import record_heartbeat
from community.views import health
from tests.factories import StaffFactory

TOKEN = "a-monitoring-token-from-the-environment"


@pytest.fixture(autouse=True)
def no_tasks(monkeypatch):
    """No health request may send a Celery task, whoever asks."""

    def refuse(*args, **kwargs):
        raise AssertionError("the health check sent a task")

    monkeypatch.setattr(Task, "apply_async", refuse)


@pytest.fixture
def token(settings):
    settings.HEALTHCHECK_TOKEN = TOKEN
    return TOKEN


def test_healthz_tells_visitors_only_up_or_down(client, db):
    record_heartbeat()
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_healthz_answers_many_visitors_without_sending_tasks(client, db):
    # Twenty requests in a row (formerly one task each, 503 once the queue was busy).
    for _ in range(20):
        assert client.get(reverse("healthz")).status_code == 200


def test_healthz_is_down_for_visitors_when_the_database_is(client, db, monkeypatch):
    def broken():
        raise ConnectionError("could not connect to /var/run/postgresql/.s.PGSQL.5432")

    monkeypatch.setitem(health.CHECKS, "database", broken)
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json() == {"status": "down"}


def test_healthz_stays_up_for_visitors_when_only_the_worker_is_down(client, db):
    # No heartbeat: the worker is down, but the web node still serves pages.
    response = client.get(reverse("healthz"))
    assert response.status_code == 200


def test_healthz_shows_staff_every_check_with_timing(client, db):
    record_heartbeat()
    client.force_login(StaffFactory())
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    # community's own checks, then those other apps registered (similar: "embeddings")
    assert set(body["checks"]) == {"database", "search_index", "worker", "outbox", "embeddings"}
    assert all(check["status"] == "ok" for check in body["checks"].values())
    assert all(isinstance(check["ms"], float) for check in body["checks"].values())
    assert body["checks"]["worker"]["last_heartbeat_seconds_ago"] < 60
    assert body["checks"]["outbox"] == {
        "status": "ok",
        "waiting": 0,
        "oldest_waiting_seconds": None,
        "ms": body["checks"]["outbox"]["ms"],
    }


def test_healthz_shows_members_who_are_not_staff_only_up_or_down(member_client):
    assert member_client.get(reverse("healthz")).json() == {"status": "ok"}


def test_healthz_shows_details_for_the_token_as_bearer_or_query(client, db, token):
    record_heartbeat()
    by_header = client.get(reverse("healthz"), HTTP_AUTHORIZATION=f"Bearer {token}")
    by_query = client.get(reverse("healthz"), {"token": token})
    assert "checks" in by_header.json()
    assert "checks" in by_query.json()


def test_healthz_ignores_a_wrong_token(client, db, token):
    response = client.get(reverse("healthz"), HTTP_AUTHORIZATION="Bearer not-the-token")
    assert response.json() == {"status": "ok"}
    assert client.get(reverse("healthz"), {"token": ""}).json() == {"status": "ok"}


def test_healthz_without_a_configured_token_accepts_none(client, db, settings):
    settings.HEALTHCHECK_TOKEN = ""
    response = client.get(reverse("healthz"), HTTP_AUTHORIZATION="Bearer ")
    assert response.json() == {"status": "ok"}


def test_healthz_reports_a_stale_heartbeat_as_the_worker_down(client, db, token):
    with time_machine.travel(timezone.now() - timedelta(minutes=10)):
        record_heartbeat()
    response = client.get(reverse("healthz"), {"token": token})
    assert response.status_code == 503
    body = response.json()
    assert body["down"] == ["worker"]
    assert body["checks"]["worker"]["last_heartbeat_seconds_ago"] >= 600


def test_healthz_reports_a_missing_heartbeat_as_the_worker_down(client, db, token):
    body = client.get(reverse("healthz"), {"token": token}).json()
    assert body["down"] == ["worker"]
    assert body["checks"]["worker"]["reason"] == "no heartbeat recorded yet"


def test_healthz_reports_an_outbox_message_waiting_too_long(client, db, token):
    record_heartbeat()
    OutboxMessage.objects.create(
        task_name="community.ping", created_at=timezone.now() - timedelta(hours=1)
    )
    OutboxMessage.objects.create(task_name="community.ping")
    body = client.get(reverse("healthz"), {"token": token}).json()
    assert body["down"] == ["outbox"]
    assert body["checks"]["outbox"]["waiting"] == 2
    assert body["checks"]["outbox"]["oldest_waiting_seconds"] >= 3600


@pytest.mark.parametrize("part", ["database", "search_index"])
def test_healthz_names_what_is_down_without_the_error_text(client, db, token, monkeypatch, part):
    record_heartbeat()

    def broken():
        raise ConnectionError("connection refused: /srv/peerdesk/var/whoosh_index")

    monkeypatch.setitem(health.CHECKS, part, broken)
    response = client.get(reverse("healthz"), {"token": token})
    assert response.status_code == 503
    body = response.json()
    assert body["down"] == [part]
    assert body["checks"][part]["reason"] == "ConnectionError"
    assert "/srv/" not in response.content.decode()
