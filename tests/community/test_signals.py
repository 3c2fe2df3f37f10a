"""Every signal in community/signals.py: which service sends it, with which arguments.

Each test connects a real receiver (the ``listen`` fixture), as the listening apps
do, performs the change through its service, and checks what arrived; then asks for
the same state again and checks that nothing more arrived.
"""

import ast
import inspect
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.dispatch import Signal

from community import signals
from community.models import (
    IdeaStatus,
    IdeaStatusChange,
    Member,
    Post,
    PostRevision,
    Thread,
    ThreadKind,
    TrustLevel,
)
from community.services.ideas import change_idea_status
from community.services.members import set_staff_status, set_trust_level
from community.services.posts import (
    ask_question,
    delete_post,
    edit_post,
    hide_post,
    post_answer,
    restore_post,
    unhide_post,
)
from community.services.reactions import set_helpful_vote, set_me_too, set_solved_too
from community.services.solutions import accept_answer, set_answer_endorsement, unaccept_answer
from community.services.staff import (
    change_thread_kind,
    merge_threads,
    move_thread,
    retitle_thread,
    set_thread_locked,
    set_thread_pinned,
)
from tests.factories import MemberFactory, SpaceFactory, TagFactory, make_answer, make_thread

DECLARED = {name: value for name, value in vars(signals).items() if isinstance(value, Signal)}


# --- the module itself -------------------------------------------------------------------


def test_every_signal_is_declared_with_its_sender_and_arguments():
    source = inspect.getsource(signals)
    tree = ast.parse(source)
    lines = source.splitlines()
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.value, "func", None) is not None:
            name = node.targets[0].id
            comment = []
            line = node.lineno - 2
            while line >= 0 and lines[line].startswith("#"):
                comment.insert(0, lines[line])
                line -= 1
            assert comment and comment[0].startswith("# sender="), f"{name} has no argument list"


def test_every_declared_signal_is_sent_by_a_service():
    community = Path(settings.BASE_DIR) / "community"
    paths = [*(community / "services").glob("*.py"), *(community / "escalation").rglob("*.py")]
    source = "\n".join(path.read_text() for path in paths)
    unsent = [name for name in DECLARED if f"{name}.send(" not in source]
    assert not unsent


# --- threads -----------------------------------------------------------------------------


def test_thread_asked_is_sent_by_ask_question(listen, member):
    calls = listen(signals.thread_asked)
    thread = ask_question(
        author=member,
        space=SpaceFactory(),
        title="Invoice PDF won't open",
        body="It fails, always.",
    )
    assert calls == [
        {"sender": Thread, "thread": thread, "opening_post": thread.posts.get(), "by": member}
    ]


def test_thread_pinned_is_sent_by_set_thread_pinned_once_per_change(listen, member, staff):
    thread = make_thread(author=member)
    calls = listen(signals.thread_pinned)
    set_thread_pinned(thread=thread, by=staff, pinned=True)
    set_thread_pinned(thread=thread, by=staff, pinned=True)
    set_thread_pinned(thread=thread, by=staff, pinned=False)
    assert calls == [
        {"sender": Thread, "thread": thread, "by": staff, "pinned": True},
        {"sender": Thread, "thread": thread, "by": staff, "pinned": False},
    ]


def test_thread_locked_is_sent_by_set_thread_locked_with_the_reason(listen, member, staff):
    thread = make_thread(author=member)
    calls = listen(signals.thread_locked)
    set_thread_locked(thread=thread, by=staff, locked=True, reason="Solved long ago")
    set_thread_locked(thread=thread, by=staff, locked=True)
    set_thread_locked(thread=thread, by=staff, locked=False)
    assert calls == [
        {"sender": Thread, "thread": thread, "by": staff, "locked": True,
         "reason": "Solved long ago"},
        {"sender": Thread, "thread": thread, "by": staff, "locked": False, "reason": ""},
    ]  # fmt: skip


def test_thread_moved_is_sent_by_move_thread_with_both_spaces(listen, member, staff):
    origin, target = SpaceFactory(slug="origin"), SpaceFactory(slug="target")
    thread = make_thread(author=member, space=origin)
    calls = listen(signals.thread_moved)
    move_thread(thread=thread, by=staff, space=target)
    move_thread(thread=thread, by=staff, space=target)
    assert calls == [
        {"sender": Thread, "thread": thread, "by": staff, "from_space": origin, "to_space": target}
    ]


