"""Flags on posts (community.services.flags): reasons, thresholds, once per post, review."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from community import signals
from community.audit import AGREED_WITH_FLAGS, HELD_FOR_REVIEW
from community.models import (
    AuditAction,
    AuditEntry,
    Flag,
    FlagReason,
    FlagStatus,
    Notification,
    NotificationKind,
    Post,
    Thread,
    TrustLevel,
)
from community.permissions import can
from community.services.flags import (
    SPAM_FLAGS_TO_HIDE,
    flag_post,
    resolve_flags,
    resolve_flags_in_bulk,
)
from community.services.posts import edit_post, hide_post
from tests.factories import MemberFactory, StaffFactory, make_answer, make_thread


@pytest.fixture
def answer(db, member):
    return make_answer(thread=make_thread(author=member), body="Buy my stuff at example.com.")


def flagger(level=TrustLevel.BASIC):
    return MemberFactory(trust_level=level)


def audit_rows(post, action):
    return AuditEntry.objects.filter(target_id=post.pk, action=action)


# --- flagging ------------------------------------------------------------------------------


@pytest.mark.parametrize("reason", [FlagReason.ABUSIVE, FlagReason.OFF_TOPIC, FlagReason.SPAM])
def test_flag_post_with_a_reason_keeps_the_post_visible_below_the_threshold(answer, reason):
    flag = flag_post(post=answer, by=flagger(), reason=reason)
    answer.refresh_from_db()
    assert (flag.reason, flag.status, answer.hidden_at) == (reason, FlagStatus.PENDING, None)


def test_flag_post_other_needs_a_note(answer):
    with pytest.raises(ValidationError) as error:
        flag_post(post=answer, by=flagger(), reason=FlagReason.OTHER, note="  ")
    assert error.value.code == "note"
    flag = flag_post(post=answer, by=flagger(), reason=FlagReason.OTHER, note="Rude  tone")
    assert flag.note == "Rude tone"


def test_flag_post_duplicate_needs_another_thread(answer):
    with pytest.raises(ValidationError):
        flag_post(post=answer, by=flagger(), reason=FlagReason.DUPLICATE)
    with pytest.raises(ValidationError):
        flag_post(
            post=answer, by=flagger(), reason=FlagReason.DUPLICATE, duplicate_of=answer.thread
        )
    original = make_thread(title="The original")
    flag = flag_post(post=answer, by=flagger(), reason=FlagReason.DUPLICATE, duplicate_of=original)
    assert flag.duplicate_of == original


def test_flag_post_refuses_an_unknown_or_system_reason(answer):
    for reason in ("nonsense", FlagReason.HELD, FlagReason.EDITED_AFTER_HIDING):
        with pytest.raises(ValidationError):
            flag_post(post=answer, by=flagger(), reason=reason)
    assert not Flag.objects.exists()


def test_flag_post_once_per_member_and_post(answer):
    reporter = flagger()
    flag_post(post=answer, by=reporter, reason=FlagReason.OFF_TOPIC)
    with pytest.raises(ValidationError) as error:
        flag_post(post=answer, by=reporter, reason=FlagReason.SPAM)
    assert error.value.code == "already_flagged"
    assert Flag.objects.count() == 1


def test_flag_constraint_keeps_one_flag_per_member_in_the_database(answer):
    from django.db import IntegrityError, transaction

    reporter = flagger()
    Flag.objects.create(post=answer, reporter=reporter, reason=FlagReason.SPAM)
    with pytest.raises(IntegrityError), transaction.atomic():
        Flag.objects.create(post=answer, reporter=reporter, reason=FlagReason.ABUSIVE)


def test_spam_flags_of_three_members_hide_the_post_at_once(answer):
    for _ in range(SPAM_FLAGS_TO_HIDE - 1):
        flag_post(post=answer, by=flagger(), reason=FlagReason.SPAM)
    answer.refresh_from_db()
    assert answer.hidden_at is None
    third = flagger()
    flag_post(post=answer, by=third, reason=FlagReason.SPAM)
    answer.refresh_from_db()
    assert answer.hidden_at is not None and answer.hidden_reason == HELD_FOR_REVIEW
    row = audit_rows(answer, AuditAction.HOLD_POST).get()
    assert row.actor == third and row.details["flag_reason"] == "spam"


def test_one_spam_flag_of_a_regular_hides_the_post_at_once(answer):
    flag_post(post=answer, by=flagger(TrustLevel.REGULAR), reason=FlagReason.SPAM)
    answer.refresh_from_db()
    assert answer.hidden_reason == HELD_FOR_REVIEW


def test_other_flags_of_a_regular_do_not_hide(answer):
    flag_post(post=answer, by=flagger(TrustLevel.REGULAR), reason=FlagReason.OFF_TOPIC)
    answer.refresh_from_db()
    assert answer.hidden_at is None


def test_a_personal_data_flag_hides_from_the_public_but_not_from_author_or_moderators(answer):
    flag_post(post=answer, by=flagger(), reason=FlagReason.PERSONAL_DATA)
    answer.refresh_from_db()
    assert answer.hidden_reason == HELD_FOR_REVIEW
    from community.permissions import can_read_post_text

    assert can_read_post_text(answer.author, answer)
    assert can_read_post_text(StaffFactory(), answer)
    assert not can_read_post_text(MemberFactory(), answer)


def test_flags_never_hide_a_staff_post_on_their_own(db):
    official = make_answer(thread=make_thread(), author=StaffFactory())
    flag_post(post=official, by=flagger(), reason=FlagReason.PERSONAL_DATA)
    official.refresh_from_db()
    assert official.hidden_at is None and Flag.objects.pending().count() == 1


def test_an_opening_post_held_hides_its_thread(db):
    thread = make_thread()
    opening = thread.posts.get()
    flag_post(post=opening, by=flagger(), reason=FlagReason.PERSONAL_DATA)
    thread.refresh_from_db()
    assert thread.hidden_reason == HELD_FOR_REVIEW


@pytest.mark.parametrize(
    ("level", "own", "allowed"),
    [
        (TrustLevel.NEW, False, False),
        (TrustLevel.BASIC, False, True),
        (TrustLevel.LEADER, False, True),
        (TrustLevel.BASIC, True, False),
    ],
)
def test_flag_post_permission_from_trust_level_one_and_not_ones_own(answer, level, own, allowed):
    member = answer.author if own else flagger(level)
    if own:
        member.trust_level = level
    assert can(member, "community.flag_post", answer) is allowed


def test_post_flagged_is_sent_with_the_flag(listen, answer):
    calls = listen(signals.post_flagged)
    reporter = flagger()
    flag = flag_post(post=answer, by=reporter, reason=FlagReason.OFF_TOPIC)
    assert calls == [{"sender": Post, "post": answer, "flag": flag, "by": reporter}]


# --- resolving -----------------------------------------------------------------------------


@pytest.fixture
def reviewer(db):
    return MemberFactory(trust_level=TrustLevel.LEADER, username="reviewer")


def spam_wave(post, count=SPAM_FLAGS_TO_HIDE):
    return [flag_post(post=post, by=flagger(), reason=FlagReason.SPAM) for _ in range(count)]


def flag_notices():
    return Notification.objects.filter(kind=NotificationKind.FLAG_RESOLVED)


def test_resolve_flags_agree_and_hide_keeps_the_post_hidden_with_a_moderators_reason(
    answer, reviewer
):
    flags = spam_wave(answer)
    resolved = resolve_flags(post=answer, by=reviewer, decision="agreed", action="hide")
    answer.refresh_from_db()
    assert {flag.pk for flag in resolved} == {flag.pk for flag in flags}
    assert answer.hidden_reason == AGREED_WITH_FLAGS
    assert set(Flag.objects.values_list("status", flat=True)) == {FlagStatus.AGREED}
    row = audit_rows(answer, AuditAction.AGREE_FLAGS).get()
    assert row.actor == reviewer and row.details["post_action"] == "hide"
    assert row.details["reasons"] == {"spam": 3}
    assert flag_notices().count() == 3
    assert "agreed" in flag_notices().first().data["text"]["en"]


def test_resolve_flags_agree_and_hide_a_visible_post_hides_it_with_the_reason(answer, reviewer):
    flag_post(post=answer, by=flagger(), reason=FlagReason.ABUSIVE)
    resolve_flags(post=answer, by=reviewer, decision="agreed", action="hide", reason="Insults")
    answer.refresh_from_db()
    assert answer.hidden_reason == "Insults"
    assert audit_rows(answer, AuditAction.HIDE_POST).count() == 1


def test_resolve_flags_agree_and_delete_as_spam(answer, reviewer):
    spam_wave(answer, 1)
    resolve_flags(post=answer, by=reviewer, decision="agreed", action="delete")
    answer.refresh_from_db()
    assert answer.deleted_at is not None
    assert audit_rows(answer, AuditAction.DELETE_POST).count() == 1
    assert audit_rows(answer, AuditAction.AGREE_FLAGS).count() == 1


def test_resolve_flags_agree_after_editing_shows_a_held_post_again(answer, reviewer):
    flag_post(post=answer, by=flagger(), reason=FlagReason.PERSONAL_DATA)
    edit_post(post=answer, by=reviewer, body="Contact support.")
    resolve_flags(post=answer, by=reviewer, decision="agreed")
    answer.refresh_from_db()
    assert answer.hidden_at is None and not Flag.objects.pending().exists()


def test_resolve_flags_disagree_restores_a_post_the_flags_hid(answer, reviewer, listen):
    spam_wave(answer)
    unhidden = listen(signals.post_unhidden)
    resolve_flags(post=answer, by=reviewer, decision="disagreed")
    answer.refresh_from_db()
    assert answer.hidden_at is None and len(unhidden) == 1
    assert set(Flag.objects.values_list("status", flat=True)) == {FlagStatus.DISAGREED}
    assert audit_rows(answer, AuditAction.DISAGREE_FLAGS).count() == 1
    assert flag_notices().count() == 3


def test_resolve_flags_disagree_leaves_a_moderators_hiding_alone(answer, reviewer, staff):
    hide_post(post=answer, by=staff, reason="Insults")
    Flag.objects.create(post=answer, reporter=flagger(), reason=FlagReason.ABUSIVE)
    resolve_flags(post=answer, by=reviewer, decision="disagreed")
    answer.refresh_from_db()
    assert answer.hidden_reason == "Insults"


def test_resolve_flags_ignore_leaves_the_post_as_it_is(answer, reviewer):
    spam_wave(answer)
    resolve_flags(post=answer, by=reviewer, decision="ignored")
    answer.refresh_from_db()
    assert answer.hidden_reason == HELD_FOR_REVIEW
    assert audit_rows(answer, AuditAction.IGNORE_FLAGS).count() == 1
    assert flag_notices().count() == 3


def test_resolve_flags_twice_changes_nothing(answer, reviewer, listen):
    spam_wave(answer, 1)
    calls = listen(signals.flags_resolved)
    first = resolve_flags(post=answer, by=reviewer, decision="agreed", action="hide")
    assert resolve_flags(post=answer, by=reviewer, decision="disagreed") == []
    answer.refresh_from_db()
    assert answer.hidden_at is not None
    assert len(calls) == 1
    assert calls[0] == {
        "sender": Post, "post": answer, "by": reviewer, "decision": "agreed", "flags": first,
    }  # fmt: skip
    assert AuditEntry.objects.filter(action__startswith="flags.").count() == 1


def test_resolve_flags_refuses_an_action_without_agreeing(answer, reviewer):
    spam_wave(answer, 1)
    with pytest.raises(ValueError):
        resolve_flags(post=answer, by=reviewer, decision="disagreed", action="hide")


def test_resolve_flags_in_bulk_decides_every_post(db, reviewer):
    thread = make_thread()
    posts = [make_answer(thread=thread, body=f"Spam number {n}") for n in range(3)]
    for post in posts:
        spam_wave(post, 1)
    result = resolve_flags_in_bulk(posts=posts, by=reviewer, decision="agreed", action="delete")
    assert all(len(flags) == 1 for flags in result.resolved.values())
    assert Post.objects.filter(pk__in=[p.pk for p in posts], deleted_at__isnull=False).count() == 3
    assert audit_rows_count(AuditAction.AGREE_FLAGS) == 3


def audit_rows_count(action):
    return AuditEntry.objects.filter(action=action).count()


def test_editing_a_hidden_post_sends_it_back_for_review(answer, staff, reviewer):
    hide_post(post=answer, by=staff, reason="Insults")
    edit_post(post=answer, by=answer.author, body="I take it back, sorry.")
    edit_post(post=answer, by=answer.author, body="I take it back, really sorry.")
    flag = Flag.objects.pending().get()
    assert (flag.reporter, flag.reason) == (None, FlagReason.EDITED_AFTER_HIDING)
    resolve_flags(post=answer, by=reviewer, decision="disagreed")
    answer.refresh_from_db()
    assert answer.hidden_at is None


def test_editing_a_visible_post_adds_no_flag(answer):
    edit_post(post=answer, by=answer.author, body="Something else entirely.")
    assert not Flag.objects.exists()


def test_hidden_thread_stays_for_an_opening_post_after_agreeing(db, reviewer):
    thread = make_thread()
    flag_post(post=thread.posts.get(), by=flagger(), reason=FlagReason.PERSONAL_DATA)
    resolve_flags(post=thread.posts.get(), by=reviewer, decision="agreed", action="hide")
    assert Thread.objects.get(pk=thread.pk).hidden_reason == AGREED_WITH_FLAGS


# --- what gamification books (its receivers are connected in every test) -------------------


def test_an_agreed_flag_earns_its_reporter_reputation_a_disagreed_one_nothing(db, reviewer):
    from gamification.models import ReputationEvent, ReputationReason

    thread = make_thread()
    agreed_post = make_answer(thread=thread, body="Spam answer one")
    disagreed_post = make_answer(thread=thread, body="Fine answer two")
    reporter = flagger()
    flag_post(post=agreed_post, by=reporter, reason=FlagReason.ABUSIVE)
    flag_post(post=disagreed_post, by=reporter, reason=FlagReason.ABUSIVE)
    resolve_flags(post=agreed_post, by=reviewer, decision="agreed", action="hide")
    resolve_flags(post=disagreed_post, by=reviewer, decision="disagreed")
    events = ReputationEvent.objects.filter(member=reporter, reason=ReputationReason.FLAG_AGREED)
    assert [event.points for event in events] == [2]


def test_the_flagger_badge_needs_ten_agreed_flags(db, reviewer):
    from gamification.badges import AGREED_FLAGS, BY_SLUG

    reporter = flagger()
    thread = make_thread()
    for n in range(AGREED_FLAGS):
        post = make_answer(thread=thread, body=f"Spam answer number {n}")
        flag_post(post=post, by=reporter, reason=FlagReason.ABUSIVE)
        earned = set(BY_SLUG["flagger"].rule().values_list("pk", flat=True))
        assert reporter.pk not in earned
        resolve_flags(post=post, by=reviewer, decision="agreed", action="hide")
    assert reporter.pk in set(BY_SLUG["flagger"].rule().values_list("pk", flat=True))


def test_the_thread_page_shows_the_flagger_their_flag_and_others_the_link(client, answer):
    reporter, other = flagger(), flagger()
    flag_post(post=answer, by=reporter, reason=FlagReason.OFF_TOPIC)
    flag_url = reverse("community:flag_post", kwargs={"pk": answer.pk})
    url = answer.thread.get_absolute_url()

    client.force_login(reporter)
    page = client.get(url).content.decode()
    assert f'<a href="{flag_url}" class="post__flagged">Flagged</a>' in page
    assert f'<a href="{flag_url}">Flag</a>' not in page

    client.force_login(other)
    page = client.get(url).content.decode()
    assert f'<a href="{flag_url}">Flag</a>' in page
    assert "post__flagged" not in page
