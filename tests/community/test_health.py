import pytest
from django.urls import reverse

from community.views import health


def test_healthz_reports_every_part_ok(client, db):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert {name: check["status"] for name, check in body["checks"].items()} == {
        "database": "ok",
        "task_queue": "ok",
        "search_index": "ok",
    }


@pytest.mark.parametrize("part", ["database", "task_queue", "search_index"])
def test_healthz_answers_503_naming_what_is_down(client, db, monkeypatch, part):
    def broken():
        raise ConnectionError("connection refused")

    monkeypatch.setitem(health.CHECKS, part, broken)
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    body = response.json()
    assert body["down"] == [part]
    assert "connection refused" in body["checks"][part]["error"]


def test_healthz_task_queue_times_out_when_no_worker_answers(settings, monkeypatch):
    # A broker nobody listens to: the check must give up after the timeout, not hang.
    from celery import Celery
    from celery.exceptions import TimeoutError as CeleryTimeoutError

    settings.HEALTHCHECK_TASK_TIMEOUT = 0.5
    lonely = Celery("lonely", broker="memory://", backend="cache+memory://", set_as_current=False)

    @lonely.task(name="community.ping")
    def ping():
        return "pong"

    monkeypatch.setattr(health, "ping_task", ping)
    with pytest.raises(CeleryTimeoutError):
        health._check_task_queue()