def test_thread_retitled_is_sent_by_retitle_thread_with_old_and_new(listen, member, staff):
    thread = make_thread(author=member, title="printer broken", tags=[TagFactory(name="printer")])
    wifi = TagFactory(name="wifi")
    calls = listen(signals.thread_retitled)
    retitle_thread(thread=thread, by=staff, title="Printer drops Wi-Fi", tags=[wifi])
    retitle_thread(thread=thread, by=staff, title="Printer drops Wi-Fi", tags=[wifi])
    assert calls == [
        {"sender": Thread, "thread": thread, "by": staff, "old_title": "printer broken",
         "old_tags": ["printer"], "tags": ["wifi"]}
    ]  # fmt: skip


def test_threads_merged_is_sent_by_merge_threads_with_the_moved_answers(listen, member, staff):
    duplicate, original = make_thread(author=member), make_thread()
    answer = post_answer(thread=duplicate, author=staff, body="Clear the cache, then retry.")
    calls = listen(signals.threads_merged)
    merge_threads(duplicate=duplicate, into=original, by=staff, reason="Asked before")
    merge_threads(duplicate=duplicate, into=original, by=staff, reason="Asked before")
    assert calls == [
        {"sender": Thread, "duplicate": duplicate, "into": original, "by": staff,
         "reason": "Asked before", "moved_answers": [answer.pk]}
    ]  # fmt: skip


def test_thread_kind_changed_is_sent_by_change_thread_kind(listen, member, staff):
    thread = make_thread(author=member)
    calls = listen(signals.thread_kind_changed)
    change_thread_kind(thread=thread, by=staff, kind=ThreadKind.IDEA)
    change_thread_kind(thread=thread, by=staff, kind=ThreadKind.IDEA)
    assert calls == [
        {"sender": Thread, "thread": thread, "by": staff, "from_kind": "question",
         "to_kind": "idea"}
    ]  # fmt: skip


def test_thread_hidden_and_unhidden_are_sent_for_an_opening_post(listen, member, staff):
    thread = make_thread(author=member)
    opening = thread.posts.get()
    hidden, unhidden = listen(signals.thread_hidden), listen(signals.thread_unhidden)
    hide_post(post=opening, by=staff, reason="Spam")
    hide_post(post=opening, by=staff, reason="Spam")
    assert hidden == [{"sender": Thread, "thread": opening.thread, "by": staff, "reason": "Spam"}]
    assert opening.thread.pk == thread.pk and opening.thread.hidden_at is not None
    unhide_post(post=opening, by=staff)
    unhide_post(post=opening, by=staff)
    assert unhidden == [{"sender": Thread, "thread": opening.thread, "by": staff}]


def test_thread_hidden_is_not_sent_for_an_answer(listen, member, other_member, staff):
    thread = make_thread(author=member)
    answer = make_answer(thread=thread, author=other_member)
    hidden = listen(signals.thread_hidden)
    hide_post(post=answer, by=staff, reason="Spam")
    assert hidden == []


def test_thread_deleted_and_restored_are_sent_for_an_opening_post(listen, member, staff):
    thread = make_thread(author=member)
    opening = thread.posts.get()
    deleted, restored = listen(signals.thread_deleted), listen(signals.thread_restored)
    delete_post(post=opening, by=member)
    delete_post(post=opening, by=member)
    assert deleted == [{"sender": Thread, "thread": opening.thread, "by": member}]
    restore_post(post=opening, by=staff)
    restore_post(post=opening, by=staff)
    assert restored == [{"sender": Thread, "thread": opening.thread, "by": staff}]
    thread.refresh_from_db()
    assert thread.deleted_at is None


def test_idea_status_changed_is_sent_by_change_idea_status(listen, member, staff):
    idea = make_thread(author=member, kind=ThreadKind.IDEA, title="Dark mode for the app")
    calls = listen(signals.idea_status_changed)
    change = change_idea_status(
        thread=idea, by=staff, status=IdeaStatus.PLANNED, comment="In the spring release."
    )
    assert calls == [{"sender": Thread, "thread": idea, "change": change, "by": staff}]
    assert isinstance(change, IdeaStatusChange)


