"""Invitations by e-mail: a member (trust level 2 and up, community.permissions) asks
someone to join the community, perhaps to help with one thread.

The invitee's address is personal data of someone who agreed to nothing. It is stored
only while the invitation is pending: accepting, revoking and expiring erase it (a
database constraint holds to that), and it is never shown to anyone but the inviter.
The e-mail carries a signed link that expires after INVITATION_DAYS and works once:
opening it changes nothing; "Join" leads to the sign-up form with the address filled
in, and signing up with that address accepts the invitation (community.adapters).
"""

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from community.emails import RenderedEmail, queue_email, render_email
from community.i18n import in_every_language
from community.models import Invitation, InvitationStatus, Member, NotificationKind, Thread
from community.outbox import enqueue
from community.permissions import is_invitable_thread
from community.services.notices import notify
from community.services.ratelimits import check_invitation_rate
from community.signals import invitation_accepted, invitation_revoked, invitation_sent
from community.site import absolute_url

INVITATION_SALT = "community.invitation"
# How long the link in the e-mail works.
INVITATION_DAYS = 14
MAX_MESSAGE_LENGTH = 1000


class InvitationUnavailable(Exception):
    """The link names no invitation that can still be accepted; ``reason`` says why:
    "invalid" (tampered with or unknown), "expired", "accepted" or "revoked"."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


# --- the link ------------------------------------------------------------------------------


def invitation_token(invitation: Invitation) -> str:
    """The signed, timestamped token of `invitation`'s link."""
    return signing.dumps(invitation.pk, salt=INVITATION_SALT)


def invitation_url(invitation: Invitation) -> str:
    """The link in the e-mail, on the public address."""
    token = invitation_token(invitation)
    return absolute_url(reverse("community:invitation", kwargs={"token": token}))


def pending_invitation_for_token(token: str) -> Invitation:
    """The pending invitation `token` names, with its inviter and thread. Raises
    :class:`InvitationUnavailable` when the token was tampered with, is older than
    INVITATION_DAYS, or its invitation was accepted, revoked or has expired."""
    try:
        pk = signing.loads(token, salt=INVITATION_SALT, max_age=timedelta(days=INVITATION_DAYS))
    except signing.SignatureExpired:
        raise InvitationUnavailable("expired") from None
    except signing.BadSignature:
        raise InvitationUnavailable("invalid") from None
    if not isinstance(pk, int):
        raise InvitationUnavailable("invalid")
    invitation = (
        Invitation.objects.select_related("inviter", "thread", "thread__space")
        .filter(pk=pk)
        .first()
    )
    if invitation is None:
        raise InvitationUnavailable("invalid")
    if invitation.status == InvitationStatus.PENDING and invitation.expires_at <= timezone.now():
        raise InvitationUnavailable("expired")
    if invitation.status != InvitationStatus.PENDING:
        raise InvitationUnavailable(invitation.status)
    return invitation


def invited_thread(invitation: Invitation) -> Thread | None:
    """The thread the invitation leads to, while anyone may still read it."""
    thread = invitation.thread
    if thread is None or not is_invitable_thread(None, thread):
        return None
    return thread


# --- checks ----------------------------------------------------------------------------------


def clean_invitation_address(email: str) -> str:
    """The address as stored (trimmed, lower case, as allauth stores addresses); raises
    ValidationError when it is not an e-mail address."""
    email = (email or "").strip()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError(_("Enter a valid e-mail address."), code="invalid") from None
    return email.lower()


def clean_invitation_message(message: str) -> str:
    message = (message or "").strip()
    if len(message) > MAX_MESSAGE_LENGTH:
        raise ValidationError(
            _("Keep the message under %(limit)s characters (it has %(count)s).")
            % {"limit": MAX_MESSAGE_LENGTH, "count": len(message)},
            code="max_length",
        )
    return message


def belongs_to_a_member(email: str) -> bool:
    """Whether any account (active or not) has `email`, confirmed or not, in any case."""
    return (
        EmailAddress.objects.filter(email__iexact=email).exists()
        or Member.objects.filter(email__iexact=email).exists()
    )


# --- writes ----------------------------------------------------------------------------------


@transaction.atomic
def send_invitation(
    *, by: Member, email: str, thread: Thread | None = None, message: str = ""
) -> Invitation:
    """Invite `email` to join, to `thread` when given, with `by`'s optional `message`.

    Callers check ``check_invite_permission``. Raises ValidationError (the field's error)
    for an address that is no e-mail address, that already belongs to a member, or that
    `by` invited before and whose invitation still waits; RateLimited past the daily count
    (``Limits.invitations_per_day``, counted here, in the transaction). The e-mail goes out
    after commit through the outbox, in `by`'s language. Emits ``invitation_sent``."""
    email = clean_invitation_address(email)
    message = clean_invitation_message(message)
    if belongs_to_a_member(email):
        raise ValidationError(
            _("This address already belongs to a member of the community."), code="member"
        )
    now = timezone.now()
    earlier = Invitation.objects.pending().filter(inviter=by, email=email).first()
    if earlier is not None and earlier.expires_at > now:
        raise ValidationError(
            _("You invited this address on %(date)s; that invitation is still waiting.")
            % {"date": date_format(timezone.localtime(earlier.created_at), "DATE_FORMAT")},
            code="already_invited",
        )
    if earlier is not None:  # expired, not yet swept: it goes the way the hourly task sends it
        _close(earlier, status=InvitationStatus.EXPIRED, now=now)
    check_invitation_rate(member=by)
    language = by.locale if by.locale in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    try:
        with transaction.atomic():
            invitation = Invitation.objects.create(
                inviter=by, email=email, thread=thread, message=message, language=language,
                created_at=now, expires_at=now + timedelta(days=INVITATION_DAYS),
            )  # fmt: skip
    except IntegrityError:  # the same address, sent twice at once
        raise ValidationError(
            _("You invited this address a moment ago; that invitation is still waiting."),
            code="already_invited",
        ) from None
    enqueue("community.send_invitation", {"invitation_id": invitation.pk})
    invitation_sent.send(sender=Invitation, invitation=invitation, by=by)
    return invitation


