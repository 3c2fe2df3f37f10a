"""Stand-ins for the two things a webhook delivery needs: the broker and the receiver."""

import json

import pytest
import requests
from celery.app.task import Task
from kombu.exceptions import OperationalError
from standardwebhooks.webhooks import Webhook as Receiver

from community.escalation.webhooks import new_secret
from community.models import Webhook


class FakeReceiver:
    """Stands in for ``requests.post``: answers `status`, or refuses the connection while
    `down`. Records every request that reached it."""

    def __init__(self):
        self.down = False
        self.status = 204
        self.requests: list[dict] = []
        self.during_request = None  # called while a request is "on the wire"
        self.secret = None  # when set, each request is verified as it arrives
        self.payloads: list = []

    def __call__(self, url, data=None, headers=None, timeout=None, **kwargs):
        if self.down:
            raise requests.ConnectionError("[Errno 111] Connection refused")
        if self.during_request is not None:
            self.during_request()
        self.requests.append(
            {"url": url, "body": data, "headers": dict(headers), "timeout": timeout}
        )
        if self.secret is not None:  # raises, and so fails the test, when it does not verify
            self.payloads.append(Receiver(self.secret).verify(data, headers))
        response = requests.Response()
        response.status_code = self.status
        response._content = b"" if self.status < 300 else b"Service Unavailable"
        response._content_consumed = True  # read from _content, as a streamed answer would be
        return response

    def verified(self) -> list[dict]:
        """Each request's JSON, verified with `secret` when it arrived."""
        assert len(self.payloads) == len(self.requests)
        return self.payloads

    def message_ids(self) -> list[str]:
        return [request["headers"]["webhook-id"] for request in self.requests]

    def types(self) -> list[str]:
        return [json.loads(request["body"])["type"] for request in self.requests]


@pytest.fixture
def receiver(monkeypatch):
    fake = FakeReceiver()
    monkeypatch.setattr("community.escalation.webhooks.requests.post", fake)
    return fake


class Broker:
    """Task.apply_async that runs the task inline (as the test settings do), or refuses
    while `down` like a broker that is not there."""

    def __init__(self, original):
        self.original = original
        self.down = False
        self.refused = 0

    def __call__(self, task, *args, **kwargs):
        if self.down:
            self.refused += 1
            raise OperationalError("[Errno 111] Connection refused")
        return self.original(task, *args, **kwargs)


@pytest.fixture
def broker(monkeypatch):
    broker = Broker(Task.apply_async)

    def apply_async(task, *args, **kwargs):
        return broker(task, *args, **kwargs)

    monkeypatch.setattr(Task, "apply_async", apply_async)
    return broker


@pytest.fixture
def secret():
    return new_secret()


@pytest.fixture
def webhook(db, secret):
    return Webhook.objects.create(
        name="Helpdesk", url="https://helpdesk.example.com/hooks", secrets=secret
    )
