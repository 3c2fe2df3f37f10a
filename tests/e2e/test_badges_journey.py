"""Badges in a real browser: a member earns one by answering, finds it on /badges/, on the
badge's page and on their profile; the pages pass axe-core in both languages."""

import pytest
from playwright.sync_api import Page, expect

from community.services.solutions import accept_answer
from gamification.badges import BADGES
from tests.e2e.axe import PageAudit
from tests.factories import PASSWORD, MemberFactory, make_answer, make_thread


@pytest.mark.parametrize(
    "language",
    ["en", pytest.param("de", marks=pytest.mark.browser_context_args(locale="de-DE"))],
)
def test_badge_pages_have_no_serious_accessibility_violations(
    page: Page, site, login, screenshot, language, django_capture_on_commit_callbacks
):
    member = MemberFactory(username="harper", display_name="Harper Helper", locale=language)
    asker = MemberFactory(locale=language)
    with django_capture_on_commit_callbacks(execute=True):
        thread = make_thread(author=asker)
    with django_capture_on_commit_callbacks(execute=True):
        answer = make_answer(thread=thread, author=member)
    with django_capture_on_commit_callbacks(execute=True):
        accept_answer(answer=answer, by=asker)
    audit = PageAudit(page, language=language, screenshot=screenshot)

    for signed_in in (False, True):
        if signed_in:
            login(page, member.email, PASSWORD)
        who = "member" if signed_in else "visitor"
        for width in (1280, 375):
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(f"{site}/badges/")
            expect(page.locator(".badge-card")).to_have_count(len(BADGES))
            if signed_in:
                # first answer, first solution, basic member (the factory's level)
                expect(page.locator(".badge-card--held")).to_have_count(3)
            audit.check(f"badges-{who}-{width}")
            page.goto(f"{site}/badges/first-solution/")
            expect(page.locator(".holder-row")).to_have_count(1)
            expect(page.locator(".holder-row")).to_contain_text("Harper Helper")
            audit.check(f"badge-{who}-{width}")
            page.goto(f"{site}{member.get_absolute_url()}")
            expect(page.locator(".held-badge")).to_have_count(3)
            audit.check(f"profile-{who}-{width}")
    audit.assert_clean()
