"""Flags on posts and their review: members flag, thresholds hide at once, reviewers decide.

A post flagged as spam by SPAM_FLAGS_TO_HIDE members, or by one member whose flags count
at once (permissions.flag_hides_spam_at_once), and a post flagged for personal data, is
held: hidden with the public reason HELD_FOR_REVIEW until a reviewer decides. Posts of the
support team are never held by flags alone; the queue shows their flags like any other.
"""

from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from community.audit import AGREED_WITH_FLAGS, HELD_FOR_REVIEW, HOLD_REASONS, record_action
from community.models import (
    AuditAction,
    Flag,
    FlagReason,
    FlagStatus,
    Member,
    NotificationKind,
    Post,
    Thread,
)
from community.models.flags import MEMBER_REASONS
from community.permissions import flag_hides_spam_at_once
from community.selectors import review_queue_changed
from community.services.notices import notify
from community.services.posts import delete_post, hide_post, hold_post, unhide_post
from community.services.ratelimits import check_flag_rate
from community.signals import flags_resolved, post_flagged

# Spam flags from this many members hide a post at once.
SPAM_FLAGS_TO_HIDE = 3


class ReviewAction:
    """What agreeing does to the post. Editing and moving happen on their own pages; the
    reviewer agrees afterwards without an action."""

    HIDE = "hide"
    DELETE = "delete"
    CHOICES = (HIDE, DELETE)


@transaction.atomic
def flag_post(
    *,
    post: Post,
    by: Member,
    reason: str,
    note: str = "",
    duplicate_of: Thread | None = None,
) -> Flag:
    """`by` flags `post` (once per post: a second try raises ValidationError with the code
    "already_flagged"). Spam flags reaching their threshold and personal-data flags hold
    the post (``post_hidden``, audited with the flag). Emits ``post_flagged``.

    Holds the post's row lock while it counts, so parallel flags cannot both miss the
    threshold."""
    reason = _clean_reason(reason)
    note = " ".join((note or "").split())[:500]
    if reason == FlagReason.OTHER and not note:
        raise ValidationError(_("Tell the moderators what is wrong with this post."), code="note")
    if reason == FlagReason.DUPLICATE:
        if duplicate_of is None:
            raise ValidationError(_("Name the thread this one duplicates."), code="duplicate_of")
        if duplicate_of.pk == post.thread_id:
            raise ValidationError(_("A thread cannot duplicate itself."), code="duplicate_of")
    else:
        duplicate_of = None
    current = Post.objects.select_for_update(no_key=True).get(pk=post.pk)
    if Flag.objects.filter(post=current, reporter=by).exists():
        raise _already_flagged()
    check_flag_rate(member=by)
    try:
        with transaction.atomic():  # a parallel second flag of the same member
            flag = Flag.objects.create(
                post=current, reporter=by, reason=reason, note=note, duplicate_of=duplicate_of
            )
    except IntegrityError:
        raise _already_flagged() from None
    review_queue_changed()
    post_flagged.send(sender=Post, post=post, flag=flag, by=by)
    if _flag_holds(post=current, flag=flag, by=by):
        hold_post(post=post, by=by, reason=HELD_FOR_REVIEW, flag=flag.pk, flag_reason=reason)
    return flag


def _clean_reason(reason: str) -> FlagReason:
    if reason not in MEMBER_REASONS:
        raise ValidationError(_("Choose why you flag this post."), code="reason")
    return FlagReason(reason)


def _already_flagged() -> ValidationError:
    return ValidationError(_("You have flagged this post already."), code="already_flagged")


def _flag_holds(*, post: Post, flag: Flag, by: Member) -> bool:
    if post.hidden_at is not None or post.is_official:
        return False
    if flag.reason == FlagReason.PERSONAL_DATA:
        return True
    if flag.reason != FlagReason.SPAM:
        return False
    if flag_hides_spam_at_once(by):
        return True
    spam_flags = Flag.objects.pending().filter(
        post=post, reason=FlagReason.SPAM, reporter__isnull=False
    )
    return spam_flags.count() >= SPAM_FLAGS_TO_HIDE


# --- review -------------------------------------------------------------------------------


