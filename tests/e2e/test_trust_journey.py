"""Trust levels in the browser: reading a thread counts (the reading module runs under the
site's Content-Security-Policy), the member sees their progress; staff approve a nomination
and the new super user appears on the public page. Both widths, both languages, axe-clean."""

import pytest
from playwright.sync_api import Page, expect

from community.models import ThreadRead, TrustLevel
from gamification.services.trust import nominate
from tests.e2e.axe import PageAudit
from tests.factories import PASSWORD, MemberFactory, StaffFactory, make_thread

PHONE = {"width": 375, "height": 800}
DESKTOP = {"width": 1280, "height": 900}


def _overflow(page: Page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


@pytest.mark.parametrize("language", ["en", "de"])
def test_reading_a_thread_counts_towards_the_next_level(
    page: Page, site, login, screenshot, db, language
):
    member = MemberFactory(trust_level=TrustLevel.NEW, locale=language)
    thread = make_thread(title="Router restarts every night since the update")
    login(page, member.email, PASSWORD)

    # When the member opens a thread, the page reports it as read
    with page.expect_response(lambda response: "/reading/" in response.url) as report:
        page.goto(f"{site}{thread.get_absolute_url()}")
    assert report.value.status == 204
    assert ThreadRead.objects.filter(member=member, thread=thread).exists()

    # Then their progress towards "Basic member" counts it
    page.goto(f"{site}/trust-levels/")
    progress = page.locator(".trust-progress")
    expect(progress).to_contain_text("1 of 5" if language == "en" else "1 von 5")
    audit = PageAudit(page, language=language, screenshot=screenshot)
    for size in (DESKTOP, PHONE):
        page.set_viewport_size(size)
        assert _overflow(page) <= 0
        audit.check(f"trust levels at {size['width']} px")
    audit.assert_clean()


@pytest.mark.parametrize("language", ["en", "de"])
def test_staff_approve_a_nomination_and_the_super_user_is_presented(
    page: Page, site, login, screenshot, db, language
):
    staff = StaffFactory(username="agent", locale=language)
    helper = MemberFactory(display_name="Harper Helper", trust_level=TrustLevel.REGULAR)
    nominate(member=helper, by=staff, note="Answers every weekend, always kind")
    MemberFactory(display_name="Sam Senior", trust_level=TrustLevel.LEADER, reputation=2400)
    login(page, staff.email, PASSWORD)

    page.goto(f"{site}/staff/nominations/")
    audit = PageAudit(page, language=language, screenshot=screenshot)
    for size in (DESKTOP, PHONE):
        page.set_viewport_size(size)
        assert _overflow(page) <= 0
        audit.check(f"nominations at {size['width']} px")
    page.set_viewport_size(DESKTOP)
    row = page.locator("tr", has_text="Harper Helper")
    row.locator("summary").click()
    row.locator("textarea").fill("Welcome to the team of super users!")
    row.locator('button[value="approve"]').click()
    expect(page.locator(".message--success")).to_contain_text("Harper Helper")
    helper.refresh_from_db()
    assert helper.trust_level == TrustLevel.LEADER

    page.goto(f"{site}/super-users/")
    expect(page.locator(".super-user-grid")).to_contain_text("Harper Helper")
    expect(page.locator(".super-user-grid")).to_contain_text("Sam Senior")
    for size in (DESKTOP, PHONE):
        page.set_viewport_size(size)
        assert _overflow(page) <= 0
        audit.check(f"super users at {size['width']} px")
    audit.assert_clean()


def test_reading_reports_stop_once_the_member_signed_out_elsewhere(page: Page, site, login, db):
    member = MemberFactory(trust_level=TrustLevel.NEW)
    thread = make_thread(title="Router restarts every night since the update")
    login(page, member.email, PASSWORD)
    with page.expect_response(lambda response: "/reading/" in response.url) as report:
        page.goto(f"{site}{thread.get_absolute_url()}")
    assert report.value.status == 204

    # Signed out in another tab: the next report (the page is hidden) is refused ...
    page.context.clear_cookies()
    hide = """state => {
        Object.defineProperty(document, "visibilityState", {value: state, configurable: true});
        document.dispatchEvent(new Event("visibilitychange"));
    }"""
    with page.expect_response(lambda response: "/reading/" in response.url) as refused:
        page.evaluate(hide, "hidden")
    assert refused.value.status == 403

    # ... and the page asks no more: shown and hidden again, nothing is sent.
    sent = []
    page.on(
        "request", lambda request: sent.append(request.url) if "/reading/" in request.url else None
    )
    page.evaluate(hide, "visible")
    page.wait_for_timeout(1100)
    page.evaluate(hide, "hidden")
    page.wait_for_timeout(500)
    assert sent == []
