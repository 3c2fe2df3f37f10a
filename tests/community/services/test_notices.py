"""The notification centre's one writer."""

import pytest

from community.models import (
    EmailKind,
    IdeaStatus,
    Notification,
    NotificationKind,
    NotificationPreference,
    ThreadKind,
)
from community.services.ideas import change_idea_status
from community.services.notices import (
    email_preferences,
    mark_all_read,
    notify,
    notify_once,
    set_email_preferences,
    unread_count,
)
from community.services.notifications import notify_idea_status
from community.services.reactions import set_helpful_vote, set_me_too
from community.services.solutions import accept_answer, unaccept_answer
from tests.factories import MemberFactory, make_answer, make_thread

pytestmark = pytest.mark.django_db


def test_notify_writes_an_unread_entry_and_the_bell_counts_it(member, other_member):
    thread = make_thread(author=other_member)
    answer = make_answer(thread=thread, author=other_member)
    entry = notify(member=member, kind=NotificationKind.MENTION, actor=other_member, post=answer)
    assert entry.thread == thread and entry.read_at is None
    assert unread_count(member) == 1
    assert mark_all_read(by=member) == 1
    assert unread_count(member) == 0


def test_notify_tells_nobody_about_their_own_action(member):
    assert notify(member=member, kind=NotificationKind.HELPFUL, actor=member) is None
    assert not Notification.objects.exists()


def test_notify_counts_up_an_unread_group_and_starts_anew_once_it_was_read(member):
    voters = MemberFactory.create_batch(3)
    for voter in voters[:2]:
        notify(member=member, kind=NotificationKind.HELPFUL, actor=voter, group_key="helpful:1")
    entry = Notification.objects.get()
    assert (entry.count, entry.actor) == (2, voters[1])
    mark_all_read(by=member)
    notify(member=member, kind=NotificationKind.HELPFUL, actor=voters[2], group_key="helpful:1")
    assert sorted(Notification.objects.values_list("count", flat=True)) == [1, 2]


# --- community's own events write to the centre ------------------------------------------


def _entries(member, kind):
    return list(Notification.objects.filter(recipient=member, kind=kind))


def test_post_answer_tells_the_asker_once_and_not_the_answerer(member, other_member):
    thread = make_thread(author=member)
    answer = make_answer(thread=thread, author=other_member)
    (entry,) = Notification.objects.all()
    assert (entry.recipient, entry.kind, entry.actor, entry.post) == (
        member, NotificationKind.NEW_ANSWER, other_member, answer
    )  # fmt: skip
    make_answer(thread=thread, author=member)  # the asker's own follow-up tells nobody
    assert Notification.objects.count() == 1


def test_post_answer_tells_mentioned_members_and_the_asker_only_as_the_asker(member, other_member):
    mentioned = MemberFactory(username="mira")
    thread = make_thread(author=member)
    make_answer(thread=thread, author=other_member, body="@mira and @customer: try this.")
    assert [entry.kind for entry in Notification.objects.filter(recipient=member)] == [
        NotificationKind.NEW_ANSWER
    ]
    (entry,) = _entries(mentioned, NotificationKind.MENTION)
    assert entry.actor == other_member


def test_ask_question_tells_the_members_its_opening_post_mentions(member, other_member):
    thread = make_thread(author=member, body="Maybe @helper knows why the PDF fails?")
    (entry,) = Notification.objects.all()
    assert (entry.recipient, entry.kind, entry.thread) == (
        other_member, NotificationKind.MENTION, thread
    )  # fmt: skip


def test_accept_answer_tells_the_answerer_once_even_accepted_again(member, other_member):
    thread = make_thread(author=member)
    answer = make_answer(thread=thread, author=other_member)
    accept_answer(answer=answer, by=member)
    unaccept_answer(thread=thread, by=member)
    accept_answer(answer=answer, by=member)
    (entry,) = _entries(other_member, NotificationKind.ACCEPTED)
    assert (entry.actor, entry.post) == (member, answer)


def test_accept_answer_of_ones_own_answer_tells_nobody(member):
    thread = make_thread(author=member)
    answer = make_answer(thread=thread, author=member)
    accept_answer(answer=answer, by=member)
    assert not Notification.objects.filter(kind=NotificationKind.ACCEPTED).exists()


def test_set_helpful_vote_groups_the_votes_on_one_post(member, other_member):
    thread = make_thread(author=member)
    answer = make_answer(thread=thread, author=other_member)
    voters = MemberFactory.create_batch(3)
    for voter in voters:
        set_helpful_vote(post=answer, by=voter, voted=True)
    set_helpful_vote(post=answer, by=voters[0], voted=False)  # withdrawn: no change
    (entry,) = _entries(other_member, NotificationKind.HELPFUL)
    assert (entry.count, entry.actor, entry.group_key) == (3, voters[2], f"helpful:{answer.pk}")


def test_idea_status_task_tells_each_interested_member_once_even_run_twice(
    member, other_member, staff, django_capture_on_commit_callbacks
):
    idea = make_thread(author=member, kind=ThreadKind.IDEA, title="Dark mode for the invoices page")
    set_me_too(thread=idea, by=other_member, me_too=True)
    with django_capture_on_commit_callbacks(execute=True):
        change = change_idea_status(
            thread=idea, by=staff, status=IdeaStatus.PLANNED, comment="Next release."
        )
    mark_all_read(by=other_member)  # read before the task runs again
    notify_idea_status(change_id=change.pk)

    entries = Notification.objects.filter(kind=NotificationKind.IDEA_STATUS)
    assert sorted(entries.values_list("recipient_id", flat=True)) == sorted(
        [member.pk, other_member.pk]
    )
    assert {entry.data["status"] for entry in entries} == {IdeaStatus.PLANNED}
    assert not entries.filter(recipient=staff).exists()


def test_notify_once_skips_members_who_had_the_group_read_or_unread(member, other_member):
    kwargs = {"kind": NotificationKind.IDEA_STATUS, "group_key": "idea:7"}
    assert notify_once(members=[member], **kwargs) == 1
    mark_all_read(by=member)
    assert notify_once(members=[member, other_member], **kwargs) == 1
    assert Notification.objects.filter(recipient=member).count() == 1


# --- e-mail preferences -----------------------------------------------------------------------


def test_email_preferences_are_on_until_switched_off_and_can_be_switched_on_again(member):
    assert set(email_preferences(member).values()) == {True}
    set_email_preferences(member=member, choices={EmailKind.MENTION: False, "nonsense": False})
    assert email_preferences(member)[EmailKind.MENTION] is False
    set_email_preferences(member=member, choices={EmailKind.MENTION: True})
    assert set(email_preferences(member).values()) == {True}
    assert NotificationPreference.objects.count() == 1
