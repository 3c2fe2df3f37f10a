"""The notification centre (the bell): the one way any app writes to it.

E-mail notifications live in ``community.services.notifications``; this module keeps the
in-site list every member reads at /notifications/.
"""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from community.models import Member, Notification, NotificationKind, Post, Thread


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
