import re

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from community.models import (
    IdeaStatus,
    OutboxMessage,
    OutboxState,
    SentNotification,
    TagFollow,
    ThreadFollow,
    ThreadKind,
)
from community.services.follows import set_space_following, set_tag_following
from community.services.ideas import change_idea_status
from community.services.notices import MAX_MENTIONS_NOTIFIED
from community.services.notifications import notify_new_answer, notify_new_thread
from community.services.reactions import set_me_too
from community.services.solutions import accept_answer
from community.tasks import tasks_muted
from tests.factories import MemberFactory, SpaceFactory, TagFactory, make_answer, make_thread


def _about_the_thread():
    """The e-mails sent, without the asker's acknowledgement of their own question (its
    subject starts so for the factories' English members; community.escalation.acknowledgement)."""
    return [m for m in mail.outbox if not m.subject.startswith("Your question is posted:")]


def test_answer_emails_the_asker_in_their_language_with_an_unsubscribe_link(
    client, db, django_capture_on_commit_callbacks
):
    asker = MemberFactory(locale="de")
    helper = MemberFactory()
    thread = make_thread(author=asker, title="Router blinkt rot seit gestern")
    with django_capture_on_commit_callbacks(execute=True):
        make_answer(thread=thread, author=helper)

    assert [m.to for m in mail.outbox] == [[asker.email]]
    message = mail.outbox[0]
    assert "Router blinkt rot" in message.subject
    assert "List-Unsubscribe" in message.extra_headers
    link = re.search(r"http://[^/\s]+(/unsubscribe/\S+/)", message.body).group(1)

    # The link works without logging in: a page to confirm, then the follow is gone.
    assert client.get(link).status_code == 200
    assert client.post(link).status_code == 200
    assert not ThreadFollow.objects.filter(thread=thread, member=asker).exists()


def test_answer_email_is_branded_html_with_the_same_link_and_a_visible_unsubscribe_link(
    db, django_capture_on_commit_callbacks
):
    asker = MemberFactory(locale="de", display_name="Anna")
    thread = make_thread(author=asker, title="Router blinkt rot")
    with django_capture_on_commit_callbacks(execute=True):
        answer = make_answer(thread=thread, author=MemberFactory(display_name="Hugo"))

    (message,) = mail.outbox
    (html,) = [content for content, kind in message.alternatives if kind == "text/html"]
    unsubscribe = re.search(r"https?://\S+/unsubscribe/\S+/", message.body).group(0)
    assert '<html lang="de">' in html
    assert "Hallo Anna," in html and "Hugo hat auf „Router blinkt rot“ geantwortet:" in html
    assert f'href="{unsubscribe}"' in html and "Diese E-Mails abbestellen" in html
    assert answer.get_absolute_url() in html
    assert message.extra_headers["List-Unsubscribe"] == f"<{unsubscribe}>"


def test_unsubscribe_rejects_a_tampered_token(client, db):
    response = client.get("/unsubscribe/not-a-real-token/")
    assert response.status_code == 400


def test_notify_new_answer_is_safe_to_run_twice(db, django_capture_on_commit_callbacks):
    asker = MemberFactory()
    thread = make_thread(author=asker)
    with django_capture_on_commit_callbacks(execute=True):
        answer = make_answer(thread=thread)
    assert len(mail.outbox) == 1
    assert notify_new_answer(post_id=answer.pk) == 0
    assert len(mail.outbox) == 1
    assert SentNotification.objects.count() == 1


def test_solution_emails_followers_but_not_the_one_who_accepted(
    db, django_capture_on_commit_callbacks
):
    asker, helper, bystander = MemberFactory(), MemberFactory(), MemberFactory()
    thread = make_thread(author=asker)
    answer = make_answer(thread=thread, author=helper)
    set_me_too(thread=thread, by=bystander, me_too=True)
    with django_capture_on_commit_callbacks(execute=True):
        accept_answer(answer=answer, by=asker)
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted([helper.email, bystander.email])
    helper_mail = next(m for m in mail.outbox if m.to == [helper.email])
    assert "accepted as the solution" in helper_mail.body


