"""Invitation pages: the form on a thread and in the settings, the inviter's list, revoking,
the page the e-mail's link opens, and joining through allauth's real sign-up form."""

import re
from datetime import timedelta

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from community.models import Invitation, InvitationStatus, Member, Notification, TrustLevel
from community.services.invitations import (
    INVITATION_DAYS,
    invitation_token,
    revoke_invitation,
    send_invitation,
)
from tests.factories import MemberFactory, make_thread

ADDRESS = "friend@example.org"
PASSWORD = "a-long-Secret-42"


@pytest.fixture
def inviter(db):
    return MemberFactory(
        username="inviter", display_name="Ines Inviter", trust_level=TrustLevel.MEMBER
    )


@pytest.fixture
def inviter_client(client, inviter):
    client.force_login(inviter)
    return client


def _link(invitation) -> str:
    return reverse("community:invitation", kwargs={"token": invitation_token(invitation)})


# --- the inviter's side ----------------------------------------------------------------------


def test_thread_page_offers_the_invite_link_only_to_members_who_may_invite(client, inviter):
    thread = make_thread()
    invite_url = reverse("community:invite_to_thread", kwargs={"pk": thread.pk})
    client.force_login(MemberFactory(trust_level=TrustLevel.BASIC))
    assert invite_url not in client.get(thread.get_absolute_url()).content.decode()
    client.force_login(inviter)
    page = client.get(thread.get_absolute_url()).content.decode()
    assert invite_url in page and "Invite someone to help" in page


def test_invite_to_thread_sends_and_returns_to_the_thread(inviter_client, inviter):
    thread = make_thread(title="Printer drops the Wi-Fi")
    url = reverse("community:invite_to_thread", kwargs={"pk": thread.pk})
    page = inviter_client.get(url)
    assert page.status_code == 200
    assert "Printer drops the Wi-Fi" in page.content.decode()

    response = inviter_client.post(url, {"email": ADDRESS, "message": "You know printers!"})

    assert response.status_code == 302 and response.url == thread.get_absolute_url()
    invitation = Invitation.objects.get()
    assert (invitation.inviter, invitation.thread, invitation.email) == (inviter, thread, ADDRESS)
    assert invitation.message == "You know printers!"


def test_invite_to_thread_refuses_a_basic_member(client, db):
    client.force_login(MemberFactory(trust_level=TrustLevel.BASIC))
    thread = make_thread()
    url = reverse("community:invite_to_thread", kwargs={"pk": thread.pk})
    assert client.get(url).status_code == 403
    assert client.post(url, {"email": ADDRESS}).status_code == 403
    assert not Invitation.objects.exists()


def test_invite_to_thread_sends_a_visitor_to_sign_in(client, db):
    thread = make_thread()
    response = client.get(reverse("community:invite_to_thread", kwargs={"pk": thread.pk}))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_bad_input_keeps_what_was_typed(inviter_client):
    thread = make_thread()
    url = reverse("community:invite_to_thread", kwargs={"pk": thread.pk})
    response = inviter_client.post(url, {"email": "friend-at-example", "message": "Kept text"})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'value="friend-at-example"' in page and "Kept text" in page
    assert "Enter a valid e-mail address." in page
    assert not Invitation.objects.exists()


def test_an_address_of_a_member_is_refused_on_the_form(inviter_client):
    MemberFactory(email=ADDRESS)
    response = inviter_client.post(
        reverse("community:invitations"), {"email": ADDRESS, "message": "Hello"}
    )
    assert response.status_code == 400
    assert "This address already belongs to a member of the community." in response.content.decode()


def test_the_daily_limit_answers_429_and_keeps_the_text(inviter_client, settings):
    from django.core.cache import cache

    from community.models import Limits
    from tests.rate_limits import use_community_rate_limits

    use_community_rate_limits(settings, store="database")
    Limits.objects.update_or_create(pk=1, defaults={"invitations_per_day": 1})
    cache.clear()
    url = reverse("community:invitations")
    assert inviter_client.post(url, {"email": ADDRESS}).status_code == 302
    response = inviter_client.post(url, {"email": "second@example.org", "message": "Again"})
    assert response.status_code == 429 and response["Retry-After"]
    assert 'value="second@example.org"' in response.content.decode()


