"""A super user silences a member who keeps posting rude answers; staff read the audit log.
The moderation pages and dialogs have no serious accessibility violations, in both languages."""

import pytest
from playwright.sync_api import Page, expect

from community.models import TrustLevel
from community.services.moderation import close_as_duplicate
from tests.e2e.axe import PageAudit
from tests.factories import PASSWORD, MemberFactory, StaffFactory, make_answer, make_thread


@pytest.mark.parametrize("language", ["en", "de"])
def test_moderation_pages_and_a_silencing(page: Page, site, login, screenshot, db, language):
    leader = MemberFactory(username="lee", trust_level=TrustLevel.LEADER, locale=language)
    agent = StaffFactory(username="alex", locale=language)
    rude = MemberFactory(username="rude", locale=language)
    thread = make_thread(title="Router keeps rebooting every night")
    make_answer(thread=thread, author=rude, body="Read the manual, obviously.")
    make_answer(thread=thread, body="My printer also fails, by the way.")
    original = make_thread(title="Router reboots at night")
    close_as_duplicate(thread=thread, original=original, by=agent, reason="Asked before")
    audit = PageAudit(page, language=language, screenshot=screenshot)

    # The super user opens the thread tools, the split page and the member's moderation box.
    login(page, leader.email, PASSWORD)
    page.goto(f"{site}{thread.get_absolute_url()}")
    page.locator("details.staff-tools summary").last.click()
    audit.check("thread with moderation tools")
    page.goto(f"{site}/t/{thread.pk}/split/")
    audit.check("split page")
    page.goto(f"{site}/t/{thread.pk}/moderation/")
    audit.check("moderation history")
    page.goto(f"{site}/members/rude/")
    audit.check("profile with moderation box")
    page.locator("#id_silence-reason").fill("Rude answers")
    page.locator("#id_silence-period_0").check()
    page.locator("form[action$='/silence/'] button[value='impose']").click()
    audit.check("after silencing")

    # The member sees why, and until when, on every page.
    page.context.clear_cookies()
    login(page, rude.email, PASSWORD)
    page.goto(f"{site}/")
    expect(page.locator("#silenced-title")).to_be_visible()
    expect(page.get_by_text("Rude answers")).to_be_visible()
    audit.check("silenced notice")

    # Staff read the whole log.
    page.context.clear_cookies()
    login(page, agent.email, PASSWORD)
    page.goto(f"{site}/staff/audit/")
    expect(page.locator("tbody tr")).to_have_count(2)
    audit.check("staff audit log")
    audit.assert_clean()
