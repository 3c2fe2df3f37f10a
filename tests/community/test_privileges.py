"""What each trust level unlocks, asked the way the product asks it: the permission check a
view makes, then the service it calls. Every action is tried by every role; each must be
refused below its level and allowed from it on."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from community.models import MemberVisit, ThreadKind, TrustLevel
from community.permissions import (
    PRIVILEGES,
    can,
    check_accept_answer_permission,
    check_answer_permission,
    check_ask_permission,
    check_hide_post_permission,
    check_invite_permission,
    check_lock_thread_permission,
    check_me_too_permission,
    check_merge_threads_permission,
    check_moderate_thread_permission,
    check_move_thread_permission,
    check_retitle_thread_permission,
    check_upload_image_permission,
    privileges_by_level,
)
from community.services.invitations import send_invitation
from community.services.posts import ask_question, hide_post, post_answer
from community.services.reactions import set_me_too
from community.services.solutions import accept_answer
from community.services.staff import (
    merge_threads,
    move_thread,
    retitle_thread,
    set_thread_locked,
    set_thread_pinned,
)
from community.services.tags import resolve_tags
from tests.factories import MemberFactory, SpaceFactory, StaffFactory, make_answer, make_thread

ROLES = ["visitor", "tl0", "tl1", "tl2", "tl3", "tl4", "staff"]
BODY = "Here is what helped me with exactly this problem last week."
IMAGE = "![screenshot](https://example.com/screenshot.png)"
THREE_LINKS = (
    "See https://example.com/a, [the guide](https://example.com/b) and <https://example.com/c>."
)


def _member(role: str):
    if role == "visitor":
        return AnonymousUser()
    if role == "staff":
        return StaffFactory()
    return MemberFactory(trust_level=TrustLevel(int(role[2])))


def _thread(**kwargs):
    """A question by someone else (a basic member), with one answer by a third member."""
    thread = make_thread(author=MemberFactory(trust_level=TrustLevel.BASIC), **kwargs)
    make_answer(thread=thread)
    thread.refresh_from_db()
    return thread


def _answer_of_a_thread_asked(*, days_ago: int, asker_visited_today: bool):
    past = timezone.now() - timedelta(days=days_ago)
    with time_machine.travel(past, tick=False):
        thread = make_thread(author=MemberFactory())
        answer = make_answer(thread=thread)
    if asker_visited_today:
        MemberVisit.objects.create(member=thread.author, day=timezone.localdate())
    answer.refresh_from_db()
    return answer


def ask(member):
    check_ask_permission(member=member, kind=ThreadKind.QUESTION)
    ask_question(author=member, space=SpaceFactory(), title="Printer will not connect", body=BODY)


def answer(member):
    thread = _thread()
    check_answer_permission(member=member, thread=thread)
    post_answer(thread=thread, author=member, body=BODY)


def post_images(member):
    thread = _thread()
    check_answer_permission(member=member, thread=thread)
    check_upload_image_permission(member=member)
    post_answer(thread=thread, author=member, body=f"{BODY}\n\n{IMAGE}")


def post_three_links(member):
    thread = _thread()
    check_answer_permission(member=member, thread=thread)
    post_answer(thread=thread, author=member, body=THREE_LINKS)


def create_tag(member):
    check_ask_permission(member=member, kind=ThreadKind.QUESTION)
    resolve_tags(names=["brand-new-tag"], by=member)


def me_too(member):
    thread = _thread()
    check_me_too_permission(member=member, thread=thread)
    set_me_too(thread=thread, by=member, me_too=True)


def invite(member):
    thread = _thread()
    check_invite_permission(member=member, thread=thread)
    send_invitation(by=member, email="friend@example.org", thread=thread)


def retitle_others_thread(member):
    thread = _thread()
    check_retitle_thread_permission(member=member, thread=thread)
    retitle_thread(thread=thread, by=member, title="Printer drops the Wi-Fi connection", tags=[])


def move(member):
    thread = _thread()
    check_move_thread_permission(member=member, thread=thread)
    move_thread(thread=thread, by=member, space=SpaceFactory())


def lock(member):
    thread = _thread()
    check_lock_thread_permission(member=member, thread=thread)
    set_thread_locked(thread=thread, by=member, locked=True)


def hide(member):
    post = _thread().posts.get(is_opening=False)
    check_hide_post_permission(member=member, post=post)
    hide_post(post=post, by=member, reason="Spam")


def merge(member):
    duplicate, original = _thread(), _thread()
    check_merge_threads_permission(member=member, thread=duplicate)
    merge_threads(duplicate=duplicate, into=original, by=member, reason="Asked before")


def accept_for_inactive_asker(member):
    answer = _answer_of_a_thread_asked(days_ago=8, asker_visited_today=False)
    check_accept_answer_permission(member=member, answer=answer)
    accept_answer(answer=answer, by=member)


def accept_for_active_asker(member):
    answer = _answer_of_a_thread_asked(days_ago=8, asker_visited_today=True)
    check_accept_answer_permission(member=member, answer=answer)
    accept_answer(answer=answer, by=member)


def pin(member):
    thread = _thread()
    check_moderate_thread_permission(member=member, thread=thread)
    set_thread_pinned(thread=thread, by=member, pinned=True)


# Each action and the lowest role that may do it.
ACTIONS = {
    ask: "tl0",
    answer: "tl0",
    post_images: "tl1",
    post_three_links: "tl1",
    create_tag: "tl1",
    me_too: "tl2",
    invite: "tl2",
    retitle_others_thread: "tl3",
    move: "tl3",
    lock: "tl4",
    hide: "tl4",
    merge: "tl4",
    accept_for_inactive_asker: "tl4",
    accept_for_active_asker: "staff",
    pin: "staff",
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ACTIONS, ids=lambda action: action.__name__)
def test_each_role_may_do_what_its_level_unlocks_and_nothing_more(db, action, role):
    member = _member(role)
    expected = ROLES.index(role) >= ROLES.index(ACTIONS[action])
    try:
        action(member)
    except (PermissionDenied, ValidationError) as refusal:
        assert not expected, f"{role} was refused {action.__name__}: {refusal}"
    else:
        assert expected, f"{role} was allowed {action.__name__}"


# --- the /trust-levels/ table and the rules agree -------------------------------------------


def _object_for(perm: str, member):
    """Something `perm` can be asked about that only the trust level decides."""
    thread = _thread()
    if perm == "community.accept_answer":
        return _answer_of_a_thread_asked(days_ago=8, asker_visited_today=False)
    if perm in ("community.hide_post", "community.flag_post"):
        return thread.posts.get(is_opening=False)
    if perm in ("community.ask", "community.create_tags", "community.super_user_flair"):
        return None
    if perm in ("community.post_images", "community.post_many_links", "community.upload_image"):
        return None
    if perm == "community.silence_member":
        return MemberFactory(trust_level=TrustLevel.NEW)  # someone else, not staff
    return thread


def _one_level_below(level: TrustLevel):
    return AnonymousUser() if level == TrustLevel.NEW else MemberFactory(trust_level=level - 1)


@pytest.mark.parametrize(
    "privilege", PRIVILEGES, ids=lambda privilege: f"{privilege.level.name}:{privilege.perms[0]}"
)
def test_every_privilege_listed_is_granted_at_its_level_and_not_below(db, privilege):
    at_level = MemberFactory(trust_level=privilege.level)
    below = _one_level_below(privilege.level)
    for perm in privilege.perms:
        obj = _object_for(perm, at_level)
        assert can(at_level, perm, obj), f"{perm} refused at {privilege.level.label}"
        assert not can(below, perm, obj), f"{perm} allowed below {privilege.level.label}"


def test_the_table_lists_each_privilege_under_one_level_and_every_level_adds_something():
    listed = [perm for privilege in PRIVILEGES for perm in privilege.perms]
    assert len(listed) == len(set(listed))
    assert all(privileges_by_level()[level] for level in TrustLevel)


def test_staff_have_every_privilege_the_table_lists(db):
    staff = StaffFactory(trust_level=TrustLevel.NEW)
    for privilege in PRIVILEGES:
        for perm in privilege.perms:
            assert can(staff, perm, _object_for(perm, staff)), perm
