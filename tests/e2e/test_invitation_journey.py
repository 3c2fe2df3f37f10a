"""Invitations in the browser: a member (trust level 2) invites a friend to help with a
thread; the friend opens the e-mail's link, joins through the sign-up form with the address
filled in and lands on the thread; the inviter sees it accepted. Both languages, axe-clean."""

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from community.models import Invitation, InvitationStatus, Member, TrustLevel
from tests.e2e.axe import PageAudit
from tests.factories import PASSWORD, MemberFactory, make_thread

PHONE = {"width": 375, "height": 800}
DESKTOP = {"width": 1280, "height": 900}
FRIEND = "friend@example.org"
TEXT = {
    "en": {"invite": "Invite someone to help", "send": "Send invitation", "join": "Join",
           "sent": "is on its way", "accepted": "Accepted", "sign_up": "Sign up"},
    "de": {"invite": "Jemanden um Hilfe bitten", "send": "Einladung senden", "join": "Beitreten",
           "sent": "ist unterwegs", "accepted": "Angenommen", "sign_up": "Registrieren"},
}  # fmt: skip


def _overflow(page: Page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


@pytest.mark.parametrize("language", ["en", "de"])
def test_a_member_invites_a_friend_who_joins_and_lands_on_the_thread(
    page: Page, site, login, screenshot, db, language
):
    text = TEXT[language]
    inviter = MemberFactory(
        display_name="Ines Inviter", trust_level=TrustLevel.MEMBER, locale=language
    )
    thread = make_thread(title="Printer drops the Wi-Fi every evening")
    audit = PageAudit(page, language=language, screenshot=screenshot)
    login(page, inviter.email, PASSWORD)

    # The member asks a friend for help from the thread
    page.goto(f"{site}{thread.get_absolute_url()}")
    page.get_by_role("link", name=text["invite"]).click()
    audit.check("invite form")
    form = page.locator("main form.invitation-form")
    form.locator('input[name="email"]').fill(FRIEND)
    form.locator('textarea[name="message"]').fill("You fixed mine, maybe you know this one?")
    form.get_by_role("button", name=text["send"]).click()
    expect(page.locator(".message--success")).to_contain_text(text["sent"])
    assert page.url.endswith(thread.get_absolute_url())

    # The friend gets the e-mail in the inviter's language and opens its link, signed out
    message = mail.outbox[-1]
    assert message.to == [FRIEND]
    link = re.search(r"https?://\S+/invitations/\S+/", message.body).group(0)
    page.context.clear_cookies()
    page.goto(link)
    expect(page.locator("main h1")).to_contain_text("Ines Inviter")
    expect(page.locator("main")).to_contain_text(thread.title)
    for size in (DESKTOP, PHONE):
        page.set_viewport_size(size)
        assert _overflow(page) <= 0
        audit.check(f"invitation page at {size['width']} px")
    page.set_viewport_size(DESKTOP)

    # "Join" opens the sign-up form with the address filled in
    page.get_by_role("button", name=text["join"], exact=True).click()
    signup = page.locator("main form", has=page.locator('input[name="password1"]'))
    expect(signup.locator('input[name="email"]')).to_have_value(FRIEND)
    signup.locator('input[name="username"]').fill("fran")
    signup.locator('input[name="password1"]').fill("a-long-Secret-42")
    signup.locator('input[name="password2"]').fill("a-long-Secret-42")
    signup.locator('button[type="submit"]').click()

    # No second confirmation e-mail: signed in, on the thread
    expect(page.locator("main h1")).to_have_text(thread.title)
    assert page.url.endswith(thread.get_absolute_url())
    fran = Member.objects.get(username="fran")
    assert fran.invited_by == inviter
    invitation = Invitation.objects.get()
    assert invitation.status == InvitationStatus.ACCEPTED and invitation.email == ""

    # The inviter sees it accepted on the invitations page
    page.context.clear_cookies()
    login(page, inviter.email, PASSWORD)
    page.goto(f"{site}/settings/invitations/")
    row = page.locator("tr", has_text=thread.title)
    expect(row).to_contain_text(text["accepted"])
    expect(page.locator("main")).not_to_contain_text(FRIEND)
    for size in (DESKTOP, PHONE):
        page.set_viewport_size(size)
        assert _overflow(page) <= 0
        audit.check(f"invitations at {size['width']} px")
    audit.assert_clean()
