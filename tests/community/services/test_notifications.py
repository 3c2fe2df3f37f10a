import re

from django.core import mail

from community.models import IdeaStatus, SentNotification, ThreadFollow, ThreadKind
from community.services.follows import set_space_following
from community.services.ideas import change_idea_status
from community.services.notifications import notify_new_answer
from community.services.reactions import set_me_too
from community.services.solutions import accept_answer
from tests.factories import MemberFactory, SpaceFactory, make_answer, make_thread


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
    assert [m.to for m in mail.outbox] == [[follower.email]]


def test_mentions_notify_the_mentioned_member(db, django_capture_on_commit_callbacks):
    asker = MemberFactory()
    expert = MemberFactory(username="router.expert")
    thread = make_thread(author=asker)
    with django_capture_on_commit_callbacks(execute=True):
        make_answer(thread=thread, body="@router.expert do you know this error code?")
    assert expert.email in [m.to[0] for m in mail.outbox]