def test_me_too_changed_is_sent_by_set_me_too_once_per_change(listen, member, other_member):
    thread = make_thread(author=member)
    calls = listen(signals.me_too_changed)
    set_me_too(thread=thread, by=other_member, me_too=True)
    set_me_too(thread=thread, by=other_member, me_too=True)
    set_me_too(thread=thread, by=other_member, me_too=False)
    set_me_too(thread=thread, by=other_member, me_too=False)
    assert calls == [
        {"sender": Thread, "thread": thread, "by": other_member, "added": True},
        {"sender": Thread, "thread": thread, "by": other_member, "added": False},
    ]


# --- posts -------------------------------------------------------------------------------


def test_answer_posted_is_sent_by_post_answer(listen, member, other_member):
    thread = make_thread(author=member)
    calls = listen(signals.answer_posted)
    answer = post_answer(thread=thread, author=other_member, body="Clear the browser cache.")
    assert len(calls) == 1
    assert calls[0]["sender"] is Post
    assert calls[0]["post"] == answer and calls[0]["by"] == other_member
    assert calls[0]["thread"].pk == thread.pk


def test_post_edited_is_sent_by_edit_post_with_the_new_revision(listen, member, staff):
    thread = make_thread(author=member)
    opening = thread.posts.get()
    calls = listen(signals.post_edited)
    edit_post(post=opening, by=staff, body="Removed a customer number from the text.")
    edit_post(post=opening, by=staff, body="Removed a customer number from the text.")
    revision = PostRevision.objects.get(post=opening, number=2)
    assert calls == [{"sender": Post, "post": opening, "by": staff, "revision": revision}]


def test_post_deleted_is_sent_by_delete_post_once(listen, member, other_member):
    thread = make_thread(author=member)
    answer = make_answer(thread=thread, author=other_member)
    calls = listen(signals.post_deleted)
    delete_post(post=answer, by=other_member)
    delete_post(post=answer, by=other_member)
    assert calls == [{"sender": Post, "post": answer, "by": other_member}]


def test_post_restored_is_sent_by_restore_post_once(listen, member, other_member, staff):
    thread = make_thread(author=member)
    answer = make_answer(thread=thread, author=other_member)
    delete_post(post=answer, by=other_member)
    calls = listen(signals.post_restored)
    restore_post(post=answer, by=staff, reason="Deleted by mistake")
    restore_post(post=answer, by=staff)
    assert calls == [{"sender": Post, "post": answer, "by": staff, "reason": "Deleted by mistake"}]


def test_post_hidden_and_unhidden_are_sent_once_per_change(listen, member, other_member, staff):
    thread = make_thread(author=member)
    answer = make_answer(thread=thread, author=other_member)
    hidden, unhidden = listen(signals.post_hidden), listen(signals.post_unhidden)
    hide_post(post=answer, by=staff, reason="Advertising")
    hide_post(post=answer, by=staff, reason="Something else")
    unhide_post(post=answer, by=staff)
    unhide_post(post=answer, by=staff)
    assert hidden == [{"sender": Post, "post": answer, "by": staff, "reason": "Advertising"}]
    assert unhidden == [{"sender": Post, "post": answer, "by": staff}]


def test_post_voted_is_sent_by_set_helpful_vote_once_per_change(listen, member, other_member):
    thread = make_thread(author=member)
    answer = make_answer(thread=thread, author=other_member)
    calls = listen(signals.post_voted)
    set_helpful_vote(post=answer, by=member, voted=True)
    set_helpful_vote(post=answer, by=member, voted=True)
    set_helpful_vote(post=answer, by=member, voted=False)
    set_helpful_vote(post=answer, by=member, voted=False)
    assert calls == [
        {"sender": Post, "post": answer, "by": member, "added": True},
        {"sender": Post, "post": answer, "by": member, "added": False},
    ]


def test_answer_accepted_is_sent_by_accept_answer_with_the_previous_solution(
    listen, member, other_member
):
    thread = make_thread(author=member)
    first, second = make_answer(thread=thread), make_answer(thread=thread, author=other_member)
    calls = listen(signals.answer_accepted)
    accept_answer(answer=first, by=member)
    accept_answer(answer=first, by=member)
    solved = accept_answer(answer=second, by=member)
    assert calls == [
        {"sender": Thread, "thread": first.thread, "answer": first, "by": member,
         "previous": None},
        {"sender": Thread, "thread": solved, "answer": second, "by": member, "previous": first},
    ]  # fmt: skip