def test_invitations_page_lists_them_and_shows_addresses_only_while_pending(
    inviter_client, inviter, django_assert_max_num_queries
):
    pending = send_invitation(
        by=inviter, email=ADDRESS, thread=make_thread(title="Wi-Fi keeps dropping")
    )
    revoked = send_invitation(by=inviter, email="gone@example.org")
    revoke_invitation(invitation=revoked, by=inviter)
    send_invitation(by=MemberFactory(trust_level=TrustLevel.MEMBER), email="theirs@example.org")

    with django_assert_max_num_queries(8):
        response = inviter_client.get(reverse("community:invitations"))

    page = response.content.decode()
    assert response.status_code == 200
    assert ADDRESS in page and "Wi-Fi keeps dropping" in page
    assert "gone@example.org" not in page and "address erased" in page
    assert "theirs@example.org" not in page
    assert reverse("community:revoke_invitation", kwargs={"pk": pending.pk}) in page
    assert reverse("community:revoke_invitation", kwargs={"pk": revoked.pk}) not in page


def test_invitations_page_tells_a_basic_member_when_they_may_invite(client, db):
    client.force_login(MemberFactory(trust_level=TrustLevel.BASIC))
    page = client.get(reverse("community:invitations")).content.decode()
    assert "once you reach the trust level “Member”" in page
    assert "Send invitation" not in page


def test_revoke_is_a_post_by_the_inviter_only(inviter_client, inviter, client):
    invitation = send_invitation(by=inviter, email=ADDRESS)
    url = reverse("community:revoke_invitation", kwargs={"pk": invitation.pk})
    assert inviter_client.get(url).status_code == 405

    client.force_login(MemberFactory(trust_level=TrustLevel.REGULAR))
    assert client.post(url).status_code == 404
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.PENDING

    client.force_login(inviter)
    assert client.post(url).status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.REVOKED and invitation.email == ""


# --- the invitee's side ----------------------------------------------------------------------


def test_the_invitation_page_shows_who_invites_to_which_thread_and_writes_nothing(
    client, inviter, django_assert_max_num_queries
):
    thread = make_thread(title="Printer drops the Wi-Fi")
    invitation = send_invitation(by=inviter, email=ADDRESS, thread=thread, message="Hi Fran!")
    with django_assert_max_num_queries(8) as queries:
        response = client.get(_link(invitation))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ines Inviter invites you to" in page
    assert "Printer drops the Wi-Fi" in page and "Hi Fran!" in page
    assert ADDRESS not in page
    assert 'name="robots" content="noindex"' in page
    writes = [q["sql"] for q in queries.captured_queries if not q["sql"].startswith("SELECT")]
    assert writes == []
    assert "community_invitation" not in client.session


@pytest.mark.parametrize("reason", ["expired", "accepted", "revoked"])
def test_a_link_that_no_longer_works_says_why(client, inviter, reason):
    invitation = send_invitation(by=inviter, email=ADDRESS)
    when = timezone.now()
    if reason == "expired":
        when += timedelta(days=INVITATION_DAYS, seconds=1)
    elif reason == "revoked":
        revoke_invitation(invitation=invitation, by=inviter)
    else:
        Invitation.objects.filter(pk=invitation.pk).update(status=reason, email="")
    with time_machine.travel(when):
        response = client.get(_link(invitation))
        joined = client.post(_link(invitation))
    assert response.status_code == 410
    assert "This invitation no longer works" in response.content.decode()
    assert joined.status_code == 410


def test_a_tampered_link_is_a_404_page(client, inviter):
    invitation = send_invitation(by=inviter, email=ADDRESS)
    response = client.get(_link(invitation).replace(":", "x", 1))
    assert response.status_code == 404
    assert "This link does not work" in response.content.decode()