def test_idea_status_change_reaches_followers_and_voters(
    db, staff, django_capture_on_commit_callbacks
):
    author, voter = MemberFactory(), MemberFactory()
    idea = make_thread(author=author, kind=ThreadKind.IDEA, title="Apple Pay as a payment method")
    set_me_too(thread=idea, by=voter, me_too=True)
    with django_capture_on_commit_callbacks(execute=True):
        change_idea_status(
            thread=idea, by=staff, status=IdeaStatus.PLANNED, comment="On the roadmap."
        )
    assert sorted(m.to[0] for m in mail.outbox) == sorted([author.email, voter.email])
    assert "On the roadmap." in mail.outbox[0].body


def test_new_thread_emails_space_followers(db, django_capture_on_commit_callbacks):
    space = SpaceFactory()
    follower = MemberFactory()
    set_space_following(space=space, member=follower, following=True)
    with django_capture_on_commit_callbacks(execute=True):
        make_thread(
            space=space, title="Where is my parcel?", body="Ordered a week ago, still nothing."
        )
    assert [m.to for m in _about_the_thread()] == [[follower.email]]


def test_mentions_notify_the_mentioned_member(db, django_capture_on_commit_callbacks):
    asker = MemberFactory()
    expert = MemberFactory(username="router.expert")
    thread = make_thread(author=asker)
    with django_capture_on_commit_callbacks(execute=True):
        make_answer(thread=thread, body="@router.expert do you know this error code?")
    assert expert.email in [m.to[0] for m in mail.outbox]


def test_mentions_notify_at_most_ten_members_the_first_ones_named(
    db, django_capture_on_commit_callbacks
):
    asker = MemberFactory()
    mentioned = [MemberFactory(username=f"helper{number:02}") for number in range(40)]
    thread = make_thread(author=asker)
    body = "Can anyone help? " + " ".join(f"@{member.username}" for member in mentioned)
    with django_capture_on_commit_callbacks(execute=True):
        answer = make_answer(thread=thread, body=body)

    told = {message.to[0] for message in mail.outbox} - {asker.email}
    assert told == {member.email for member in mentioned[:MAX_MENTIONS_NOTIFIED]}
    assert MAX_MENTIONS_NOTIFIED == 10
    assert SentNotification.objects.filter(key=f"mention:{answer.pk}").count() == 10


def test_mentions_of_a_follower_count_towards_the_limit_without_a_second_mail(
    db, django_capture_on_commit_callbacks
):
    asker = MemberFactory(username="asker")
    others = [MemberFactory(username=f"helper{number:02}") for number in range(12)]
    thread = make_thread(author=asker)
    body = "@asker " + " ".join(f"@{member.username}" for member in others)
    with django_capture_on_commit_callbacks(execute=True):
        make_answer(thread=thread, body=body)
    # The asker hears of the answer as a follower (once); nine more are told of the mention.
    recipients = [message.to[0] for message in mail.outbox]
    assert recipients.count(asker.email) == 1
    assert set(recipients) - {asker.email} == {member.email for member in others[:9]}


