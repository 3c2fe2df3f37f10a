"""community.emails: one branded layout for every e-mail, in the recipient's language."""

import pytest
from django.core.files.base import ContentFile

from community.brand_mark import DARK_TEXT
from community.emails import brand_context, render_email
from community.images import process_logo
from community.models import Branding
from community.services.branding import save_branding
from tests.images import uploaded_image


@pytest.fixture(autouse=True)
def _public_address(settings):
    settings.SITE_URL = "https://help.example.com"


def test_render_email_renders_subject_text_and_html_in_the_given_language(db):
    email = render_email(
        subject_template="account/email/password_reset_key_subject.txt",
        text_template="account/email/password_reset_key_message.txt",
        html_template="account/email/password_reset_key_message.html",
        context={"password_reset_url": "https://help.example.com/accounts/password/reset/key/x/"},
        language="de",
    )
    assert email.subject == "Neues Passwort wählen"
    assert "Wähle es hier:" in email.text
    assert email.text.endswith("\n") and "\n\n\n" not in email.text
    assert '<html lang="de">' in email.html
    assert 'href="https://help.example.com/accounts/password/reset/key/x/"' in email.html


def test_render_email_wraps_the_text_of_an_email_without_html_in_the_layout(db):
    # allauth's WebAuthn e-mail: we never send it (WebAuthn is off), so it has no HTML of ours.
    email = render_email(
        subject_template="mfa/email/webauthn_added_subject.txt",
        text_template="mfa/email/webauthn_added_message.txt",
        html_template="mfa/email/webauthn_added_message.html",
        context={"ip": "203.0.113.9", "user_agent": "Firefox"},
        language="en",
    )
    assert "203.0.113.9" in email.text
    assert "203.0.113.9" in email.html
    assert "Peerdesk" in email.html and "https://help.example.com/" in email.html


def test_render_email_uses_the_time_zone_it_is_given(db):
    from datetime import UTC, datetime

    context = {"timestamp": datetime(2026, 1, 5, 12, 30, tzinfo=UTC), "ip": "x", "user_agent": "y"}
    kwargs = {
        "subject_template": "account/email/password_changed_subject.txt",
        "text_template": "account/email/password_changed_message.txt",
        "html_template": "account/email/password_changed_message.html",
        "context": context,
        "language": "en",
    }
    assert "1:30" in render_email(**kwargs, time_zone="Europe/Berlin").text
    assert "6:30" in render_email(**kwargs, time_zone="America/Chicago").text


def test_brand_context_points_at_the_public_address_and_the_png_mark(db):
    context = brand_context()
    branding = Branding.objects.current()
    assert context["logo_url"] == f"https://help.example.com{branding.mark_url('png')}"
    assert (context["logo_width"], context["logo_height"]) == (40, 40)
    assert context["home_url"] == "https://help.example.com/"


def test_brand_context_keeps_links_readable_on_a_pale_brand_colour(db):
    branding = save_branding(branding=Branding(pk=1, name="Sunny", primary_colour="#ffd60a"))
    context = brand_context()
    assert context["link_colour"] == DARK_TEXT
    assert context["brand_text_colour"] == DARK_TEXT  # on the buttons' yellow
    branding.primary_colour = "#0b5cad"
    save_branding(branding=branding)
    assert brand_context()["link_colour"] == "#0b5cad"


def test_brand_context_shows_an_uploaded_logo_in_its_proportions(db):
    branding = Branding(pk=1, name="Acme")
    logo = process_logo(uploaded_image(fmt="PNG", size=(400, 100)))
    branding.logo.save("logo.png", ContentFile(logo.content.read()), save=False)
    save_branding(branding=branding)
    context = brand_context()
    assert context["logo_url"] == f"https://help.example.com{branding.logo.url}"
    assert (context["logo_width"], context["logo_height"]) == (160, 40)
