"""Sign-up with e-mail verification, log in, password reset and e-mail change (django-allauth)."""

import re
from unittest.mock import patch
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from community.models import Member
from tests.factories import MemberFactory
from tests.rate_limits import use_configured_rate_limits


def _link_in(message) -> str:
    """The path of the first link (on the public address, SITE_URL) in `message`."""
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


def test_signup_requires_email_verification_then_logs_in(
    client, db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_signup"),
            {
                "email": "new@example.com",
                "username": "newbie",
                "password1": "a-long-Secret-42",
                "password2": "a-long-Secret-42",
                "display_name": "New Person",
                "time_zone": "America/Chicago",
            },
            HTTP_ACCEPT_LANGUAGE="de",
        )
    assert response.status_code == 302
    member = Member.objects.get(username="newbie")
    assert member.display_name == "New Person"
    assert member.time_zone == "America/Chicago"
    assert member.locale == "de"
    assert not EmailAddress.objects.get(user=member).verified
    # The verification mail was sent through the Celery task (eager in tests), after commit.
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new@example.com"]

    confirm_url = _link_in(mail.outbox[0])
    assert client.get(confirm_url).status_code == 200
    response = client.post(confirm_url)
    assert response.status_code == 302
    assert EmailAddress.objects.get(user=member).verified


def test_signup_with_bad_input_keeps_what_was_typed(client, db):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "not-an-address",
            "username": "has space",
            "password1": "short",
            "password2": "other",
            "display_name": "Kept Name",
        },
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert 'value="Kept Name"' in content
    assert 'value="not-an-address"' in content
    assert 'aria-invalid="true"' in content
    assert not Member.objects.filter(username="has space").exists()