def test_notify_new_answer_queues_the_mail_and_sends_it_after_commit(
    db, django_capture_on_commit_callbacks
):
    asker = MemberFactory()
    thread = make_thread(author=asker)
    with tasks_muted():
        answer = make_answer(thread=thread)

    with django_capture_on_commit_callbacks() as callbacks:
        assert notify_new_answer(post_id=answer.pk) == 1
    # Recorded and queued in one transaction; nothing sent inside it.
    assert mail.outbox == []
    message = OutboxMessage.objects.get(task_name="community.send_email")
    assert message.kwargs["to"] == [asker.email]
    assert message.kwargs["headers"]["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert SentNotification.objects.filter(member=asker, key=f"answer:{answer.pk}").exists()

    for callback in callbacks:
        callback()
    assert [m.to for m in mail.outbox] == [[asker.email]]


@pytest.mark.django_db(transaction=True)
def test_notification_mail_is_sent_outside_any_transaction(monkeypatch):
    from django.core.mail.backends.locmem import EmailBackend

    asker = MemberFactory()
    with tasks_muted():
        thread = make_thread(author=asker)
        answer = make_answer(thread=thread)
    in_transaction = []
    send_messages = EmailBackend.send_messages

    def recording(backend, messages):
        in_transaction.append(transaction.get_connection().in_atomic_block)
        return send_messages(backend, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", recording)

    # As the worker runs it: outside a transaction; each notification commits, then sends.
    assert notify_new_answer(post_id=answer.pk) == 1
    assert in_transaction == [False]
    assert OutboxMessage.objects.get(task_name="community.send_email").state == OutboxState.DONE


def test_send_email_task_sends_nothing_for_an_outbox_message_already_done(db):
    from community.tasks import send_email_task

    message = OutboxMessage.objects.create(
        task_name="community.send_email", state=OutboxState.DONE, done_at=timezone.now()
    )
    payload = {"subject": "Hi", "body": "Text", "from_email": "a@example.com", "to": ["b@x.org"]}
    result = send_email_task.apply(kwargs=payload, task_id=f"outbox-{message.pk}-again")
    assert result.get() is False
    assert mail.outbox == []
    assert send_email_task.apply(kwargs=payload, task_id="outbox-0-new").get() is True
    assert len(mail.outbox) == 1


def test_new_thread_emails_tag_followers_with_a_link_that_stops_them(
    client, db, django_capture_on_commit_callbacks
):
    # Given a German member who follows the tag "router"
    router = TagFactory(name="router")
    follower = MemberFactory(locale="de")
    set_tag_following(tag=router, member=follower, following=True)
    # When someone asks a question tagged "router"
    with django_capture_on_commit_callbacks(execute=True):
        make_thread(title="Router blinkt rot", tags=[router])
    # Then the follower gets one e-mail in German that says why
    assert [m.to for m in _about_the_thread()] == [[follower.email]]
    message = _about_the_thread()[0]
    assert message.subject.startswith("Neu mit #router")
    assert "weil du dem Tag #router folgst" in message.body
    # And its link stops following the tag, without logging in
    link = re.search(r"http://[^/\s]+(/unsubscribe/\S+/)", message.body).group(1)
    assert "new threads with this tag" in client.get(link).content.decode()
    client.post(link)
    assert not TagFollow.objects.filter(member=follower, tag=router).exists()


def test_new_thread_emails_a_member_once_however_much_of_it_they_follow(
    db, django_capture_on_commit_callbacks
):
    space, router, wifi = SpaceFactory(), TagFactory(name="router"), TagFactory(name="wifi")
    everything, both_tags, author = MemberFactory(), MemberFactory(), MemberFactory()
    set_space_following(space=space, member=everything, following=True)
    for member in (everything, both_tags, author):
        set_tag_following(tag=router, member=member, following=True)
        set_tag_following(tag=wifi, member=member, following=True)
    with django_capture_on_commit_callbacks(execute=True):
        thread = make_thread(author=author, space=space, tags=[router, wifi])

    assert sorted(m.to[0] for m in _about_the_thread()) == sorted(
        [everything.email, both_tags.email]
    )
    by_member = {m.to[0]: m for m in _about_the_thread()}
    assert "follow this space" in by_member[everything.email].body  # the space comes first
    assert "follow the tag #router" in by_member[both_tags.email].body  # the first tag, A to Z
    assert notify_new_thread(thread_id=thread.pk) == 0  # a second run sends nothing more
    assert len(_about_the_thread()) == 2


def test_new_thread_emails_no_tag_follower_about_a_hidden_thread(
    db, django_capture_on_commit_callbacks
):
    from django.utils import timezone

    from community.models import Thread

    router = TagFactory(name="router")
    set_tag_following(tag=router, member=MemberFactory(), following=True)
    with tasks_muted():
        thread = make_thread(tags=[router])
    Thread.objects.filter(pk=thread.pk).update(hidden_at=timezone.now())
    assert notify_new_thread(thread_id=thread.pk) == 0


def test_set_tag_following_is_idempotent(db):
    tag, member = TagFactory(), MemberFactory()
    assert set_tag_following(tag=tag, member=member, following=True) is True
    set_tag_following(tag=tag, member=member, following=True)
    assert TagFollow.objects.filter(tag=tag, member=member).count() == 1
    assert set_tag_following(tag=tag, member=member, following=False) is False
    set_tag_following(tag=tag, member=member, following=False)
    assert not TagFollow.objects.exists()
