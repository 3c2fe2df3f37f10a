"""A newcomer's first visit: sign up, verify the e-mail, add an avatar, switch to German.

Everything happens through the pages a person sees, in a real browser against the live server;
the only shortcut is reading the verification e-mail from Django's test outbox instead of an
inbox. The accessibility test checks the same pages with axe-core in both site languages.
"""

import re
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from community.images import process_avatar
from community.services.members import change_avatar
from tests.e2e.axe import PageAudit
from tests.factories import PASSWORD, MemberFactory
from tests.images import image_bytes, uploaded_image

NEWCOMER = {
    "email": "robin@example.com",
    "username": "robin",
    "password": "a-long-Secret-42",
    "display_name": "Robin Newcomer",
}


def _wait_for_mail(to: str, timeout: float = 5.0):
    """The newest message to `to` in the outbox.

    The live server sends the mail from an on_commit callback in its own thread, before it
    answers; the short wait only guards against a slow machine.
    """
    deadline = time.monotonic() + timeout
    while True:
        messages = [message for message in mail.outbox if to in message.to]
        if messages:
            return messages[-1]
        if time.monotonic() > deadline:
            subjects = [message.subject for message in mail.outbox]
            raise AssertionError(f"no e-mail to {to} within {timeout} s; outbox: {subjects}")
        time.sleep(0.05)


def _confirmation_link(body: str, site: str) -> str:
    """The confirm link in the mail, on this test's live server: the mail links to the
    public address (SITE_URL), which is not where the live server listens."""
    match = re.search(r"(?:https?://[^\s/]+)?/accounts/confirm-email/[^\s]+", body)
    assert match, f"no confirmation link in the e-mail:\n{body}"
    return f"{site}{urlsplit(match.group(0)).path}"


def _avatar_file(tmp_path: Path) -> Path:
    path = tmp_path / "portrait.jpg"
    path.write_bytes(image_bytes(fmt="JPEG", size=(400, 300), colour=(30, 120, 200)))
    return path


def _signed_in(page: Page) -> bool:
    return page.locator(".account-nav__me").count() > 0


def test_account_journey_newcomer_signs_up_verifies_adds_avatar_and_switches_to_german(
    page: Page, site, login, screenshot, mailoutbox, tmp_path
):
    # Given a visitor on the home page
    page.goto(f"{site}/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    screenshot("home")

    # When they follow "Sign up" and fill in the form
    page.locator(".account-nav").get_by_role("link", name="Sign up").click()
    expect(page).to_have_url(re.compile(r"/accounts/signup/$"))
    signup = page.locator("main form", has=page.locator('input[name="password1"]'))
    signup.locator('input[name="email"]').fill(NEWCOMER["email"])
    signup.locator('input[name="username"]').fill(NEWCOMER["username"])
    signup.locator('input[name="password1"]').fill(NEWCOMER["password"])
    signup.locator('input[name="password2"]').fill(NEWCOMER["password"])
    signup.locator('input[name="display_name"]').fill(NEWCOMER["display_name"])
    screenshot("signup-filled")
    signup.locator('button[type="submit"]').click()

    # Then they are asked to verify their address, and a mail with a link arrives
    expect(page).to_have_url(re.compile(r"/accounts/confirm-email/$"))
    screenshot("verification-sent")
    message = _wait_for_mail(NEWCOMER["email"])
    confirm_url = _confirmation_link(message.body, site)

    # When they open the link and confirm
    page.goto(confirm_url)
    expect(page.locator("main")).to_contain_text(NEWCOMER["email"])
    screenshot("confirm-email")
    page.locator("main form").locator('button[type="submit"]').click()
    page.wait_for_load_state()
    screenshot("confirmed")

    # Then they are signed in (confirming in the sign-up browser logs in; otherwise log in)
    if not _signed_in(page):
        login(page, NEWCOMER["email"], NEWCOMER["password"])
    expect(page.locator(".account-nav__me")).to_contain_text(NEWCOMER["display_name"])

    # When they upload an avatar on their profile settings
    page.goto(f"{site}/settings/profile/")
    expect(page.locator(".profile-avatar img.avatar")).to_have_count(0)
    page.locator('input[name="avatar_upload"]').set_input_files(_avatar_file(tmp_path))
    page.get_by_role("button", name="Save profile").click()

    # Then the settings page, the header and the public profile show the picture
    expect(page.locator(".message--success")).to_be_visible()
    expect(page.locator(".profile-avatar img.avatar")).to_be_visible()
    expect(page.locator(".account-nav img.avatar")).to_be_visible()
    loaded = page.locator(".profile-avatar img.avatar").evaluate(
        "img => img.complete && img.naturalWidth > 0"
    )
    assert loaded, "the avatar <img> is on the page but the image did not load"
    screenshot("profile-settings-with-avatar")
    page.locator(".account-nav__me").click()
    expect(page).to_have_url(re.compile(rf"/members/{NEWCOMER['username']}/$"))
    expect(page.locator("main img.avatar")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(NEWCOMER["display_name"])
    screenshot("public-profile")

    # When they choose Deutsch in the footer
    page.locator('footer button[name="language"][value="de"]').click()

    # Then the page speaks German, and keeps doing so on the next page
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(page).to_have_url(re.compile(rf"/members/{NEWCOMER['username']}/$"))
    expect(page.locator('footer button[value="de"]')).to_have_attribute("aria-current", "true")
    # "Sign out" is "Abmelden" in German.
    expect(page.locator(".account-nav").get_by_role("button", name="Abmelden")).to_be_visible()
    screenshot("public-profile-de")
    page.goto(f"{site}/")
    expect(page.locator("html")).to_have_attribute("lang", "de")
    screenshot("home-de")


@pytest.mark.parametrize("language", ["en", "de"])
def test_account_journey_pages_have_no_serious_accessibility_violations(
    page: Page, site, login, screenshot, language
):
    """Home, sign-up, public profile and profile settings, as a visitor and as the member.

    All pages are checked before the test fails, so one run reports every finding.
    """
    member = MemberFactory(username="avery", display_name="Avery Example", locale=language)
    change_avatar(member=member, avatar=process_avatar(uploaded_image()), by=member)
    audit = PageAudit(page, language=language, screenshot=screenshot)

    page.goto(f"{site}/")
    if language != "en":
        page.locator(f'footer button[name="language"][value="{language}"]').click()
    audit.check("home")
    page.goto(f"{site}/accounts/signup/")
    audit.check("signup")

    login(page, member.email, PASSWORD)
    page.goto(f"{site}/members/{member.username}/")
    audit.check("profile")
    page.goto(f"{site}/settings/profile/")
    audit.check("profile-settings")

    audit.assert_clean()
