"""E-mails to followers, voters and mentioned members. Called by tasks in the worker.

Each e-mail is rendered in the recipient's language and time zone, as text and as
branded HTML (community.emails), and an e-mail about something the member follows
carries a signed unsubscribe link that works without signing in. A SentNotification
row per (member, event) makes every function safe to run twice; it is written in
the same transaction as the outbox message that sends the e-mail, and the SMTP
conversation happens later in the send-e-mail task, outside any transaction.

A member who switched an e-mail kind off (``NotificationPreference``) is left out of its
recipients; the in-site notification centre (community.services.notices) records anyway.
"""

import logging

from django.core import signing
from django.db import transaction
from django.urls import reverse

from community.emails import RenderedEmail, queue_email, render_email
from community.markdown import excerpt
from community.models import (
    EmailKind,
    HelpfulVote,
    IdeaStatusChange,
    KnownIssueUpdate,
    Member,
    MeToo,
    NotificationKind,
    NotificationPreference,
    Post,
    SentNotification,
    SpaceFollow,
    TagFollow,
    Thread,
    ThreadFollow,
    ThreadKind,
)
from community.services.notices import mentioned_members, notify_once
from community.site import absolute_url

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "community.unsubscribe"
# What a member can follow, and so stop following from an e-mail's link.
FOLLOW_KINDS = ("thread", "space", "tag")


def unsubscribe_token(*, member: Member, kind: str, target_id: int = 0) -> str:
    """A token that stops `member` following a thread, space or tag (a FOLLOW_KINDS kind,
    with its id), or switches off an e-mail kind (an EmailKind value; no id)."""
    return signing.dumps({"m": member.pk, "k": kind, "id": target_id}, salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token: str) -> dict:
    """The token's contents; raises signing.BadSignature when it was tampered with."""
    data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    if data.get("k") not in (*FOLLOW_KINDS, *EmailKind.values):
        raise signing.BadSignature("unknown kind")
    return data


def unsubscribe_url(*, member: Member, kind: str, target_id: int = 0) -> str:
    """The absolute address of the one-click link that `unsubscribe_token` makes."""
    token = unsubscribe_token(member=member, kind=kind, target_id=target_id)
    return absolute_url(reverse("community:unsubscribe", kwargs={"token": token}))


def unsubscribe_headers(url: str) -> dict[str, str]:
    """The headers that let a mail program offer the unsubscribe link (RFC 8058)."""
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def render_notification(
    *, member: Member, template: str, context: dict, unsubscribe_url: str | None
) -> RenderedEmail:
    """The e-mail `template` (community/email/<name>) for `member`, in their language and
    time zone: ``_subject.txt``, ``_body.txt`` and ``_body.html``."""
    return render_email(
        subject_template=f"{template}_subject.txt",
        text_template=f"{template}_body.txt",
        html_template=f"{template}_body.html",
        context={**context, "member": member, "unsubscribe_url": unsubscribe_url},
        language=member.locale,
        time_zone=member.time_zone,
    )


def _send(
    *, member: Member, key: str, template: str, context: dict, follow: tuple[str, int] | None
) -> bool:
    """Queue one e-mail to `member` unless the notification `key` was queued for them before."""
    if not member.is_active or not member.email:
        return False
    link = None
    if follow is not None:
        kind, target_id = follow
        link = unsubscribe_url(member=member, kind=kind, target_id=target_id)
    email = render_notification(
        member=member, template=template, context=context, unsubscribe_url=link
    )
    headers = unsubscribe_headers(link) if link else {}
    with transaction.atomic():
        _, created = SentNotification.objects.get_or_create(member=member, key=key)
        if not created:
            return False  # already queued by an earlier run of this task
        queue_email(email, to=member.email, headers=headers)
    return True


def _declining(kind: EmailKind):
    """The ids of members who switched the e-mail `kind` off, as a subquery."""
    return NotificationPreference.objects.declining(kind).values("member_id")


def _thread_followers(thread: Thread, *, exclude: set[int], kind: EmailKind):
    return (
        Member.objects.filter(thread_follows__thread=thread, is_active=True)
        .exclude(pk__in=exclude)
        .exclude(pk__in=_declining(kind))
    )


def _notify_mentions(post: Post, *, already: set[int]) -> int:
    sent = 0
    members = mentioned_members(post)
    declining = set(
        NotificationPreference.objects.declining(EmailKind.MENTION)
        .filter(member__in=[member.pk for member in members])
        .values_list("member_id", flat=True)
    )
    for member in members:
        if member.pk in already or member.pk in declining:
            continue  # told about this post already, as a follower, or wants no such e-mail
        sent += _send(
            member=member,
            key=f"mention:{post.pk}",
            template="community/email/mention",
            context={
                "post": post,
                "thread": post.thread,
                "url": absolute_url(post.get_absolute_url()),
                "excerpt": excerpt(post.body_html, 400),
            },
            follow=None,
        )
    return sent


def notify_new_answer(*, post_id: int) -> int:
    post = Post.objects.select_related("thread", "author").filter(pk=post_id).first()
    if post is None or not post.is_visible or not post.thread.is_public:
        return 0
    if (
        post.is_official
        and post.thread.kind == ThreadKind.KNOWN_ISSUE
        and KnownIssueUpdate.objects.filter(post=post).exists()
    ):
        return 0  # a known issue's update: its own e-mail tells everyone affected
        # (community.escalation.known_issues.notify_known_issue_update)
    thread = post.thread
    context = {"post": post, "thread": thread, "url": absolute_url(post.get_absolute_url()),
               "excerpt": excerpt(post.body_html, 400)}  # fmt: skip
    sent, told = 0, {post.author_id}
    for member in _thread_followers(thread, exclude=told, kind=EmailKind.NEW_ANSWER):
        told.add(member.pk)
        sent += _send(member=member, key=f"answer:{post.pk}", template="community/email/new_answer",
                      context=context, follow=("thread", thread.pk))  # fmt: skip
    return sent + _notify_mentions(post, already=told)


