"""Each kind of e-mail stops for the members who switched it off; the centre records anyway."""

import pytest
from django.core import mail

from community.models import EmailKind, IdeaStatus, Notification, NotificationKind, ThreadKind
from community.services.follows import set_space_following, set_tag_following
from community.services.ideas import change_idea_status
from community.services.notices import set_email_preferences
from community.services.reactions import set_me_too
from community.services.solutions import accept_answer
from tests.factories import MemberFactory, SpaceFactory, TagFactory, make_answer, make_thread

pytestmark = pytest.mark.django_db


def _switched_off(kind, *members):
    for member in members:
        set_email_preferences(member=member, choices={kind: False})


def _recipients():
    """Who was e-mailed, without the asker's acknowledgement of their own question (its
    subject starts so for the factories' English members)."""
    return sorted(
        message.to[0]
        for message in mail.outbox
        if not message.subject.startswith("Your question is posted:")
    )


def test_new_answer_emails_only_followers_who_want_them(django_capture_on_commit_callbacks):
    asker, follower = MemberFactory(), MemberFactory()
    thread = make_thread(author=asker)
    set_me_too(thread=thread, by=follower, me_too=True)  # follows the thread
    _switched_off(EmailKind.NEW_ANSWER, asker)
    with django_capture_on_commit_callbacks(execute=True):
        make_answer(thread=thread)
    assert _recipients() == [follower.email]
    assert Notification.objects.filter(recipient=asker, kind=NotificationKind.NEW_ANSWER).exists()


def test_mention_emails_only_members_who_want_them(django_capture_on_commit_callbacks):
    wants = MemberFactory(username="wants")
    declines = MemberFactory(username="declines")
    _switched_off(EmailKind.MENTION, declines)
    thread = make_thread()
    set_email_preferences(member=thread.author, choices={EmailKind.NEW_ANSWER: False})
    with django_capture_on_commit_callbacks(execute=True):
        make_answer(thread=thread, author=MemberFactory(), body="@wants @declines any idea?")
    assert _recipients() == [wants.email]
    assert Notification.objects.filter(recipient=declines, kind=NotificationKind.MENTION).exists()


def test_solution_emails_only_followers_who_want_them(django_capture_on_commit_callbacks):
    asker, helper, bystander = MemberFactory(), MemberFactory(), MemberFactory()
    thread = make_thread(author=asker)
    answer = make_answer(thread=thread, author=helper)
    set_me_too(thread=thread, by=bystander, me_too=True)
    _switched_off(EmailKind.SOLUTION, helper)
    with django_capture_on_commit_callbacks(execute=True):
        accept_answer(answer=answer, by=asker)
    assert _recipients() == [bystander.email]
    assert Notification.objects.filter(recipient=helper, kind=NotificationKind.ACCEPTED).exists()


def test_idea_status_emails_only_members_who_want_them(staff, django_capture_on_commit_callbacks):
    author, voter = MemberFactory(), MemberFactory()
    idea = make_thread(author=author, kind=ThreadKind.IDEA, title="Apple Pay as a payment method")
    set_me_too(thread=idea, by=voter, me_too=True)
    _switched_off(EmailKind.IDEA_STATUS, author)
    with django_capture_on_commit_callbacks(execute=True):
        change_idea_status(thread=idea, by=staff, status=IdeaStatus.PLANNED, comment="Soon.")
    assert _recipients() == [voter.email]
    assert sorted(
        Notification.objects.filter(kind=NotificationKind.IDEA_STATUS).values_list(
            "recipient_id", flat=True
        )
    ) == sorted([author.pk, voter.pk])


def test_new_thread_emails_only_space_and_tag_followers_who_want_them(
    django_capture_on_commit_callbacks,
):
    space, router = SpaceFactory(), TagFactory(name="router")
    space_wants, space_declines, tag_wants, tag_declines = MemberFactory.create_batch(4)
    for member in (space_wants, space_declines):
        set_space_following(space=space, member=member, following=True)
    for member in (tag_wants, tag_declines):
        set_tag_following(tag=router, member=member, following=True)
    _switched_off(EmailKind.NEW_THREAD, space_declines, tag_declines)
    with django_capture_on_commit_callbacks(execute=True):
        make_thread(space=space, title="Router blinks red all day", tags=[router])
    assert _recipients() == sorted([space_wants.email, tag_wants.email])