@transaction.atomic
def resolve_flags(
    *, post: Post, by: Member, decision: str, action: str | None = None, reason: str = ""
) -> list[Flag]:
    """Decide on every pending flag of `post`; returns the flags resolved.

    - agreed: with ``action`` "hide" the post is hidden (`reason`, else AGREED_WITH_FLAGS,
      is shown publicly; a post the flags held keeps hidden with that reason), with
      "delete" it is deleted as spam; without an action the reviewer fixed it on the edit
      or move page, and a post the flags or the spam rules held is shown again;
    - disagreed: a post held by flags or the spam rules, or hidden and edited since, is
      shown again (approving a new member's held post);
    - ignored: the flags leave the queue, the post stays as it is.

    Writes one audit row, tells every reporter in their notification centre and emits
    ``flags_resolved``. With no pending flag (a double click) nothing changes: [].
    """
    decision = FlagStatus(decision)
    if decision == FlagStatus.PENDING:
        raise ValueError("decide agreed, disagreed or ignored")
    if action is not None and (decision != FlagStatus.AGREED or action not in ReviewAction.CHOICES):
        raise ValueError(f"no action {action!r} when the decision is {decision}")
    reason = " ".join((reason or "").split())[:200]
    current = Post.objects.select_for_update(no_key=True).get(pk=post.pk)
    flags = list(
        Flag.objects.pending()
        .filter(post=current)
        .select_related("reporter")
        .select_for_update(of=("self",))  # reporter is a nullable join: lock the flags only
    )
    if not flags:
        return []
    was_held = current.hidden_at is not None and current.hidden_reason in HOLD_REASONS
    edited_after_hiding = any(flag.reason == FlagReason.EDITED_AFTER_HIDING for flag in flags)
    now = timezone.now()
    for flag in flags:
        flag.status, flag.resolved_by, flag.resolved_at = decision, by, now
    Flag.objects.bulk_update(flags, ["status", "resolved_by", "resolved_at"])
    review_queue_changed()
    if decision == FlagStatus.AGREED and action == ReviewAction.HIDE:
        _hide_for_good(post=post, current=current, by=by, reason=reason or AGREED_WITH_FLAGS)
    elif decision == FlagStatus.AGREED and action == ReviewAction.DELETE:
        delete_post(post=post, by=by, reason="spam")
    elif (decision == FlagStatus.AGREED and was_held) or (
        decision == FlagStatus.DISAGREED and (was_held or edited_after_hiding)
    ):
        unhide_post(post=post, by=by)
    audit_action = {
        FlagStatus.AGREED: AuditAction.AGREE_FLAGS,
        FlagStatus.DISAGREED: AuditAction.DISAGREE_FLAGS,
        FlagStatus.IGNORED: AuditAction.IGNORE_FLAGS,
    }[decision]
    record_action(
        actor=by, action=audit_action, target=current, reason=reason,
        flags=[flag.pk for flag in flags], post_action=action or "",
        reasons=dict(Counter(flag.reason for flag in flags)),
    )  # fmt: skip
    _tell_reporters(post=current, flags=flags, decision=decision, by=by)
    flags_resolved.send(sender=Post, post=post, by=by, decision=str(decision), flags=flags)
    return flags


def _hide_for_good(*, post: Post, current: Post, by: Member, reason: str) -> None:
    """Hide `post` as a moderator; a post held until now keeps hidden with the reviewer's
    reason instead of the hold's (no second ``post_hidden``: it was hidden already)."""
    if current.hidden_at is None:
        hide_post(post=post, by=by, reason=reason)
        return
    if current.hidden_reason not in HOLD_REASONS:
        return
    Post.objects.filter(pk=current.pk).update(hidden_reason=reason)
    if current.is_opening:
        Thread.objects.filter(pk=current.thread_id).update(hidden_reason=reason)
    post.hidden_reason = reason


@dataclass(frozen=True)
class BulkResult:
    resolved: dict[int, list[Flag]]  # post id → its flags resolved (empty: nothing pending)


def resolve_flags_in_bulk(
    *, posts: list[Post], by: Member, decision: str, action: str | None = None, reason: str = ""
) -> BulkResult:
    """One decision for many posts (a spam wave): :func:`resolve_flags` for each, each in
    its own transaction, so one post's failure leaves the others decided."""
    return BulkResult(
        resolved={
            post.pk: resolve_flags(
                post=post, by=by, decision=decision, action=action, reason=reason
            )
            for post in posts
        }
    )


# --- telling the reporters ----------------------------------------------------------------

OUTCOME_TEXTS = {
    FlagStatus.AGREED: gettext_noop(
        "Thank you: the moderators agreed with your flag on a post in “%(title)s”."
    ),
    FlagStatus.DISAGREED: gettext_noop(
        "The moderators reviewed your flag on a post in “%(title)s” and left the post as it is."
    ),
    FlagStatus.IGNORED: gettext_noop(
        "The moderators reviewed your flag on a post in “%(title)s”; nothing needed to change."
    ),
}


def _tell_reporters(*, post: Post, flags: list[Flag], decision: FlagStatus, by: Member) -> None:
    """One entry per reporter (the reviewer is not told of their own decision). The texts
    are stored in every language: the post may be gone from the reporter's view later."""
    title = Thread.objects.filter(pk=post.thread_id).values_list("title", flat=True).first()
    texts = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            texts[language] = _(OUTCOME_TEXTS[decision]) % {"title": title}
    for flag in flags:
        if flag.reporter is not None and flag.reporter_id != by.pk:
            notify(
                member=flag.reporter,
                kind=NotificationKind.FLAG_RESOLVED,
                post=post,
                data={"decision": str(decision), "flag": flag.pk, "text": texts},
            )