def notify_solution(*, post_id: int, by_id: int) -> int:
    post = Post.objects.select_related("thread", "author").filter(pk=post_id).first()
    if post is None or post.thread.solution_id != post.pk or not post.thread.is_public:
        return 0
    thread = post.thread
    context = {"post": post, "thread": thread, "url": absolute_url(post.get_absolute_url()),
               "excerpt": excerpt(post.body_html, 400)}  # fmt: skip
    sent = 0
    for member in _thread_followers(thread, exclude={by_id}, kind=EmailKind.SOLUTION):
        sent += _send(member=member, key=f"solution:{thread.pk}:{post.pk}",
                      template="community/email/solution", context=context,
                      follow=("thread", thread.pk))  # fmt: skip
    return sent


def notify_new_thread(*, thread_id: int) -> int:
    """E-mail the followers of the thread's space and of its tags: one e-mail per member,
    however many of them the member follows (the space's followers are told first)."""
    thread = Thread.objects.select_related("space", "author").filter(pk=thread_id).first()
    if thread is None or not thread.is_public:
        return 0
    opening = thread.posts.filter(is_opening=True).first()
    context = {"thread": thread, "url": absolute_url(thread.get_absolute_url()),
               "excerpt": excerpt(opening.body_html, 400) if opening else ""}  # fmt: skip
    sent, told = 0, {thread.author_id}
    followers = Member.objects.filter(space_follows__space=thread.space_id, is_active=True).exclude(
        pk__in=_declining(EmailKind.NEW_THREAD)
    )
    for member in followers.exclude(pk__in=told):
        told.add(member.pk)
        sent += _send(member=member, key=f"thread:{thread.pk}", template="community/email/new_thread",
                      context=context, follow=("space", thread.space_id))  # fmt: skip
    tag_follows = (
        TagFollow.objects.filter(tag__threads=thread, member__is_active=True)
        .exclude(member_id__in=told)
        .exclude(member_id__in=_declining(EmailKind.NEW_THREAD))
        .select_related("member", "tag")
        .order_by("member_id", "tag__name")
    )
    for follow in tag_follows:
        if follow.member_id in told:
            continue  # follows several of the thread's tags: told about the first one
        told.add(follow.member_id)
        sent += _send(
            member=follow.member,
            key=f"thread:{thread.pk}",  # as the space's e-mail: never both, even run twice
            template="community/email/new_tagged_thread",
            context={**context, "tag": follow.tag},
            follow=("tag", follow.tag_id),
        )
    if opening:
        sent += _notify_mentions(opening, already=told)
    return sent


def notify_idea_status(*, change_id: int) -> int:
    """E-mail the members interested in an idea (followers, "me too"s, voters) about its new
    status, and put it in their notification centres: both once, however often this runs."""
    change = (
        IdeaStatusChange.objects.select_related("thread", "changed_by", "duplicate_of")
        .filter(pk=change_id)
        .first()
    )
    if change is None or not change.thread.is_public:
        return 0
    thread = change.thread
    interested = (
        set(ThreadFollow.objects.filter(thread=thread).values_list("member_id", flat=True))
        | set(MeToo.objects.filter(thread=thread).values_list("member_id", flat=True))
        | set(
            HelpfulVote.objects.filter(post__thread=thread, post__is_opening=True).values_list(
                "member_id", flat=True
            )
        )
    )
    interested.discard(change.changed_by_id)
    members = list(Member.objects.filter(pk__in=interested, is_active=True))
    notify_once(
        members=members,
        kind=NotificationKind.IDEA_STATUS,
        group_key=f"idea:{change.pk}",
        actor=change.changed_by,
        thread=thread,
        data={"status": change.status},
    )
    declining = set(
        NotificationPreference.objects.declining(EmailKind.IDEA_STATUS)
        .filter(member__in=interested)
        .values_list("member_id", flat=True)
    )
    context = {"change": change, "thread": thread, "url": absolute_url(thread.get_absolute_url())}
    sent = 0
    for member in (member for member in members if member.pk not in declining):
        sent += _send(member=member, key=f"idea:{change.pk}", template="community/email/idea_status",
                      context=context, follow=("thread", thread.pk))  # fmt: skip
    return sent


@transaction.atomic
def unsubscribe(*, token_data: dict) -> tuple[str, object | None]:
    """Stop the follow a token names, or switch off its e-mail kind. Returns (kind, thread,
    space or tag, or None)."""
    from community.models import Space, Tag

    member_id, kind, target_id = token_data["m"], token_data["k"], token_data["id"]
    if kind in EmailKind.values:
        NotificationPreference.objects.update_or_create(
            member_id=member_id, kind=kind, defaults={"email": False}
        )
        return kind, None
    if kind == "thread":
        ThreadFollow.objects.filter(member_id=member_id, thread_id=target_id).delete()
        return kind, Thread.objects.filter(pk=target_id).first()
    if kind == "tag":
        TagFollow.objects.filter(member_id=member_id, tag_id=target_id).delete()
        return kind, Tag.objects.filter(pk=target_id).first()
    SpaceFollow.objects.filter(member_id=member_id, space_id=target_id).delete()
    return kind, Space.objects.filter(pk=target_id).first()