def test_join_accepts_the_invitation_through_the_real_sign_up(
    client, inviter, django_capture_on_commit_callbacks
):
    thread = make_thread(title="Printer drops the Wi-Fi")
    with django_capture_on_commit_callbacks(execute=True):
        send_invitation(by=inviter, email=ADDRESS, thread=thread)
    link = re.search(r"https?://[^/\s]+(/invitations/\S+)", mail.outbox[0].body).group(1)
    mail.outbox.clear()

    # The e-mail's link, then "Join": the sign-up form with the address filled in.
    joined = client.post(link)
    assert joined.status_code == 302
    signup_url = joined.url
    assert signup_url.startswith(reverse("account_signup"))
    form = client.get(signup_url).content.decode()
    assert f'value="{ADDRESS}"' in form

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            signup_url,
            {
                "email": ADDRESS, "username": "fran", "password1": PASSWORD,
                "password2": PASSWORD, "display_name": "Fran Friend",
            },
        )  # fmt: skip

    # The link came to the address: no second confirmation, straight to the thread.
    assert response.status_code == 302 and response.url == thread.get_absolute_url()
    fran = Member.objects.get(username="fran")
    assert fran.invited_by == inviter
    assert EmailAddress.objects.get(user=fran).verified
    assert mail.outbox == []
    assert int(client.session["_auth_user_id"]) == fran.pk  # signed in
    invitation = Invitation.objects.get()
    assert invitation.status == InvitationStatus.ACCEPTED and invitation.email == ""
    assert Notification.objects.get(recipient=inviter).actor == fran
    assert client.get(link).status_code == 410  # used once


def test_signing_up_with_another_address_leaves_the_invitation_pending(
    client, inviter, django_capture_on_commit_callbacks
):
    invitation = send_invitation(by=inviter, email=ADDRESS)
    signup_url = client.post(_link(invitation)).url
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            signup_url,
            {
                "email": "else@example.org", "username": "fran", "password1": PASSWORD,
                "password2": PASSWORD,
            },
        )  # fmt: skip
    fran = Member.objects.get(username="fran")
    assert list(EmailAddress.objects.filter(user=fran).values_list("email", "verified")) == [
        ("else@example.org", False)
    ]
    assert fran.invited_by is None
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.PENDING
    assert len(mail.outbox) == 1  # the usual confirmation e-mail


def test_a_signed_in_member_is_not_asked_to_join(client, inviter, other_member):
    invitation = send_invitation(by=inviter, email=ADDRESS)
    client.force_login(other_member)
    page = client.get(_link(invitation)).content.decode()
    assert "this invitation is for someone who has no account yet" in page
    client.post(_link(invitation))
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.PENDING


def test_an_address_that_joined_meanwhile_is_asked_to_sign_in(client, inviter):
    invitation = send_invitation(by=inviter, email=ADDRESS)
    MemberFactory(email=ADDRESS)
    page = client.get(_link(invitation)).content.decode()
    assert "already has an account" in page
    assert client.post(_link(invitation)).status_code == 200
    assert "community_invitation" not in client.session


def test_the_invitation_page_speaks_the_inviters_language_to_a_visitor(client, inviter):
    inviter.locale = "de"
    inviter.save()
    invitation = send_invitation(by=inviter, email=ADDRESS)
    page = client.get(_link(invitation), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="de">' in page
    assert "Ines Inviter lädt dich zu" in page and "Beitreten" in page
    # "Join" keeps the language for the sign-up form (unless the visitor chose one).
    joined = client.post(_link(invitation), HTTP_ACCEPT_LANGUAGE="en")
    assert joined.cookies["django_language"].value == "de"


def test_the_inviter_reads_of_the_acceptance_in_the_notification_centre(inviter_client, inviter):
    from community.services.invitations import accept_invitation

    invitation = send_invitation(by=inviter, email=ADDRESS)
    newcomer = MemberFactory(username="fran", email=ADDRESS, display_name="Fran Friend")
    accept_invitation(invitation=invitation, by=newcomer)

    page = inviter_client.get(reverse("community:notifications")).content.decode()

    assert "Fran Friend accepted your invitation and joined the community" in page
    assert newcomer.get_absolute_url() in page


def test_opening_the_invite_form_writes_nothing(inviter_client, django_assert_max_num_queries):
    thread = make_thread()
    url = reverse("community:invite_to_thread", kwargs={"pk": thread.pk})
    with django_assert_max_num_queries(20) as queries:
        assert inviter_client.get(url).status_code == 200
    writes = [q["sql"] for q in queries.captured_queries if not q["sql"].startswith("SELECT")]
    assert not [sql for sql in writes if "invitation" in sql.lower()]
    assert not Invitation.objects.exists()