def test_answer_unaccepted_is_sent_by_unaccept_answer(listen, member, other_member):
    thread = make_thread(author=member)
    answer = make_answer(thread=thread, author=other_member)
    accept_answer(answer=answer, by=member)
    calls = listen(signals.answer_unaccepted)
    reopened = unaccept_answer(thread=thread, by=member)
    unaccept_answer(thread=thread, by=member)
    assert calls == [{"sender": Thread, "thread": reopened, "answer": answer, "by": member}]


def test_answer_unaccepted_is_sent_when_the_solution_is_hidden(listen, member, other_member, staff):
    thread = make_thread(author=member)
    answer = make_answer(thread=thread, author=other_member)
    accept_answer(answer=answer, by=member)
    calls = listen(signals.answer_unaccepted)
    hide_post(post=answer, by=staff, reason="Contains a phone number")
    assert calls == [{"sender": Thread, "thread": answer.thread, "answer": answer, "by": staff}]
    thread.refresh_from_db()
    assert thread.solution is None and not thread.is_solved


def test_answer_unaccepted_is_sent_when_the_solution_is_deleted(listen, member, other_member):
    thread = make_thread(author=member)
    answer = make_answer(thread=thread, author=other_member)
    accept_answer(answer=answer, by=member)
    calls = listen(signals.answer_unaccepted)
    delete_post(post=answer, by=other_member)
    assert calls == [
        {"sender": Thread, "thread": answer.thread, "answer": answer, "by": other_member}
    ]
    thread.refresh_from_db()
    assert thread.solution is None


def test_solved_too_changed_is_sent_by_set_solved_too_once_per_change(listen, member, other_member):
    thread = make_thread(author=member)
    answer = make_answer(thread=thread, author=other_member)
    accept_answer(answer=answer, by=member)
    bystander = MemberFactory()
    calls = listen(signals.solved_too_changed)
    set_solved_too(post=answer, by=bystander, solved_too=True)
    set_solved_too(post=answer, by=bystander, solved_too=True)
    set_solved_too(post=answer, by=bystander, solved_too=False)
    assert calls == [
        {"sender": Post, "post": answer, "by": bystander, "added": True},
        {"sender": Post, "post": answer, "by": bystander, "added": False},
    ]


def test_answer_endorsed_is_sent_by_set_answer_endorsement_once_per_change(
    listen, member, other_member, staff
):
    thread = make_thread(author=member)
    answer = make_answer(thread=thread, author=other_member)
    calls = listen(signals.answer_endorsed)
    set_answer_endorsement(answer=answer, by=staff, endorsed=True)
    set_answer_endorsement(answer=answer, by=staff, endorsed=True)
    set_answer_endorsement(answer=answer, by=staff, endorsed=False)
    assert calls == [
        {"sender": Post, "post": answer, "by": staff, "endorsed": True},
        {"sender": Post, "post": answer, "by": staff, "endorsed": False},
    ]


# --- members -----------------------------------------------------------------------------


def test_trust_level_changed_is_sent_by_set_trust_level_once_per_change(listen, member, staff):
    calls = listen(signals.trust_level_changed)
    set_trust_level(member=member, level=TrustLevel.LEADER, by=staff, reason="Helps every day")
    set_trust_level(member=member, level=TrustLevel.LEADER, by=staff)
    set_trust_level(member=member, level=TrustLevel.REGULAR, by=None)
    assert calls == [
        {"sender": Member, "member": member, "by": staff, "previous": TrustLevel.BASIC,
         "level": TrustLevel.LEADER, "reason": "Helps every day"},
        {"sender": Member, "member": member, "by": None, "previous": TrustLevel.LEADER,
         "level": TrustLevel.REGULAR, "reason": ""},
    ]  # fmt: skip


def test_staff_status_changed_is_sent_by_set_staff_status_once_per_change(listen, member, staff):
    calls = listen(signals.staff_status_changed)
    set_staff_status(member=member, is_staff=True, by=staff, reason="Joined the support team")
    set_staff_status(member=member, is_staff=True, by=staff)
    set_staff_status(member=member, is_staff=False, by=staff, reason="Left")
    assert calls == [
        {"sender": Member, "member": member, "by": staff, "is_staff": True,
         "reason": "Joined the support team"},
        {"sender": Member, "member": member, "by": staff, "is_staff": False, "reason": "Left"},
    ]  # fmt: skip