def test_unverified_member_cannot_log_in(client, db):
    from tests.factories import PASSWORD, MemberFactory

    MemberFactory(username="pending", email="pending@example.com", verified_email=False)
    EmailAddress.objects.create(
        user=Member.objects.get(username="pending"),
        email="pending@example.com",
        verified=False,
        primary=True,
    )
    response = client.post(
        reverse("account_login"), {"login": "pending@example.com", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")


def test_login_and_logout(client, member, password):
    response = client.post(reverse("account_login"), {"login": member.email, "password": password})
    assert response.status_code == 302
    assert client.get(reverse("community:profile_edit")).status_code == 200
    client.post(reverse("account_logout"))
    assert client.get(reverse("community:profile_edit")).status_code == 302


def test_password_reset_sends_a_working_link(client, member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": member.email})
    assert len(mail.outbox) == 1
    reset_url = _link_in(mail.outbox[0])
    response = client.get(reset_url, follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else reset_url
    response = client.post(
        form_url, {"password1": "brand-New-pass-99", "password2": "brand-New-pass-99"}
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password("brand-New-pass-99")


def test_email_change_sends_verification_to_the_new_address(
    member_client, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = member_client.post(
            reverse("account_email"), {"action_add": "", "email": "casey.new@example.com"}
        )
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["casey.new@example.com"]


def test_social_providers_are_installed_but_need_no_network_until_configured(client, db):
    from allauth.socialaccount.adapter import get_adapter

    installed = {provider.id for provider in get_adapter().list_providers(None)}
    # No SocialApp rows yet: the login page offers no provider buttons and calls nobody.
    response = client.get(reverse("account_login"))
    assert response.status_code == 200
    assert installed == set()
    from allauth.socialaccount import providers

    registered = {cls.id for cls in providers.registry.get_class_list()}
    assert {"google", "facebook", "twitter_oauth2", "apple"} <= registered


# --- Failed sign-ins: limited per client, never a lock-out by strangers -----------------


@pytest.fixture
def rate_limits(settings):
    return use_configured_rate_limits(settings)


MEMBER_ADDRESS = "203.0.113.5"
STRANGER_ADDRESS = "198.51.100.7"


def _sign_in(client, email, password, address):
    return client.post(
        reverse("account_login"), {"login": email, "password": password}, REMOTE_ADDR=address
    )


def test_login_failed_limit_lets_a_stranger_lock_out_only_themselves(
    client, member, password, rate_limits
):
    # Given a stranger who guessed wrong until they were stopped
    for _attempt in range(5):
        assert _sign_in(client, member.email, "wrong-guess", STRANGER_ADDRESS).status_code == 200
    refused = _sign_in(client, member.email, password, STRANGER_ADDRESS)
    assert "Too many failed sign-in attempts" in refused.content.decode()
    assert "_auth_user_id" not in client.session

    # When the member signs in from their own computer with the right password
    response = _sign_in(client, member.email, password, MEMBER_ADDRESS)

    # Then they are in
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(member.pk)


def test_login_failed_limit_stops_one_client_guessing_one_address(
    client, member, password, rate_limits
):
    for _attempt in range(5):
        _sign_in(client, member.email, "wrong-guess", STRANGER_ADDRESS)
    # Even the right password no longer works from the client that guessed.
    response = _sign_in(client, member.email, password, STRANGER_ADDRESS)
    assert response.status_code == 200
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_failed_limit_stops_one_client_guessing_many_addresses(
    client, member, password, rate_limits
):
    from tests.factories import MemberFactory

    others = [MemberFactory() for _ in range(10)]
    for other in others:
        _sign_in(client, other.email, "wrong-guess", STRANGER_ADDRESS)
    # Ten failures a minute from one client: its next try fails whatever it types.
    response = _sign_in(client, member.email, password, STRANGER_ADDRESS)
    assert "_auth_user_id" not in client.session
    assert response.status_code == 200
    assert "Too many failed sign-in attempts" in response.content.decode()


# --- Social providers: nothing until an admin configures them ---------------------------

INSTALLED_PROVIDERS = ("google", "facebook", "twitter_oauth2", "apple")


def _provider_urls(provider_id):
    """Every address allauth has for the provider (login, callback, token, finish)."""
    from allauth.urls import build_provider_urlpatterns

    names = set()

    def collect(patterns):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                collect(pattern.url_patterns)
            elif pattern.name and pattern.name.startswith(f"{provider_id}_"):
                names.add(pattern.name)

    collect(build_provider_urlpatterns())
    return sorted(reverse(name) for name in names)


def _configure(provider_id):
    from allauth.socialaccount.models import SocialApp
    from django.contrib.sites.models import Site

    app = SocialApp.objects.create(
        provider=provider_id, name=f"{provider_id} sign-in", client_id="client-id", secret="s3"
    )
    app.sites.add(Site.objects.get_current())
    return app


@pytest.mark.parametrize("provider_id", INSTALLED_PROVIDERS)
def test_social_provider_without_an_application_has_no_button_and_no_addresses(
    client, db, provider_id
):
    urls = _provider_urls(provider_id)
    assert reverse(f"{provider_id}_login") in urls
    login_page = client.get(reverse("account_login")).content.decode()
    for url in urls:
        assert url not in login_page
        assert client.get(url).status_code == 404, url
        assert client.post(url).status_code == 404, url


@pytest.mark.parametrize("provider_id", INSTALLED_PROVIDERS)
def test_social_provider_with_an_application_shows_its_button(client, db, provider_id):
    _configure(provider_id)
    login_url = reverse(f"{provider_id}_login")
    assert login_url in client.get(reverse("account_login")).content.decode()
    # GET asks the visitor to confirm (no network until they do).
    assert client.get(login_url).status_code == 200


# --- Social e-mail claims never take over an existing account ---------------------------


def _google_sign_in(client, *, email, uid="google-uid-1", process=None, verified=True):
    """Go through allauth's real Google views; only Google's two answers are stubbed."""
    from allauth.socialaccount.providers.google.views import GoogleOAuth2Adapter

    data = {"process": process} if process else {}
    response = client.post(reverse("google_login"), data)
    assert response.status_code == 302, response
    state = parse_qs(urlsplit(response["Location"]).query)["state"][0]
    profile = {"id": uid, "email": email, "verified_email": verified, "given_name": "Casey"}
    token = {"access_token": "token", "token_type": "Bearer", "expires_in": 3600}
    with (
        patch.object(GoogleOAuth2Adapter, "get_access_token_data", return_value=token),
        patch.object(GoogleOAuth2Adapter, "_fetch_user_info", return_value=profile),
    ):
        return client.get(reverse("google_callback"), {"code": "code", "state": state})


def test_social_login_with_an_existing_address_asks_to_sign_in_and_connect(
    client, member, password
):
    from allauth.socialaccount.models import SocialAccount

    _configure("google")

    # Given someone whose Google account claims the member's (verified) address
    response = _google_sign_in(client, email=member.email)

    # Then they are not signed in as the member and nothing is connected ...
    assert "_auth_user_id" not in client.session
    assert not SocialAccount.objects.exists()
    # ... but asked to sign in first and connect Google afterwards
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert reverse("socialaccount_connections") in unquote(response["Location"])
    page = client.get(response["Location"]).content.decode()
    assert "Sign in to it first, then connect your Google account" in page

    # When the member signs in and connects Google themselves
    client.post(reverse("account_login"), {"login": member.email, "password": password})
    response = _google_sign_in(client, email=member.email, process="connect")
    assert response.status_code == 302
    assert SocialAccount.objects.get(provider="google").user == member

    # Then Google signs them in from now on
    client.post(reverse("account_logout"))
    _google_sign_in(client, email=member.email)
    assert client.session["_auth_user_id"] == str(member.pk)


def test_social_login_with_an_unverified_existing_address_reveals_nothing(
    client, member, django_capture_on_commit_callbacks
):
    from allauth.socialaccount.models import SocialAccount

    _configure("google")
    with django_capture_on_commit_callbacks(execute=True):
        response = _google_sign_in(client, email=member.email, verified=False)

    # Nobody is signed in or connected; the page looks as for any new address, and only
    # the address's owner hears (by e-mail) that an account exists.
    assert "_auth_user_id" not in client.session
    assert not SocialAccount.objects.exists()
    assert response["Location"] == reverse("account_email_verification_sent")
    assert [message.to for message in mail.outbox] == [[member.email]]


def test_password_reset_mail_waits_in_the_outbox_while_the_broker_is_down(
    client, member, django_capture_on_commit_callbacks, monkeypatch
):
    from datetime import timedelta

    import time_machine
    from celery.app.task import Task
    from django.utils import timezone
    from kombu.exceptions import OperationalError

    from community.models import OutboxMessage, OutboxState
    from community.outbox import relay_due

    real_apply_async = Task.apply_async
    broker_down = True

    def apply_async(task, *args, **kwargs):
        if broker_down:
            raise OperationalError("Connection refused")
        return real_apply_async(task, *args, **kwargs)

    monkeypatch.setattr(Task, "apply_async", apply_async)

    # The request answers at once; no SMTP inside it, the mail waits in the outbox.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_reset_password"), {"email": member.email})
    assert response.status_code == 302
    assert mail.outbox == []
    waiting = OutboxMessage.objects.get(state=OutboxState.PENDING)
    assert waiting.task_name == "community.send_email"
    assert waiting.kwargs["to"] == [member.email]

    # Once the broker is back the sweeper sends it, and the link works.
    broker_down = False
    with time_machine.travel(timezone.now() + timedelta(minutes=3)):
        relay_due()
    assert [message.to for message in mail.outbox] == [[member.email]]
    assert client.get(_link_in(mail.outbox[0]), follow=True).status_code == 200


# --- allauth's e-mails: branded, in the recipient's language, on the public address ----------


def _html_part(message) -> str:
    (html,) = [content for content, mimetype in message.alternatives if mimetype == "text/html"]
    return html


def test_signup_email_is_branded_html_and_text_in_the_visitors_language(
    client, db, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://community.example.com"
    settings.ALLOWED_HOSTS = ["*"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("account_signup"),
            {"email": "neu@example.com", "username": "neuling", "password1": "a-long-Secret-42",
             "password2": "a-long-Secret-42", "display_name": "Nele Neu"},
            HTTP_ACCEPT_LANGUAGE="de",
            HTTP_HOST="10.0.0.7:8000",
        )  # fmt: skip
    (message,) = mail.outbox
    html = _html_part(message)
    assert message.subject == "Bestätige deine E-Mail-Adresse"
    assert message.body.startswith("Hallo Nele Neu,")
    assert "Bitte bestätige, dass das deine E-Mail-Adresse ist." in message.body
    assert '<html lang="de">' in html
    assert 'href="https://community.example.com/accounts/confirm-email/' in html
    assert 'src="https://community.example.com/brand/mark.png?v=' in html
    assert "10.0.0.7" not in message.body + html


def test_account_emails_follow_the_members_language_not_the_pages(
    client, db, settings, django_capture_on_commit_callbacks
):
    # Given a German-speaking member, when someone signs up with their address on an
    # English page, then the member is told in German.
    settings.SITE_URL = "https://community.example.com"
    settings.ALLOWED_HOSTS = ["*"]
    MemberFactory(username="greta", display_name="Greta", email="greta@example.com", locale="de")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("account_signup"),
            {"email": "greta@example.com", "username": "someone", "password1": "a-long-Secret-42",
             "password2": "a-long-Secret-42"},
            HTTP_ACCEPT_LANGUAGE="en",
            HTTP_HOST="10.0.0.7:8000",
        )  # fmt: skip
    (message,) = mail.outbox
    assert message.subject == "Du hast schon ein Konto"
    assert message.body.startswith("Hallo Greta,")
    # allauth builds this link from the request's host; the mail names the public address.
    assert "https://community.example.com/accounts/password/reset/" in message.body
    assert "10.0.0.7" not in message.body + _html_part(message)


def test_password_reset_for_an_unknown_address_answers_in_the_pages_language(
    client, db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("account_reset_password"),
            {"email": "nobody@example.com"},
            HTTP_ACCEPT_LANGUAGE="de",
        )
    (message,) = mail.outbox
    assert message.subject == "Kein Konto mit dieser Adresse"
    assert message.body.startswith("Hallo,")
    assert "/accounts/signup/" in _html_part(message)


def test_password_change_is_announced_to_the_member_by_email(
    client, member, password, django_capture_on_commit_callbacks
):
    """If someone else changed it, this e-mail is the member's one warning."""
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_change_password"),
            {"oldpassword": password, "password1": "a-new-long-phrase-77",
             "password2": "a-new-long-phrase-77"},
        )  # fmt: skip
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == [member.email]
    assert "password" in message.subject.lower()
