"""Invitations by e-mail: sending, the limits, the signed link, accepting, revoking, and the
address erased once an invitation is no longer pending."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail, signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from community.models import (
    Invitation,
    InvitationStatus,
    Limits,
    Notification,
    NotificationKind,
    OutboxMessage,
    TrustLevel,
)
from community.permissions import can, check_invite_permission
from community.services.invitations import (
    INVITATION_DAYS,
    INVITATION_SALT,
    InvitationUnavailable,
    accept_invitation,
    email_invitation,
    expire_invitations,
    invitation_token,
    pending_invitation_for_token,
    revoke_invitation,
    send_invitation,
)
from community.services.moderation import silence_member
from community.services.ratelimits import RateLimited
from community.signals import invitation_accepted, invitation_revoked, invitation_sent
from tests.factories import MemberFactory, StaffFactory, make_thread
from tests.rate_limits import use_community_rate_limits

ADDRESS = "friend@example.org"


@pytest.fixture
def inviter(db):
    return MemberFactory(
        username="inviter", display_name="Ines Inviter", trust_level=TrustLevel.MEMBER
    )


def _newcomer(email=ADDRESS):
    return MemberFactory(username="newcomer", email=email, display_name="Nora Newcomer")


# --- who may invite ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("level", "allowed"),
    [
        (TrustLevel.NEW, False),
        (TrustLevel.BASIC, False),
        (TrustLevel.MEMBER, True),
        (TrustLevel.REGULAR, True),
        (TrustLevel.LEADER, True),
    ],
)
def test_invite_members_is_unlocked_at_trust_level_member(db, level, allowed):
    assert can(MemberFactory(trust_level=level), "community.invite_members") is allowed


def test_staff_may_invite_whatever_their_level(db):
    assert can(StaffFactory(trust_level=TrustLevel.NEW), "community.invite_members")


def test_silenced_members_may_not_invite(inviter, staff):
    silence_member(member=inviter, by=staff, until=timezone.now() + timedelta(days=1), reason="x")
    inviter.refresh_from_db()
    assert not can(inviter, "community.invite_members")
    with pytest.raises(PermissionDenied):
        check_invite_permission(member=inviter)


def test_suspended_members_may_not_invite(inviter):
    inviter.suspended_until = timezone.now() + timedelta(days=1)
    assert not can(inviter, "community.invite_members")


def test_check_invite_permission_tells_a_basic_member_the_level_it_takes(db):
    with pytest.raises(PermissionDenied, match="Member"):
        check_invite_permission(member=MemberFactory(trust_level=TrustLevel.BASIC))


def test_nobody_is_invited_to_a_hidden_or_deleted_thread(inviter, staff):
    thread = make_thread()
    assert can(inviter, "community.invite_members", thread)
    thread.hidden_at = timezone.now()
    assert not can(inviter, "community.invite_members", thread)
    thread.hidden_at, thread.deleted_at = None, timezone.now()
    with pytest.raises(PermissionDenied):
        check_invite_permission(member=inviter, thread=thread)


# --- sending ---------------------------------------------------------------------------------


def test_send_invitation_stores_it_pending_and_queues_its_email(inviter, listen):
    calls = listen(invitation_sent)
    thread = make_thread(title="Printer drops the Wi-Fi")

    invitation = send_invitation(
        by=inviter, email="  Friend@Example.ORG ", thread=thread, message="You fixed mine!"
    )

    assert invitation.status == InvitationStatus.PENDING
    assert invitation.email == ADDRESS
    assert invitation.thread == thread
    assert invitation.expires_at == invitation.created_at + timedelta(days=INVITATION_DAYS)
    outbox = OutboxMessage.objects.get(task_name="community.send_invitation")
    assert outbox.kwargs == {"invitation_id": invitation.pk}  # the address stays in its row
    assert calls == [{"sender": Invitation, "invitation": invitation, "by": inviter}]


@pytest.mark.parametrize("address", ["", "not-an-address", "a@b", "two@example.org, x@y.z"])
def test_send_invitation_refuses_what_is_no_address(inviter, address):
    with pytest.raises(ValidationError) as refusal:
        send_invitation(by=inviter, email=address)
    assert refusal.value.code == "invalid"
    assert not Invitation.objects.exists()


def test_send_invitation_refuses_an_address_of_a_member_without_saying_whose(inviter):
    _newcomer(email="Friend@example.org")
    with pytest.raises(ValidationError) as refusal:
        send_invitation(by=inviter, email="friend@EXAMPLE.org")
    assert refusal.value.code == "member"
    assert "newcomer" not in str(refusal.value) and "Nora" not in str(refusal.value)
    assert not Invitation.objects.exists()


def test_send_invitation_refuses_a_message_over_the_limit(inviter):
    with pytest.raises(ValidationError) as refusal:
        send_invitation(by=inviter, email=ADDRESS, message="x" * 1001)
    assert refusal.value.code == "max_length"


def test_inviting_the_same_address_again_adds_no_second_pending_invitation(inviter):
    send_invitation(by=inviter, email=ADDRESS)
    with pytest.raises(ValidationError) as refusal:
        send_invitation(by=inviter, email=ADDRESS.upper())
    assert refusal.value.code == "already_invited"
    assert Invitation.objects.count() == 1


def test_the_database_holds_one_pending_invitation_per_inviter_and_address(inviter):
    first = send_invitation(by=inviter, email=ADDRESS)
    with pytest.raises(IntegrityError), transaction.atomic():
        Invitation.objects.create(
            inviter=inviter, email=ADDRESS, created_at=first.created_at,
            expires_at=first.expires_at,
        )  # fmt: skip


def test_another_member_may_invite_the_same_address(inviter):
    send_invitation(by=inviter, email=ADDRESS)
    send_invitation(by=MemberFactory(trust_level=TrustLevel.MEMBER), email=ADDRESS)
    assert Invitation.objects.pending().filter(email=ADDRESS).count() == 2


def test_an_expired_invitation_may_be_sent_again(inviter):
    first = send_invitation(by=inviter, email=ADDRESS)
    with time_machine.travel(timezone.now() + timedelta(days=INVITATION_DAYS, seconds=1)):
        second = send_invitation(by=inviter, email=ADDRESS)
    first.refresh_from_db()
    assert first.status == InvitationStatus.EXPIRED and first.email == ""
    assert second.status == InvitationStatus.PENDING


@pytest.mark.parametrize("store", ["database", "cache"])
def test_invitations_a_day_are_limited_at_the_boundary(inviter, settings, store):
    use_community_rate_limits(settings, store=store)
    Limits.objects.update_or_create(pk=1, defaults={"invitations_per_day": 3})
    from django.core.cache import cache

    cache.clear()
    for number in range(3):
        send_invitation(by=inviter, email=f"friend{number}@example.org")
    with pytest.raises(RateLimited):
        send_invitation(by=inviter, email="friend3@example.org")
    assert Invitation.objects.count() == 3
    with time_machine.travel(timezone.now() + timedelta(days=1, seconds=1)):
        if store == "cache":
            cache.clear()  # locmem's expiry follows the real clock
        send_invitation(by=inviter, email="friend3@example.org")
    assert Invitation.objects.count() == 4


def test_refused_input_is_not_counted_against_the_daily_limit(inviter, settings):
    use_community_rate_limits(settings, store="database")
    Limits.objects.update_or_create(pk=1, defaults={"invitations_per_day": 1})
    from django.core.cache import cache

    cache.clear()
    with pytest.raises(ValidationError):
        send_invitation(by=inviter, email="nope")
    send_invitation(by=inviter, email=ADDRESS)


def test_staff_are_not_limited(staff, settings):
    use_community_rate_limits(settings, store="database")
    Limits.objects.update_or_create(pk=1, defaults={"invitations_per_day": 1})
    from django.core.cache import cache

    cache.clear()
    for number in range(3):
        send_invitation(by=staff, email=f"friend{number}@example.org")


# --- the e-mail ------------------------------------------------------------------------------


def _sent_email(django_capture_on_commit_callbacks, **kwargs):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = send_invitation(**kwargs)
    return invitation, mail.outbox[-1]


def test_the_email_goes_to_the_address_once_with_the_link(
    inviter, django_capture_on_commit_callbacks
):
    thread = make_thread(title="Printer drops the Wi-Fi")
    invitation, message = _sent_email(
        django_capture_on_commit_callbacks, by=inviter, email=ADDRESS, thread=thread,
        message="You fixed mine last year!",
    )  # fmt: skip

    assert message.to == [ADDRESS]
    assert message.subject == "Ines Inviter asks for your help"
    assert "Printer drops the Wi-Fi" in message.body
    assert "You fixed mine last year!" in message.body
    token = re.search(r"/invitations/([^/\s]+)/", message.body).group(1)
    assert pending_invitation_for_token(token) == invitation
    html = message.alternatives[0][0]
    assert "Accept the invitation" in html and "Printer drops the Wi-Fi" in html
    invitation.refresh_from_db()
    assert invitation.sent_at is not None
    # The task again (a re-delivered outbox message) sends nothing more.
    assert email_invitation(invitation_id=invitation.pk) is False
    assert len(mail.outbox) == 1


def test_the_email_speaks_the_inviters_language(inviter, django_capture_on_commit_callbacks):
    inviter.locale = "de"
    inviter.save()
    _invitation, message = _sent_email(
        django_capture_on_commit_callbacks, by=inviter, email=ADDRESS
    )
    assert message.subject.startswith("Ines Inviter lädt dich zu")
    assert "Einladung annehmen" in message.alternatives[0][0]
    assert "Hallo," in message.body


def test_the_email_in_english_invites_to_the_community(inviter, django_capture_on_commit_callbacks):
    _invitation, message = _sent_email(
        django_capture_on_commit_callbacks, by=inviter, email=ADDRESS, message="<b>Hi</b>"
    )
    assert message.subject.startswith("Ines Inviter invites you to ")
    assert "where customers help each other" in message.body
    assert "<b>Hi</b>" not in message.alternatives[0][0]  # the message is escaped in HTML


def test_a_revoked_invitation_is_not_emailed(inviter):
    invitation = send_invitation(by=inviter, email=ADDRESS)
    revoke_invitation(invitation=invitation, by=inviter)
    assert email_invitation(invitation_id=invitation.pk) is False
    assert mail.outbox == []


# --- the signed link -------------------------------------------------------------------------


def test_the_token_names_the_pending_invitation(inviter):
    invitation = send_invitation(by=inviter, email=ADDRESS)
    assert pending_invitation_for_token(invitation_token(invitation)) == invitation


def test_a_tampered_token_is_invalid(inviter):
    invitation = send_invitation(by=inviter, email=ADDRESS)
    token = invitation_token(invitation)
    forged = signing.dumps(invitation.pk + 1, salt="another.salt")
    for bad in (token[:-2] + ("AA" if not token.endswith("AA") else "BB"), forged, "x"):
        with pytest.raises(InvitationUnavailable) as refusal:
            pending_invitation_for_token(bad)
        assert refusal.value.reason == "invalid"


def test_a_token_for_another_invitation_number_is_invalid(inviter):
    token = signing.dumps(987654, salt=INVITATION_SALT)
    with pytest.raises(InvitationUnavailable) as refusal:
        pending_invitation_for_token(token)
    assert refusal.value.reason == "invalid"


def test_the_link_expires_after_its_days(inviter):
    invitation = send_invitation(by=inviter, email=ADDRESS)
    token = invitation_token(invitation)
    with time_machine.travel(timezone.now() + timedelta(days=INVITATION_DAYS, seconds=-60)):
        assert pending_invitation_for_token(token) == invitation
    later = timezone.now() + timedelta(days=INVITATION_DAYS, seconds=1)
    with time_machine.travel(later), pytest.raises(InvitationUnavailable) as refusal:
        pending_invitation_for_token(token)
    assert refusal.value.reason == "expired"


def test_a_used_or_revoked_link_says_so(inviter):
    used = send_invitation(by=inviter, email=ADDRESS)
    accept_invitation(invitation=used, by=_newcomer())
    revoked = send_invitation(by=inviter, email="other@example.org")
    revoke_invitation(invitation=revoked, by=inviter)
    for invitation, reason in ((used, "accepted"), (revoked, "revoked")):
        with pytest.raises(InvitationUnavailable) as refusal:
            pending_invitation_for_token(invitation_token(invitation))
        assert refusal.value.reason == reason


# --- accepting, revoking, expiring -----------------------------------------------------------


def test_accept_invitation_links_the_newcomer_tells_the_inviter_and_erases_the_address(
    inviter, listen
):
    calls = listen(invitation_accepted)
    invitation = send_invitation(by=inviter, email=ADDRESS, thread=make_thread())
    newcomer = _newcomer()

    accepted = accept_invitation(invitation=invitation, by=newcomer)

    assert accepted.status == InvitationStatus.ACCEPTED
    assert accepted.email == "" and accepted.accepted_by == newcomer
    newcomer.refresh_from_db()
    assert newcomer.invited_by == inviter
    entry = Notification.objects.get(recipient=inviter)
    assert entry.kind == NotificationKind.INVITATION_ACCEPTED
    assert entry.actor == newcomer and entry.url == newcomer.get_absolute_url()
    assert (
        entry.data["text"]["en"]
        == "Nora Newcomer accepted your invitation and joined the community"
    )
    assert entry.data["text"]["de"] == "Nora Newcomer hat deine Einladung angenommen und ist dabei"
    assert calls == [
        {"sender": Invitation, "invitation": accepted, "member": newcomer, "by": newcomer}
    ]


def test_accepting_twice_changes_nothing_the_second_time(inviter, listen):
    calls = listen(invitation_accepted)
    invitation = send_invitation(by=inviter, email=ADDRESS)
    newcomer = _newcomer()
    accept_invitation(invitation=invitation, by=newcomer)
    accept_invitation(invitation=invitation, by=newcomer)
    assert len(calls) == 1
    assert Notification.objects.filter(recipient=inviter).count() == 1


def test_accepting_with_another_address_changes_nothing(inviter):
    invitation = send_invitation(by=inviter, email=ADDRESS)
    accepted = accept_invitation(invitation=invitation, by=_newcomer(email="else@example.org"))
    assert accepted.status == InvitationStatus.PENDING and accepted.email == ADDRESS


def test_accepting_closes_other_members_invitations_to_the_address(inviter):
    other = send_invitation(by=MemberFactory(trust_level=TrustLevel.MEMBER), email=ADDRESS)
    accept_invitation(invitation=send_invitation(by=inviter, email=ADDRESS), by=_newcomer())
    other.refresh_from_db()
    assert other.status == InvitationStatus.EXPIRED and other.email == ""
    assert not Notification.objects.filter(recipient=other.inviter).exists()


def test_revoke_invitation_erases_the_address_and_tells_receivers(inviter, listen):
    calls = listen(invitation_revoked)
    invitation = send_invitation(by=inviter, email=ADDRESS)

    revoked = revoke_invitation(invitation=invitation, by=inviter)
    revoke_invitation(invitation=invitation, by=inviter)  # again: nothing more

    assert revoked.status == InvitationStatus.REVOKED and revoked.email == ""
    assert revoked.closed_at is not None
    assert calls == [{"sender": Invitation, "invitation": revoked, "by": inviter}]


def test_expire_invitations_erases_addresses_only_of_expired_ones(inviter):
    old = send_invitation(by=inviter, email="old@example.org")
    with time_machine.travel(timezone.now() + timedelta(days=INVITATION_DAYS - 1)):
        fresh = send_invitation(by=inviter, email="fresh@example.org")
    with time_machine.travel(timezone.now() + timedelta(days=INVITATION_DAYS, seconds=1)):
        assert expire_invitations() == 1
        assert expire_invitations() == 0
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert old.status == InvitationStatus.EXPIRED and old.email == ""
    assert fresh.status == InvitationStatus.PENDING and fresh.email == "fresh@example.org"


def test_the_hourly_task_expires_invitations(inviter, settings):
    from community.tasks import expire_invitations_task

    schedule = {entry["task"]: entry for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert schedule["community.expire_invitations"]["schedule"] == timedelta(hours=1)
    invitation = send_invitation(by=inviter, email=ADDRESS)
    with time_machine.travel(timezone.now() + timedelta(days=INVITATION_DAYS, seconds=1)):
        assert expire_invitations_task.delay().get() == 1
    invitation.refresh_from_db()
    assert invitation.email == ""


def test_the_database_keeps_no_address_of_a_closed_invitation(inviter):
    invitation = send_invitation(by=inviter, email=ADDRESS)
    with pytest.raises(IntegrityError), transaction.atomic():
        Invitation.objects.filter(pk=invitation.pk).update(status=InvitationStatus.ACCEPTED)


def test_expire_invitations_closes_those_whose_address_joined_without_the_link(inviter):
    invitation = send_invitation(by=inviter, email=ADDRESS)
    other = send_invitation(by=inviter, email="other@example.org")
    _newcomer(email="FRIEND@example.org")

    assert expire_invitations() == 1

    invitation.refresh_from_db()
    other.refresh_from_db()
    assert invitation.status == InvitationStatus.EXPIRED and invitation.email == ""
    assert other.status == InvitationStatus.PENDING