def test_visit_day_started_is_sent_once_per_member_and_day(listen, member):
    from datetime import date

    from community.services.reading import record_visit

    calls = listen(signals.visit_day_started)
    record_visit(member=member, day=date(2026, 3, 1))
    record_visit(member=member, day=date(2026, 3, 1))
    record_visit(member=member, day=date(2026, 3, 2))
    assert calls == [
        {"sender": Member, "member": member, "day": date(2026, 3, 1)},
        {"sender": Member, "member": member, "day": date(2026, 3, 2)},
    ]


# --- redaction ---


def test_post_redacted_is_sent_by_redact_post_once_per_redaction(listen, member, staff):
    from django.core.exceptions import ValidationError

    from community.services.redaction import redact_post

    answer = make_answer(thread=make_thread(), author=member, body="Pay to DE89 3704 please.")
    calls = listen(signals.post_redacted)
    redact_post(post=answer, by=staff, text="DE89 3704")
    with pytest.raises(ValidationError):  # nothing left to redact: nothing sent
        redact_post(post=answer, by=staff, text="DE89 3704")
    assert calls == [{"sender": Post, "post": answer, "by": staff, "revisions": 1}]


@pytest.mark.parametrize("name", sorted(DECLARED))
def test_every_declared_signal_has_a_test_here(name):
    """Adding a signal without saying who sends it fails this test: here, or in a
    neighbouring test_signals_<area>.py for an area with many signals (escalation)."""
    source = "".join(path.read_text() for path in Path(__file__).parent.glob("test_signals*.py"))
    assert f"signals.{name})" in source


# --- moderation actions (community.services.moderation) ------------------------------------
# Their arguments in detail: tests/community/services/test_moderation.py.


def test_thread_split_is_sent_by_split_thread(listen, member, staff):
    from community.services.moderation import split_thread

    thread = make_thread(author=member)
    answer = make_answer(thread=thread)
    calls = listen(signals.thread_split)
    new_thread = split_thread(
        thread=thread, answers=[answer], title="Another problem", by=staff, reason="Off topic"
    )
    assert [(call["thread"], call["new_thread"]) for call in calls] == [(thread, new_thread)]


def test_thread_closed_as_duplicate_is_sent_by_close_and_reopen(listen, member, staff):
    from community.services.moderation import close_as_duplicate, reopen_thread

    thread, original = make_thread(author=member), make_thread(author=member)
    calls = listen(signals.thread_closed_as_duplicate)
    close_as_duplicate(thread=thread, original=original, by=staff, reason="Asked before")
    reopen_thread(thread=thread, by=staff)
    assert [(call["original"], call["closed"]) for call in calls] == [
        (original, True),
        (None, False),
    ]


def test_member_silenced_is_sent_by_silence_member(listen, member, staff):
    from datetime import timedelta

    from django.utils import timezone

    from community.services.moderation import silence_member

    until = timezone.now() + timedelta(days=1)
    calls = listen(signals.member_silenced)
    silence_member(member=member, until=until, reason="Spam", by=staff)
    assert calls == [
        {"sender": Member, "member": member, "by": staff, "until": until, "reason": "Spam"}
    ]


def test_member_suspended_is_sent_by_suspend_member(listen, member, staff):
    from community.services.moderation import SUSPENDED_FOREVER, suspend_member

    calls = listen(signals.member_suspended)
    suspend_member(member=member, until=None, reason="Fraud", by=staff)
    assert calls == [
        {"sender": Member, "member": member, "by": staff, "until": SUSPENDED_FOREVER,
         "reason": "Fraud"}
    ]  # fmt: skip


# --- flags and the review queue ------------------------------------------------------------


def test_post_flagged_is_sent_by_flag_post_and_by_the_spam_rules(listen, member, other_member):
    from community.models import FlagReason
    from community.services.flags import flag_post

    calls = listen(signals.post_flagged)
    answer = make_answer(thread=make_thread(author=member), author=other_member)
    flag = flag_post(post=answer, by=member, reason=FlagReason.OFF_TOPIC)
    newcomer = MemberFactory(trust_level=TrustLevel.NEW)
    held = make_answer(thread=answer.thread, author=newcomer, body="Buy now, cheap!")
    assert calls == [
        {"sender": Post, "post": answer, "flag": flag, "by": member},
        {"sender": Post, "post": held, "flag": held.flags.get(), "by": None},
    ]


