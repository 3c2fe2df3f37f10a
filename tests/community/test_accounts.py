"""Sign-up with e-mail verification, log in, password reset and e-mail change (django-allauth)."""

import re

from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from community.models import Member


def _link_in(message) -> str:
    return re.search(r"https?://testserver(/\S+)", message.body).group(1)


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
