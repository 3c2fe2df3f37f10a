"""Private messages to the support team: the way out when a text holds personal data.

A member writes to the support team instead of in public; staff reply in the same
conversation. Nothing here is public: cases are listed only to their author and staff,
never indexed for search. E-mails say that there is something to read and link to it;
they never carry the text or the title, which may hold the personal data that brought
the member here.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from community.audit import record_action
from community.i18n import in_every_language
from community.markdown import render_markdown
from community.models import (
    AuditAction,
    CaseMessage,
    CaseStatus,
    Escalation,
    Member,
    NotificationKind,
    Space,
    SupportCase,
    Thread,
)
from community.outbox import enqueue
from community.services.notices import notify
from community.services.text import clean_post_body
from community.signals import case_closed, case_opened, case_replied
from community.site import absolute_url

MAX_CASE_TITLE_LENGTH = 200


def case_title_for_thread(thread: Thread) -> str:
    """The title of a private message written instead of an answer to `thread`."""
    return (_("About: %(title)s") % {"title": thread.title})[:MAX_CASE_TITLE_LENGTH]


def _clean_case_title(title: str) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise ValidationError(_("Give your message a title."), code="required")
    return title[:MAX_CASE_TITLE_LENGTH]


def support_team() -> list[Member]:
    return list(Member.objects.filter(is_staff=True, is_active=True).order_by("pk"))


def _tell_support_team(*, case: SupportCase, by: Member) -> None:
    text = in_every_language(
        gettext_noop("%(name)s wrote privately to the support team"), name=by.public_name
    )
    for member in support_team():
        notify(
            member=member, kind=NotificationKind.CASE_OPENED, actor=by,
            url=case.get_absolute_url(), data={"text": text}, group_key=f"case:{case.pk}",
        )  # fmt: skip
    enqueue("community.notify_case_message", {"case_id": case.pk, "by_id": by.pk})


def _add_message(*, case: SupportCase, by: Member, body: str, now) -> CaseMessage:
    return CaseMessage.objects.create(
        case=case, author=by, body=body, body_html=render_markdown(body), created_at=now
    )


@transaction.atomic
def open_private_case(
    *,
    by: Member,
    title: str,
    body: str,
    space: Space | None = None,
    thread: Thread | None = None,
) -> SupportCase:
    """Start a private conversation between `by` and the support team.

    Personal data is allowed (nobody else reads it). Every staff member finds it in
    their notification centre and by e-mail (through the outbox). Emits ``case_opened``."""
    title = _clean_case_title(title)
    body = clean_post_body(body)
    now = timezone.now()
    case = SupportCase.objects.create(
        author=by, title=title, space=space, thread=thread, created_at=now, updated_at=now
    )
    message = _add_message(case=case, by=by, body=body, now=now)
    _tell_support_team(case=case, by=by)
    case_opened.send(sender=SupportCase, case=case, message=message, by=by)
    return case


@transaction.atomic
def open_case_for_member(*, member: Member, by: Member, body: str, thread: Thread) -> SupportCase:
    """Staff (`by`) start a private conversation with `member` about `thread`, with the
    first message; the member finds it in the notification centre and by e-mail.
    Emits ``case_opened``. Callers check that `by` is staff (community.escalation.desk)."""
    body = clean_post_body(body)
    now = timezone.now()
    case = SupportCase.objects.create(
        author=member, title=case_title_for_thread(thread), space=thread.space, thread=thread,
        status=CaseStatus.ANSWERED, created_at=now, updated_at=now,
    )  # fmt: skip
    message = _add_message(case=case, by=by, body=body, now=now)
    notify(
        member=member, kind=NotificationKind.CASE_REPLIED, actor=by,
        url=case.get_absolute_url(), group_key=f"case:{case.pk}",
        data={"text": in_every_language(gettext_noop("The support team wrote to you privately"))},
    )  # fmt: skip
    enqueue("community.notify_case_message", {"case_id": case.pk, "by_id": by.pk})
    case_opened.send(sender=SupportCase, case=case, message=message, by=by)
    return case


@transaction.atomic
def reply_to_case(*, case: SupportCase, by: Member, body: str) -> CaseMessage:
    """Add `by`'s message to `case` (its author or staff; callers check).

    A staff reply marks the case answered and tells the author (notification centre and
    e-mail); the author's reply opens it again and tells the support team. A case opened
    from an escalation records the reply on it (community.escalation.desk). Locks the
    case's row. Emits ``case_replied`` (inside the transaction: the desk's receiver puts
    the reply on a linked escalation's timeline)."""
    body = clean_post_body(body)
    current = SupportCase.objects.select_for_update(no_key=True).get(pk=case.pk)
    now = timezone.now()
    message = _add_message(case=current, by=by, body=body, now=now)
    by_author = by.pk == current.author_id
    case.status = CaseStatus.OPEN if by_author else CaseStatus.ANSWERED
    case.updated_at = now
    case.save(update_fields=["status", "updated_at"])
    if by_author:
        _tell_support_team(case=case, by=by)
    else:
        notify(
            member=case.author, kind=NotificationKind.CASE_REPLIED, actor=by,
            url=case.get_absolute_url(), group_key=f"case:{case.pk}",
            data={"text": in_every_language(gettext_noop("The support team replied to your private message"))},
        )  # fmt: skip
        enqueue("community.notify_case_message", {"case_id": case.pk, "by_id": by.pk})
    case_replied.send(sender=SupportCase, case=case, message=message, by=by)
    return message


