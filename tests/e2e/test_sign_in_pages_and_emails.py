"""Signing in and up in German and English, and the e-mails that come of it, in a real browser.

A German newcomer signs up and reads a mail that says "du" and links to the community's public
address (SITE_URL, not the host the browser used); the sign-in, sign-up and password pages are
checked with axe-core in both languages on a wide and a phone screen; every e-mail's HTML is
opened in Chromium to see that it draws, with its logo, on a wide and a narrow screen.
"""

import re
import time
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.test import override_settings
from playwright.sync_api import Page, expect

from community.management.commands.preview_emails import all_previews
from tests.e2e.axe import PageAudit, run_axe
from tests.factories import PASSWORD, MemberFactory

PUBLIC = "https://community.example.com"
FORMAL_ADDRESS = re.compile(r"\b(Sie|Ihr|Ihre|Ihren|Ihrem|Ihrer|Ihres|Ihnen)\b")


def _wait_for_mail(to: str, timeout: float = 5.0):
    deadline = time.monotonic() + timeout
    while True:
        messages = [message for message in mail.outbox if to in message.to]
        if messages:
            return messages[-1]
        assert time.monotonic() < deadline, f"no e-mail to {to}"
        time.sleep(0.05)


def _in_german(page: Page, site: str) -> None:
    page.goto(f"{site}/")
    page.locator('footer button[name="language"][value="de"]').click()
    expect(page.locator("html")).to_have_attribute("lang", "de")


def test_german_newcomer_gets_a_du_mail_that_links_to_the_public_address(
    page: Page, site, settings, screenshot, mailoutbox
):
    settings.SITE_URL = PUBLIC
    # Given a visitor who reads the community in German
    _in_german(page, site)

    # When they sign up through the header's "Registrieren"
    page.locator(".account-nav").get_by_role("link", name="Registrieren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Registrieren")
    form = page.locator("main form", has=page.locator('input[name="password1"]'))
    expect(form.get_by_label("Benutzername")).to_be_visible()
    form.locator('input[name="email"]').fill("nele@example.com")
    form.locator('input[name="username"]').fill("nele")
    form.locator('input[name="display_name"]').fill("Nele Neu")
    form.locator('input[name="password1"]').fill("a-long-Secret-42")
    form.locator('input[name="password2"]').fill("a-long-Secret-42")
    form.get_by_role("button", name="Registrieren").click()

    # Then the page and the mail speak German with "du", and every link is on SITE_URL
    expect(page.get_by_role("heading", level=1)).to_have_text("Bestätige deine E-Mail-Adresse")
    assert not FORMAL_ADDRESS.search(page.locator("main").inner_text())
    screenshot("verification-sent-de")
    message = _wait_for_mail("nele@example.com")
    (html,) = [content for content, kind in message.alternatives if kind == "text/html"]
    assert message.subject == "Bestätige deine E-Mail-Adresse"
    assert message.body.startswith("Hallo Nele Neu,")
    assert re.search(r"\b(du|deine?)\b", message.body)
    assert not FORMAL_ADDRESS.search(message.body)
    links = re.findall(r"https?://\S+", message.body)
    assert links and all(link.startswith(f"{PUBLIC}/") for link in links)
    assert urlsplit(site).netloc not in message.body + html

    # And the HTML part draws as a branded mail with a button to the public address
    page.set_content(html)
    button = page.get_by_role("link", name="E-Mail-Adresse bestätigen")
    expect(button).to_be_visible()
    confirm = button.get_attribute("href")
    assert confirm.startswith(f"{PUBLIC}/accounts/confirm-email/")
    assert not FORMAL_ADDRESS.search(page.locator("body").inner_text())
    screenshot("sign-up-mail-de")

    # When they follow the link (on this test server instead of the public host)
    page.goto(site + urlsplit(confirm).path)
    # Then the confirmation page is German too
    expect(page.get_by_role("heading", level=1)).to_have_text("E-Mail-Adresse bestätigen")
    page.locator("main form").get_by_role("button", name="Bestätigen").click()
    expect(page.locator(".account-nav__me")).to_contain_text("Nele Neu")


SIGN_IN_PAGES = {
    "sign-in": "/accounts/login/",
    "sign-up": "/accounts/signup/",
    "password-reset": "/accounts/password/reset/",
    "password-reset-sent": "/accounts/password/reset/done/",
}


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("language", ["en", "de"])
def test_sign_in_and_password_pages_have_no_serious_accessibility_violations(
    page: Page, site, login, screenshot, language, width
):
    member = MemberFactory(username="avery", locale=language)
    page.set_viewport_size({"width": width, "height": 900})
    audit = PageAudit(page, language=language, screenshot=screenshot)
    if language != "en":
        _in_german(page, site)
    for label, path in SIGN_IN_PAGES.items():
        page.goto(f"{site}{path}")
        audit.check(label)

    # A refused sign-in: the error must be announced and readable too.
    page.goto(f"{site}/accounts/login/")
    form = page.locator("main form", has=page.locator('input[name="password"]'))
    form.locator('input[name="login"]').fill(member.email)
    form.locator('input[name="password"]').fill("not-the-password")
    form.locator('button[type="submit"]').click()
    expect(page.locator(".errorlist")).to_be_visible()
    audit.check("sign-in-refused")

    login(page, member.email, PASSWORD)
    page.goto(f"{site}/accounts/password/change/")
    audit.check("password-change")
    audit.assert_clean()


@pytest.mark.parametrize("language", ["en", "de"])
def test_every_email_draws_with_its_logo_on_wide_and_narrow_screens(
    page: Page, site, screenshot, language
):
    # Images in the mail come from SITE_URL: here the live server, so they really load.
    with override_settings(SITE_URL=site):
        previews = all_previews(language)
    findings = []
    for preview in previews:
        for width in (640, 375):
            page.set_viewport_size({"width": width, "height": 800})
            page.set_content(preview.email.html, wait_until="load")
            logo = page.locator("img").first
            loaded = logo.evaluate("img => img.complete && img.naturalWidth > 0")
            assert loaded, f"{preview.name}: the logo did not load"
            # Nothing is wider than the screen (no sideways scrolling on a phone).
            overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
            assert not overflow, f"{preview.name} is wider than {width} px"
            if width == 640:
                violations = run_axe(page, {"runOnly": ["color-contrast", "link-name"]})
                findings += [f"{preview.name}: {v['id']}" for v in violations]
        screenshot(f"{language}-{preview.name}")
    assert not findings
