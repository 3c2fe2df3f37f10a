"""Every moderation action, tried through its view by a visitor, each trust level and staff.

The table says who may; each case first checks the table against ``can()`` (so table and
rules cannot drift apart), then posts to the view and checks the answer and whether the
action happened: allowed means a redirect and the change made; refused means 403/404 (a
visitor is sent to sign in) and nothing changed.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from community.models import Flag, FlagReason, Member, Post, Thread, TrustLevel
from community.permissions import can
from community.services.flags import flag_post
from community.services.posts import delete_post, hide_post
from community.services.staff import set_thread_locked
from tests.factories import MemberFactory, SpaceFactory, StaffFactory, make_answer, make_thread

ROLES = ("anonymous", "tl0", "tl1", "tl2", "tl3", "tl4", "staff")
MODERATORS = {"tl4", "staff"}
REGULARS_UP = {"tl3", "tl4", "staff"}
BASIC_UP = {"tl1", "tl2", "tl3", "tl4", "staff"}
STAFF = {"staff"}


@dataclass
class Case:
    """One action: its rule, what it is asked about, its request and its effect."""

    perm: str
    prepare: Callable  # (world) -> the object the rule is asked about
    request: Callable  # (world, obj) -> (url, data)
    happened: Callable  # (world, obj) -> bool
    allowed: set


def _post(obj: Post) -> Post:
    return Post.objects.get(pk=obj.pk)


def _thread(obj: Thread) -> Thread:
    return Thread.objects.get(pk=obj.pk)


def _member(obj: Member) -> Member:
    return Member.objects.get(pk=obj.pk)


def _hidden_answer(world):
    answer = world["answer"]
    hide_post(post=answer, by=world["admin"], reason="Spam")
    return _post(answer)


def _locked_thread(world):
    set_thread_locked(thread=world["thread"], by=world["admin"], locked=True, reason="Heated")
    return _thread(world["thread"])


def _flagged_answer(world, reason):
    flag_post(post=world["answer"], by=world["flagger"], reason=reason)
    return _post(world["answer"])


def _deleted_answer(world):
    delete_post(post=world["answer"], by=world["answer"].author)
    return _post(world["answer"])


TABLE = {
    "hide": Case(
        "community.hide_post",
        lambda w: w["answer"],
        lambda w, post: (f"/p/{post.pk}/hide/", {"reason": "Spam"}),
        lambda w, post: _post(post).hidden_at is not None,
        MODERATORS,
    ),
    "unhide": Case(
        "community.hide_post",
        _hidden_answer,
        lambda w, post: (f"/p/{post.pk}/unhide/", {}),
        lambda w, post: _post(post).hidden_at is None,
        MODERATORS,
    ),
    "lock": Case(
        "community.lock_thread",
        lambda w: w["thread"],
        lambda w, t: (f"/t/{t.pk}/moderate/", {"action": "lock", "lock_reason": "Heated"}),
        lambda w, t: _thread(t).is_locked,
        MODERATORS,
    ),
    "unlock": Case(
        "community.lock_thread",
        _locked_thread,
        lambda w, t: (f"/t/{t.pk}/moderate/", {"action": "unlock"}),
        lambda w, t: not _thread(t).is_locked,
        MODERATORS,
    ),
    "move": Case(
        "community.move_thread",
        lambda w: w["thread"],
        lambda w, t: (
            f"/t/{t.pk}/moderate/",
            {"action": "move", "move-space": w["other_space"].pk, "move-kind": t.kind},
        ),
        lambda w, t: _thread(t).space_id == w["other_space"].pk,
        REGULARS_UP,
    ),
    "retitle": Case(
        "community.retitle_thread",
        lambda w: w["thread"],
        lambda w, t: (
            f"/t/{t.pk}/retitle/",
            {"retitle-title": "Invoice PDF fails to open in Firefox", "retitle-tags": ""},
        ),
        lambda w, t: _thread(t).title == "Invoice PDF fails to open in Firefox",
        REGULARS_UP,
    ),
    "merge": Case(
        "community.merge_threads",
        lambda w: w["thread"],
        lambda w, t: (
            f"/t/{t.pk}/merge/",
            {"merge-into": str(w["original"].pk), "merge-reason": "Same", "merge-confirmed": "1"},
        ),
        lambda w, t: _thread(t).merged_into_id == w["original"].pk,
        MODERATORS,
    ),
    "split": Case(
        "community.split_thread",
        lambda w: w["thread"],
        lambda w, t: (
            f"/t/{t.pk}/split/",
            {"answers": [w["answer"].pk], "title": "Printing fails too", "reason": "Other"},
        ),
        lambda w, t: _post(w["answer"]).thread_id != t.pk,
        MODERATORS,
    ),
    "close as duplicate": Case(
        "community.close_as_duplicate",
        lambda w: w["thread"],
        lambda w, t: (
            f"/t/{t.pk}/duplicate/",
            {"duplicate-original": str(w["original"].pk), "duplicate-reason": "Asked before"},
        ),
        lambda w, t: _thread(t).duplicate_of_id == w["original"].pk,
        MODERATORS,
    ),
    "delete as moderator": Case(
        "community.delete_post",
        lambda w: w["answer"],
        lambda w, post: (f"/p/{post.pk}/delete/", {"reason": "spam"}),
        lambda w, post: _post(post).deleted_at is not None,
        STAFF,
    ),
    "restore": Case(
        "community.restore_post",
        _deleted_answer,
        lambda w, post: (f"/p/{post.pk}/restore/", {}),
        lambda w, post: _post(post).deleted_at is None,
        STAFF,
    ),
    "flag": Case(
        "community.flag_post",
        lambda w: w["answer"],
        lambda w, post: (f"/p/{post.pk}/flag/", {"reason": "abusive"}),
        lambda w, post: Flag.objects.filter(post=post, reporter__username="actor").exists(),
        BASIC_UP,
    ),
    "agree with spam flags": Case(
        "community.review_spam",
        lambda w: _flagged_answer(w, FlagReason.SPAM),
        lambda w, post: ("/review/decide/", {"act": f"{post.pk}:agree-hide"}),
        lambda w, post: not Flag.objects.pending().filter(post=post).exists(),
        REGULARS_UP,
    ),
    "agree with other flags": Case(
        "community.review_flags",
        lambda w: _flagged_answer(w, FlagReason.ABUSIVE),
        lambda w, post: ("/review/decide/", {"act": f"{post.pk}:agree-hide"}),
        lambda w, post: not Flag.objects.pending().filter(post=post).exists(),
        MODERATORS,
    ),
    "redact": Case(
        "community.redact_post",
        lambda w: w["answer"],
        lambda w, post: (
            f"/p/{post.pk}/redact/",
            {"text": "browser cache", "reason": "test", "confirmed": "1"},
        ),
        lambda w, post: "browser cache" not in _post(post).body,
        MODERATORS,
    ),
    "silence": Case(
        "community.silence_member",
        lambda w: w["target"],
        lambda w, m: (
            f"/members/{m.username}/silence/",
            {"silence-period": "1d", "silence-reason": "Rude"},
        ),
        lambda w, m: _member(m).silenced_until is not None,
        MODERATORS,
    ),
    "suspend": Case(
        "community.suspend_member",
        lambda w: w["target"],
        lambda w, m: (
            f"/members/{m.username}/suspend/",
            {"suspend-period": "1w", "suspend-reason": "Fraud"},
        ),
        lambda w, m: _member(m).suspended_until is not None,
        STAFF,
    ),
}


def _actor(role: str):
    if role == "anonymous":
        return AnonymousUser()
    if role == "staff":
        return StaffFactory(username="actor")
    return MemberFactory(username="actor", trust_level=TrustLevel(int(role[2])))


@pytest.fixture
def world(db):
    author = MemberFactory(username="asker", trust_level=TrustLevel.BASIC)
    thread = make_thread(author=author)
    return {
        "thread": thread,
        "answer": make_answer(thread=thread, author=MemberFactory(username="answerer")),
        "original": make_thread(author=author, title="Invoice PDF won't open at all"),
        "other_space": SpaceFactory(slug="elsewhere"),
        "target": MemberFactory(username="target", trust_level=TrustLevel.BASIC),
        "admin": StaffFactory(username="admin"),
        "flagger": MemberFactory(username="flagger", trust_level=TrustLevel.BASIC),
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(TABLE))
def test_moderation_action_is_allowed_exactly_as_the_rules_say(client, world, action, role):
    case = TABLE[action]
    obj = case.prepare(world)
    actor = _actor(role)
    allowed = role in case.allowed
    # The table says what community.permissions says.
    assert can(actor, case.perm, obj) is allowed, f"{action} by {role}: table and rules differ"
    if role != "anonymous":
        client.force_login(actor)
    url, data = case.request(world, obj)
    response = client.post(url, data)
    if allowed:
        assert response.status_code == 302, f"{action} by {role}: {response.status_code}"
        assert "/accounts/login/" not in response["Location"]
        assert case.happened(world, obj), f"{action} by {role} did not happen"
    else:
        if role == "anonymous" and response.status_code != 404:  # 404: hidden from visitors
            assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        else:
            assert response.status_code in (403, 404), f"{action} by {role}: allowed"
        assert not case.happened(world, obj), f"{action} by {role} happened anyway"


def test_every_moderation_rule_is_in_the_table():
    perms = {case.perm for case in TABLE.values()}
    assert {
        "community.hide_post",
        "community.lock_thread",
        "community.move_thread",
        "community.retitle_thread",
        "community.merge_threads",
        "community.split_thread",
        "community.close_as_duplicate",
        "community.delete_post",
        "community.restore_post",
        "community.silence_member",
        "community.suspend_member",
        "community.flag_post",
        "community.review_spam",
        "community.review_flags",
        "community.redact_post",
    } <= perms


def test_a_silenced_member_may_not_post_vote_flag_or_upload(db):
    # The posting rules leave out silenced members of every level (staff are never silenced).
    member = MemberFactory(trust_level=TrustLevel.REGULAR)
    thread = make_thread()
    answer = make_answer(thread=thread)
    own = make_answer(thread=thread, author=member)
    checks = [
        ("community.ask", None),
        ("community.answer", thread),
        ("community.edit_post", own),
        ("community.vote_helpful", answer),
        ("community.me_too", thread),
        ("community.upload_image", None),
        ("community.flag_post", answer),
    ]
    assert all(can(member, perm, obj) for perm, obj in checks)
    member.silenced_until = timezone.now() + timedelta(hours=1)
    assert not any(can(member, perm, obj) for perm, obj in checks)
    member.silenced_until = timezone.now() - timedelta(seconds=1)  # ran out: posts again
    assert all(can(member, perm, obj) for perm, obj in checks)
