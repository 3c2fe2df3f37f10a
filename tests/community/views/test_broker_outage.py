"""Asking and answering while the Celery broker is down: the member gets an honest success,
the post exists once, and its work waits in the outbox until the sweeper hands it over."""

from datetime import timedelta

import pytest
import time_machine
from celery.app.task import Task
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from haystack import connections
from kombu.exceptions import OperationalError

from community.models import OutboxMessage, OutboxState, Post, Thread
from community.outbox import relay_due
from community.searching import search_threads
from community.services.follows import set_space_following
from tests.factories import MemberFactory, SpaceFactory, make_thread

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_index():
    connections["default"].get_backend().clear()


@pytest.fixture
def broker(monkeypatch):
    """The broker, down until a test sets ``broker.down = False``."""

    class Broker:
        down = True

    real_apply_async = Task.apply_async

    def apply_async(task, *args, **kwargs):
        if Broker.down:
            raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")
        return real_apply_async(task, *args, **kwargs)

    monkeypatch.setattr(Task, "apply_async", apply_async)
    return Broker


def _sweep_later(django_capture_on_commit_callbacks):
    """Run the sweeper a few minutes on, as beat would, committing what its tasks write."""
    with (
        time_machine.travel(timezone.now() + timedelta(minutes=3)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        return relay_due()


def test_ask_while_the_broker_is_down_succeeds_and_the_work_follows_later(
    client, member, broker, django_capture_on_commit_callbacks
):
    # Given a space with a follower, and a broker that refuses every task
    space = SpaceFactory()
    follower = MemberFactory()
    set_space_following(space=space, member=follower, following=True)
    client.force_login(member)

    # When a member asks a question
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("community:ask"),
            {
                "space": space.pk,
                "title": "Parcel tracking page stays empty",
                "body": "The tracking link in my order e-mail shows an empty page.",
                "kind": "question",
                "tags": "",
            },
        )

    # Then they are taken to their question, which exists once, and its work waits
    thread = Thread.objects.get()
    assert response.status_code == 302
    assert response["Location"] == thread.get_absolute_url()
    assert Post.objects.filter(thread=thread).count() == 1
    pending = OutboxMessage.objects.filter(state=OutboxState.PENDING)
    assert sorted(pending.values_list("task_name", flat=True)) == [
        "community.notify_new_thread",
        "community.send_acknowledgement",  # the asker's: what to expect
        "community.update_search_index",
        "gamification.check_badges",  # the asker's badges, by a listening app
        "insights.refresh_question_fact",  # the dashboard's facts, by a listening app
        "insights.score_sentiment",  # the question's tone, by a listening app
        "similar.embed",  # the question's embedding for similar questions
    ]
    assert mail.outbox == []
    assert search_threads(query="tracking").total == 0

    # When the broker is back and the sweeper runs
    broker.down = False
    report = _sweep_later(django_capture_on_commit_callbacks)

    # Then the follower is told, the asker what to expect, the question can be found, and
    # nothing is left waiting
    assert report.handed_over == 7
    assert sorted(message.to for message in mail.outbox) == sorted(
        [[follower.email], [member.email]]
    )
    assert search_threads(query="tracking").total == 1
    assert not OutboxMessage.objects.exclude(state=OutboxState.DONE).exists()


def test_answer_while_the_broker_is_down_succeeds_and_the_work_follows_later(
    client, member, other_member, broker, django_capture_on_commit_callbacks
):
    # Given a question by a member who follows it, and a broker that refuses every task
    broker.down = False
    with django_capture_on_commit_callbacks(execute=True):
        thread = make_thread(author=member, title="Invoice PDF is empty")
    mail.outbox = []
    broker.down = True
    client.force_login(other_member)

    # When another member answers
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("community:answer", kwargs={"pk": thread.pk}),
            {"body": "Open it with another PDF viewer, the browser one is the culprit."},
        )

    # Then the answer is posted once and its work waits
    answer = Post.objects.get(thread=thread, is_opening=False)
    assert response.status_code == 302
    assert response["Location"] == answer.get_absolute_url()
    # (other apps' work on the answer, gamification's, waits alongside)
    assert sorted(
        OutboxMessage.objects.filter(
            state=OutboxState.PENDING, task_name__startswith="community."
        ).values_list("task_name", flat=True)
    ) == ["community.notify_new_answer", "community.update_search_index"]
    assert mail.outbox == []

    # When the broker is back and the sweeper runs, the asker hears of the answer
    broker.down = False
    _sweep_later(django_capture_on_commit_callbacks)
    assert [message.to for message in mail.outbox] == [[member.email]]
    assert search_threads(query="viewer").total == 1
    assert not OutboxMessage.objects.exclude(state=OutboxState.DONE).exists()
