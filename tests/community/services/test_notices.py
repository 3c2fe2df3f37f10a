"""The notification centre's one writer."""

import pytest

from community.models import Notification, NotificationKind
from community.services.notices import mark_all_read, notify, unread_count
from tests.factories import MemberFactory, make_answer, make_thread

pytestmark = pytest.mark.django_db


def test_notify_writes_an_unread_entry_and_the_bell_counts_it(member, other_member):
    thread = make_thread(author=member)
    answer = make_answer(thread=thread, author=other_member)
    entry = notify(member=member, kind=NotificationKind.NEW_ANSWER, actor=other_member, post=answer)
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