def test_flags_resolved_is_sent_by_resolve_flags_once(listen, member, other_member, staff):
    from community.models import FlagReason
    from community.services.flags import flag_post, resolve_flags

    answer = make_answer(thread=make_thread(author=member), author=other_member)
    flag = flag_post(post=answer, by=member, reason=FlagReason.ABUSIVE)
    calls = listen(signals.flags_resolved)
    resolve_flags(post=answer, by=staff, decision="ignored")
    resolve_flags(post=answer, by=staff, decision="ignored")
    assert calls == [
        {"sender": Post, "post": answer, "by": staff, "decision": "ignored", "flags": [flag]}
    ]


# --- private messages to the support team ---------------------------------------------------


def test_case_signals_are_sent_by_the_case_services(listen, member, staff):
    from community.models import SupportCase
    from community.services.cases import close_case, open_private_case, reply_to_case

    opened, replied = listen(signals.case_opened), listen(signals.case_replied)
    closed = listen(signals.case_closed)
    case = open_private_case(by=member, title="My card", body="Card 4111 1111 1111 1111 fails")
    message = reply_to_case(case=case, by=staff, body="We had a look, it works again.")
    close_case(case=case, by=member)
    close_case(case=case, by=member)
    assert opened == [
        {"sender": SupportCase, "case": case, "message": case.messages.first(), "by": member}
    ]
    assert replied == [{"sender": SupportCase, "case": case, "message": message, "by": staff}]
    assert closed == [{"sender": SupportCase, "case": case, "by": member}]


# --- searching ---


def test_search_performed_is_sent_once_per_search_that_ran(listen):
    from django.core.paginator import Paginator
    from django.utils import translation

    from community.searching.results import SearchResults
    from community.services.searches import announce_search

    calls = listen(signals.search_performed)
    page = Paginator([], 20).page(1)
    with translation.override("de"):
        announce_search(SearchResults(query="rechnung", page=page), doc_type="", page="1")
        announce_search(SearchResults(query="rechnung", page=page), doc_type="", page="2")
        announce_search(SearchResults(query="", page=None), doc_type="", page="1")
        announce_search(
            SearchResults(query="x", page=page, error="Too short."), doc_type="", page=""
        )
    assert calls == [
        {
            "sender": SearchResults,
            "query": "rechnung",
            "source": "site",
            "language": "de",
            "result_count": 0,
        }
    ]


# --- invitations (community.services.invitations) -------------------------------------------
# Their arguments in detail: tests/community/services/test_invitations.py.


def _invite(inviter, email="friend@example.org"):
    from community.services.invitations import send_invitation

    return send_invitation(by=inviter, email=email)


def test_invitation_sent_is_sent_by_send_invitation_once(listen, staff):
    from community.models import Invitation

    calls = listen(signals.invitation_sent)
    invitation = _invite(staff)
    with pytest.raises(ValidationError):  # the same address again: nothing sent
        _invite(staff)
    assert calls == [{"sender": Invitation, "invitation": invitation, "by": staff}]


def test_invitation_accepted_is_sent_by_accept_invitation_once(listen, staff):
    from community.models import Invitation
    from community.services.invitations import accept_invitation

    invitation = _invite(staff)
    newcomer = MemberFactory(email="friend@example.org")
    calls = listen(signals.invitation_accepted)
    accept_invitation(invitation=invitation, by=newcomer)
    accept_invitation(invitation=invitation, by=newcomer)
    assert [call["member"] for call in calls] == [newcomer]
    assert calls[0]["sender"] is Invitation and calls[0]["by"] == newcomer


def test_invitation_revoked_is_sent_by_revoke_invitation_once(listen, staff):
    from community.services.invitations import revoke_invitation

    invitation = _invite(staff)
    calls = listen(signals.invitation_revoked)
    revoke_invitation(invitation=invitation, by=staff)
    revoke_invitation(invitation=invitation, by=staff)
    assert [(call["invitation"].pk, call["by"]) for call in calls] == [(invitation.pk, staff)]
