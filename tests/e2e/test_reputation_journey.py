"""A helper finds out where their reputation came from: profile → reputation history."""

import pytest
from playwright.sync_api import Page, expect

from community.services.posts import hide_post
from community.services.reactions import set_helpful_vote
from community.services.solutions import accept_answer
from tests.e2e.axe import PageAudit
from tests.factories import PASSWORD, MemberFactory, StaffFactory, make_answer, make_thread

PHONE = {"width": 375, "height": 800}
DESKTOP = {"width": 1280, "height": 900}


@pytest.mark.parametrize("language", ["en", "de"])
def test_a_helper_reads_their_reputation_history(page: Page, site, login, screenshot, db, language):
    # Given a helper whose answer was marked helpful and accepted, and another that was hidden
    helper = MemberFactory(username="harper", display_name="Harper Helper", locale=language)
    asker = MemberFactory(username="casey")
    thread = make_thread(author=asker, title="Telekommunikationsrechnung lässt sich nicht öffnen")
    answer = make_answer(thread=thread, author=helper)
    set_helpful_vote(post=answer, by=asker, voted=True)
    accept_answer(answer=answer, by=asker)
    other = make_answer(thread=make_thread(title="Router blinks red"), author=helper)
    set_helpful_vote(post=other, by=asker, voted=True)
    hide_post(post=other, by=StaffFactory(), reason="Contains a phone number")
    login(page, helper.email, PASSWORD)

    # When they open their profile and follow the link to the history
    page.goto(f"{site}/members/harper/")
    screenshot("profile")
    history = "Reputation history" if language == "en" else "Reputationsverlauf"
    page.get_by_role("link", name=history).click()

    # Then they see every booking, newest first, with links to their posts
    expect(page.get_by_role("heading", level=1)).to_have_text(history)
    rows = page.locator(".ledger__row")
    expect(rows).to_have_count(4)  # newest first: −10 (hidden), +10, +15, +10
    expect(rows.first).to_contain_text("\u221210")
    expect(rows.nth(2)).to_contain_text("+15")
    expect(page.get_by_role("link", name=thread.title)).to_have_count(2)
    audit = PageAudit(page, language=language, screenshot=screenshot)
    for viewport in (DESKTOP, PHONE):
        page.set_viewport_size(viewport)
        assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
        audit.check(f"reputation history at {viewport['width']} px")
    audit.assert_clean()
