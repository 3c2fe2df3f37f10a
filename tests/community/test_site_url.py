"""SITE_URL is the public address: every absolute URL is built from it, whatever host a
request arrived on."""

import pytest
from django.contrib.sites.models import Site
from django.core import mail
from django.core.management import call_command
from django.test import override_settings

from community.services.follows import set_thread_following
from tests.factories import MemberFactory, make_answer, make_thread

PUBLIC = "https://community.example.com"


@pytest.fixture
def public_address(settings):
    settings.SITE_URL = PUBLIC
    settings.ALLOWED_HOSTS = ["*"]


def test_sitemap_names_the_public_address(client, db, public_address):
    thread = make_thread()
    content = client.get("/sitemap.xml", HTTP_HOST="10.0.0.7:8000").content.decode()
    assert f"<loc>{PUBLIC}{thread.get_absolute_url()}</loc>" in content
    assert "10.0.0.7" not in content
    assert "127.0.0.1" not in content


def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_out_of_private_pages(
    client, db, public_address
):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert f"Sitemap: {PUBLIC}/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /accounts/" in lines
    for private in ("/staff/", "/support/", "/cases/", "/hooks/", "/review/"):
        assert f"Disallow: {private}" in lines


def test_thread_page_canonical_link_and_structured_data_use_the_public_address(
    client, db, public_address
):
    thread = make_thread()
    make_answer(thread=thread)
    content = client.get(thread.get_absolute_url(), HTTP_HOST="internal:8000").content.decode()
    assert f'<link rel="canonical" href="{PUBLIC}{thread.get_absolute_url()}">' in content
    assert f'"url": "{PUBLIC}/p/' in content
    assert "internal:8000" not in content


def test_notification_emails_link_to_the_public_address(
    db, public_address, django_capture_on_commit_callbacks
):
    thread = make_thread()
    follower = MemberFactory()
    set_thread_following(thread=thread, member=follower, following=True)
    with django_capture_on_commit_callbacks(execute=True):
        make_answer(thread=thread)
    bodies = [message.body for message in mail.outbox if follower.email in message.to]
    assert bodies
    assert f"{PUBLIC}/p/" in bodies[0]
    assert "127.0.0.1" not in bodies[0]


@override_settings(SITE_URL="https://help.example.org:8443")
def test_migrate_points_the_site_row_at_site_url(db):
    call_command("migrate", verbosity=0)
    assert Site.objects.get_current().domain == "help.example.org:8443"


def test_sign_up_mail_names_the_public_address_not_the_request_host(
    client, db, public_address, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/accounts/signup/",
            {"email": "new@example.com", "username": "newcomer",
             "password1": "a-long-pass-phrase-42", "password2": "a-long-pass-phrase-42"},
            HTTP_HOST="10.0.0.7:8000",
        )  # fmt: skip
    assert response.status_code == 302
    (message,) = mail.outbox
    assert "community.example.com" in message.body
    assert f"{PUBLIC}/accounts/confirm-email/" in message.body
    assert "10.0.0.7" not in message.body
    assert "127.0.0.1" not in message.body


def test_password_reset_mail_links_to_the_public_address(
    client, member, public_address, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/password/reset/", {"email": member.email}, HTTP_HOST="internal")
    (message,) = mail.outbox
    assert f"{PUBLIC}/accounts/password/reset/key/" in message.body
    assert "internal" not in message.body