def _close(invitation: Invitation, *, status: InvitationStatus, now, member=None) -> None:
    """No longer pending: the address goes with it."""
    invitation.status = status
    invitation.email = ""
    invitation.closed_at = now
    invitation.accepted_by = member
    invitation.save(update_fields=["status", "email", "closed_at", "accepted_by"])


@transaction.atomic
def revoke_invitation(*, invitation: Invitation, by: Member) -> Invitation:
    """Withdraw a pending invitation (its link stops working; the address is erased).
    Callers check ``check_revoke_invitation_permission``. Locks the row; an invitation
    that is no longer pending stays as it is and nothing is sent. Emits
    ``invitation_revoked``."""
    current = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if current.status != InvitationStatus.PENDING:
        return current
    _close(current, status=InvitationStatus.REVOKED, now=timezone.now())
    invitation_revoked.send(sender=Invitation, invitation=current, by=by)
    return current


@transaction.atomic
def accept_invitation(*, invitation: Invitation, by: Member) -> Invitation:
    """`by`, who has just signed up with the invited address, accepts `invitation`: they are
    recorded as invited by its inviter, the inviter finds it in their notifications, and
    the address is erased (as is every other pending invitation to it: the address now
    belongs to a member). Locks the row. Nothing changes, and nothing is sent, when the
    invitation is no longer pending, has expired, or `by`'s address is another one.
    Emits ``invitation_accepted``."""
    current = Invitation.objects.select_for_update().select_related("inviter").get(pk=invitation.pk)
    now = timezone.now()
    address = current.email
    if (
        current.status != InvitationStatus.PENDING
        or current.expires_at <= now
        or not by.email
        or by.email.lower() != address
    ):
        return current
    _close(current, status=InvitationStatus.ACCEPTED, now=now, member=by)
    Invitation.objects.pending().filter(email=address).update(
        status=InvitationStatus.EXPIRED, email="", closed_at=now
    )
    if by.invited_by_id is None:
        by.invited_by = current.inviter
        by.save(update_fields=["invited_by"])
    notify(
        member=current.inviter, kind=NotificationKind.INVITATION_ACCEPTED, actor=by,
        url=by.get_absolute_url(), group_key=f"invitation:{current.pk}",
        data={"text": in_every_language(
            gettext_noop("%(name)s accepted your invitation and joined the community"),
            name=by.public_name,
        )},
    )  # fmt: skip
    invitation_accepted.send(sender=Invitation, invitation=current, member=by, by=by)
    return current


def expire_invitations() -> int:
    """Close pending invitations whose link has expired, or whose address has meanwhile
    joined without it (the link could only ask them to sign in), and erase their addresses;
    returns how many (hourly task). Sends nothing: nobody acted."""
    now = timezone.now()
    address_joined = Exists(EmailAddress.objects.filter(email__iexact=OuterRef("email"))) | Exists(
        Member.objects.filter(email__iexact=OuterRef("email"))
    )
    return (
        Invitation.objects.pending()
        .filter(Q(expires_at__lte=now) | address_joined)
        .update(status=InvitationStatus.EXPIRED, email="", closed_at=now)
    )


# --- the e-mail (the send-invitation task) ---------------------------------------------------


INVITATION_TEMPLATE = "community/email/invitation"


def render_invitation_email(invitation: Invitation) -> RenderedEmail:
    """The invitation's e-mail in the language the inviter used when they sent it."""
    return render_email(
        subject_template=f"{INVITATION_TEMPLATE}_subject.txt",
        text_template=f"{INVITATION_TEMPLATE}_body.txt",
        html_template=f"{INVITATION_TEMPLATE}_body.html",
        context={
            "invitation": invitation,
            "inviter": invitation.inviter,
            "thread": invited_thread(invitation),
            "url": invitation_url(invitation),
            "days": INVITATION_DAYS,
        },
        language=invitation.language,
    )


def email_invitation(*, invitation_id: int) -> bool:
    """Queue the invitation's e-mail, in the inviter's language, unless it went out before or
    the invitation is no longer pending (revoked before the worker got to it). Safe to run
    twice: ``sent_at`` is set in the transaction that writes the outbox message."""
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update(of=("self",))
            .select_related("inviter", "thread", "thread__space")
            .filter(pk=invitation_id)
            .first()
        )
        if invitation is None or invitation.sent_at is not None:
            return False
        if invitation.status != InvitationStatus.PENDING:
            return False
        email = render_invitation_email(invitation)
        queue_email(email, to=invitation.email)
        invitation.sent_at = timezone.now()
        invitation.save(update_fields=["sent_at"])
    return True