@transaction.atomic
def close_case(*, case: SupportCase, by: Member) -> SupportCase:
    """Mark `case` closed (its author or staff). Staff closing a member's case is audited.
    Closing a closed case changes nothing and announces nothing. Emits ``case_closed``."""
    current = SupportCase.objects.select_for_update(no_key=True).get(pk=case.pk)
    if current.status == CaseStatus.CLOSED:
        case.status = CaseStatus.CLOSED
        return case
    case.status = CaseStatus.CLOSED
    case.updated_at = timezone.now()
    case.save(update_fields=["status", "updated_at"])
    if by.pk != case.author_id:
        record_action(actor=by, action=AuditAction.CLOSE_CASE, target=case)
    case_closed.send(sender=SupportCase, case=case, by=by)
    return case


# --- e-mails (called by the worker) ----------------------------------------------------------


def notify_case_message(*, case_id: int, by_id: int) -> int:
    """E-mail who has news in case `case_id` after `by_id` wrote: the support team when the
    author wrote, the author when staff did. Safe to run twice (one e-mail per message).
    The e-mail links to the case; it does not quote it."""
    from community.services.notifications import _send as send_notification_email

    case = SupportCase.objects.select_related("author").filter(pk=case_id).first()
    if case is None:
        return 0
    latest = case.messages.filter(author_id=by_id).order_by("-created_at", "-pk").first()
    if latest is None:
        return 0
    context = {"case": case, "url": absolute_url(case.get_absolute_url())}
    if by_id == case.author_id:
        if Escalation.objects.filter(case_id=case.pk).exists():
            # The escalation's timeline tells the team ("The customer replied", with its
            # priority and the desk's link): a second e-mail about the same reply is noise.
            return 0
        recipients = [member for member in support_team() if member.pk != by_id]
        template = "community/email/case_opened"
    else:
        recipients = [case.author]
        first = case.messages.order_by("created_at", "pk").values_list("pk", flat=True).first()
        # Staff opened the conversation (from an escalation): "wrote to you", not "replied".
        started = first == latest.pk
        template = f"community/email/{'case_started' if started else 'case_replied'}"
    sent = 0
    for member in recipients:
        sent += send_notification_email(
            member=member, key=f"case:{latest.pk}", template=template, context=context,
            follow=None,
        )  # fmt: skip
    return sent
