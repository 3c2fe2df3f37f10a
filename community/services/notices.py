"""The notification centre (the bell): the one way any app writes to it.

E-mail notifications live in ``community.services.notifications``; this module keeps the
in-site list every member reads at /notifications/.
"""

from collections.abc import Iterable, Mapping

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from community.markdown import mentioned_usernames
from community.models import (
    EmailKind,
    Member,
    Notification,
    NotificationKind,
    NotificationPreference,
    Post,
    Thread,
)


def notify(
    *,
    member: Member,
    kind: NotificationKind | str,
    actor: Member | None = None,
    thread: Thread | None = None,
    post: Post | None = None,
    url: str = "",
    data: dict | None = None,
    group_key: str = "",
) -> Notification | None:
    """Put an entry in `member`'s notification centre; returns it, or None when nothing
    was written (members are not told about their own actions, nor inactive members).

    The page builds community's own kinds' texts from the rows. Other apps give theirs in
    `data` as ``{"text": {"en": "…", "de": "…"}}``: the reader's language is shown, else
    English, else the kind's label.

    With `group_key`, an unread entry of the same group is counted up instead ("5 people
    found your answer helpful"): it moves to the top with the latest `actor`. Safe inside
    the caller's transaction and against a concurrent call for the same group (a partial
    unique constraint keeps one unread entry per group).
    """
    if not member.is_active or (actor is not None and actor.pk == member.pk):
        return None
    now = timezone.now()
    fields = {
        "kind": NotificationKind(kind),
        "actor": actor,
        "thread": thread if thread is not None else (post.thread if post is not None else None),
        "post": post,
        "url": url,
        "data": dict(data or {}),
    }
    if group_key:
        grouped = _count_up(member=member, group_key=group_key, now=now, fields=fields)
        if grouped is not None:
            return grouped
        try:
            with transaction.atomic():
                return Notification.objects.create(
                    recipient=member, group_key=group_key, created_at=now, **fields
                )
        except IntegrityError:  # a concurrent call opened the group first
            return _count_up(member=member, group_key=group_key, now=now, fields=fields)
    return Notification.objects.create(recipient=member, created_at=now, **fields)


def _count_up(*, member: Member, group_key: str, now, fields: dict) -> Notification | None:
    unread = Notification.objects.unread().filter(recipient=member, group_key=group_key)
    updated = unread.update(
        count=F("count") + 1, created_at=now, actor=fields["actor"], data=fields["data"]
    )
    return unread.first() if updated else None


def unread_count(member) -> int:
    """The number on the bell: one query."""
    if not (member and member.is_authenticated):
        return 0
    return Notification.objects.unread().filter(recipient=member).count()


def mark_read(*, notifications, by: Member) -> int:
    """Mark `by`'s entries among `notifications` read; returns how many changed."""
    return (
        Notification.objects.unread()
        .filter(recipient=by, pk__in=[n.pk for n in notifications])
        .update(read_at=timezone.now())
    )


def mark_all_read(*, by: Member) -> int:
    return Notification.objects.unread().filter(recipient=by).update(read_at=timezone.now())


# One post tells at most this many of the members it mentions (the first ones named), in the
# centre and by e-mail.
MAX_MENTIONS_NOTIFIED = 10


def notify_once(
    *, members: Iterable[Member], kind: NotificationKind | str, group_key: str, **fields
) -> int:
    """`notify` each of `members` who never had an entry of `group_key`, read or not: for
    tasks that may run twice (a retried or re-sent outbox message). Returns how many were
    written. Two runs at the same moment still leave one entry each (the group's unique
    constraint); its count may then say 2, which texts that do not count never show."""
    members = list(members)
    told = set(
        Notification.objects.filter(
            group_key=group_key, recipient__in=[member.pk for member in members]
        ).values_list("recipient_id", flat=True)
    )
    written = 0
    for member in members:
        if member.pk not in told:
            written += notify(member=member, kind=kind, group_key=group_key, **fields) is not None
    return written


def notify_answer_posted(*, answer: Post) -> None:
    """Tell the asker about a new answer and the members it mentions (an asker who is also
    mentioned hears of it once, as the asker). Call inside the answer's transaction."""
    thread = answer.thread
    notify(member=thread.author, kind=NotificationKind.NEW_ANSWER, actor=answer.author, post=answer)
    notify_mentions(post=answer, skip={thread.author_id})


def mentioned_members(post: Post) -> list[Member]:
    """The first MAX_MENTIONS_NOTIFIED active members `post` mentions, in the order named."""
    names = mentioned_usernames(post.body)
    if not names:
        return []
    text = post.body.lower()
    members = sorted(
        Member.objects.active_named(names),
        key=lambda member: (text.find(f"@{member.username.lower()}"), member.pk),
    )
    return members[:MAX_MENTIONS_NOTIFIED]


def notify_mentions(*, post: Post, skip: set[int] = frozenset()) -> int:
    """An entry for each member `post` mentions (the first MAX_MENTIONS_NOTIFIED named)."""
    written = 0
    for member in mentioned_members(post):
        if member.pk not in skip:
            entry = notify(
                member=member, kind=NotificationKind.MENTION, actor=post.author, post=post
            )
            written += entry is not None
    return written


# --- e-mail preferences -----------------------------------------------------------------------


def email_preferences(member: Member) -> dict[str, bool]:
    """Every e-mail kind with whether `member` gets it (on unless switched off)."""
    stored = dict(NotificationPreference.objects.filter(member=member).values_list("kind", "email"))
    return {kind: stored.get(kind, True) for kind in EmailKind.values}


@transaction.atomic
def set_email_preferences(*, member: Member, choices: Mapping[str, bool]) -> None:
    """Store `member`'s on/off choice for each e-mail kind in `choices` (unknown kinds are
    ignored). One statement whatever was stored before."""
    rows = [
        NotificationPreference(member=member, kind=kind, email=bool(choices[kind]))
        for kind in EmailKind.values
        if kind in choices
    ]
    NotificationPreference.objects.bulk_create(
        rows, update_conflicts=True, unique_fields=["member", "kind"], update_fields=["email"]
    )
