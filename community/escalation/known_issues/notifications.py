"""Known issues: telling everyone affected of an update (called by the worker through
the task community.notify_known_issue_update). See the package's docstring."""

from django.urls import reverse
from django.utils.translation import gettext_noop

from community.i18n import in_every_language
from community.models import (
    EmailKind,
    KnownIssue,
    KnownIssueStatus,
    KnownIssueUpdate,
    Member,
    MeToo,
    NotificationKind,
    NotificationPreference,
    Thread,
    ThreadFollow,
)
from community.site import absolute_url


def affected_members(known_issue: KnownIssue) -> dict[int, int]:
    """Who hears of the known issue's news: member id → the thread their e-mail's
    unsubscribe link stops following (the status post if they follow it, else a linked
    thread they follow, else one they said "me too" on). Two queries."""
    thread_ids = [known_issue.thread_id, *Thread.objects.filter(
        linked_known_issue=known_issue).values_list("pk", flat=True)]  # fmt: skip
    members: dict[int, int] = {}
    follows = ThreadFollow.objects.filter(thread_id__in=thread_ids).values_list(
        "member_id", "thread_id"
    )
    for member_id, thread_id in sorted(
        follows, key=lambda row: (row[1] != known_issue.thread_id, row[1])
    ):
        members.setdefault(member_id, thread_id)
    for member_id, thread_id in MeToo.objects.filter(thread_id__in=thread_ids).values_list(
        "member_id", "thread_id"
    ):
        members.setdefault(member_id, thread_id)
    return members


def notify_known_issue_update(*, update_id: int) -> int:
    """Tell everyone affected by the update's known issue (``affected_members``) once:
    an entry in their notification centre, and an e-mail in their language unless they
    switched off e-mails about new answers on threads they follow (an update is an
    official answer on the status post). Safe to run twice. Returns e-mails queued."""
    from community.services.notices import notify_once
    from community.services.notifications import _send as send_notification_email

    update = (
        KnownIssueUpdate.objects.select_related("known_issue__thread", "author", "post")
        .filter(pk=update_id)
        .first()
    )
    if update is None or not update.known_issue.thread.is_public:
        return 0
    known_issue, thread = update.known_issue, update.known_issue.thread
    affected = affected_members(known_issue)
    affected.pop(update.author_id, None)
    members = list(Member.objects.filter(pk__in=affected, is_active=True).order_by("pk"))
    status = KnownIssueStatus(update.status)
    if status == KnownIssueStatus.FIXED:
        message = gettext_noop("Fixed: the known issue “%(title)s”")
    else:
        message = gettext_noop("News of the known issue “%(title)s”: %(status)s")
    texts = in_every_language(message, title=thread.title, status=status.label)
    notify_once(
        members=members,
        kind=NotificationKind.KNOWN_ISSUE,
        group_key=f"known_issue_update:{update.pk}",
        actor=update.author,
        thread=thread,
        data={"text": texts, "status": update.status},
    )
    declining = set(
        NotificationPreference.objects.declining(EmailKind.NEW_ANSWER)
        .filter(member__in=[member.pk for member in members])
        .values_list("member_id", flat=True)
    )
    url = absolute_url(update.post.get_absolute_url() if update.post else thread.get_absolute_url())
    context = {
        "known_issue": known_issue,
        "thread": thread,
        "update": update,
        "url": url,
        "status_url": absolute_url(reverse("community:status")),
    }
    sent = 0
    for member in members:
        if member.pk in declining:
            continue
        sent += send_notification_email(
            member=member,
            key=f"known_issue_update:{update.pk}",
            template="community/email/known_issue_update",
            context=context,
            follow=("thread", affected[member.pk]),
        )
    return sent
