"""On a 375 px phone: a header that leaves room for the page, one search box, and a staff
queue that reads without sideways scrolling or words broken letter by letter."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from community.models import Thread
from tests.e2e.axe import PageAudit
from tests.factories import PASSWORD, SpaceFactory, StaffFactory, make_thread

PHONE = {"width": 375, "height": 800}
LONG_TITLE = "Telekommunikationsdienstleistungsrechnung lässt sich nicht herunterladen"

# Every word drawn in one piece: a range over the word has a single line box.
WORDS_BROKEN = """(selector) => {
  const broken = [];
  for (const element of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      for (const match of node.textContent.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
        if (lines.size > 1) broken.push(match[0]);
      }
    }
  }
  return broken;
}"""


@pytest.fixture
def phone(page: Page) -> Page:
    page.set_viewport_size(PHONE)
    return page


def _overflow(page: Page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def test_phone_header_folds_search_and_links_behind_a_menu(phone: Page, site, screenshot, db):
    SpaceFactory(slug="billing", name_en="Invoices & payment")
    phone.goto(f"{site}/questions/")

    # The header is one row: brand, "Ask" and "Menu"; the page starts right below it.
    header = phone.locator("header.site-header").bounding_box()
    assert header["height"] <= 80, header
    expect(phone.locator("#site-search-q")).to_be_hidden()
    menu = phone.get_by_role("button", name="Menu")
    expect(menu).to_have_attribute("aria-expanded", "false")
    screenshot("phone-header-closed")

    # The menu opens search and the links, with the focus in the search box ...
    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(phone.locator("#site-search-q")).to_be_focused()
    expect(phone.locator("#main-nav").get_by_role("link", name="Ideas")).to_be_visible()
    screenshot("phone-header-open")
    # ... and Escape closes it again, back on the button.
    phone.keyboard.press("Escape")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_focused()
    assert _overflow(phone) <= 0


def test_phone_header_without_javascript_shows_everything(browser, site, db):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(f"{site}/questions/")
    expect(page.locator("#site-search-q")).to_be_visible()
    expect(page.get_by_role("button", name="Menu")).to_be_hidden()
    expect(page.locator("#main-nav").get_by_role("link", name="Ideas")).to_be_visible()
    context.close()


@pytest.mark.parametrize("path", ["/", "/search/?q=invoice"])
def test_home_and_search_pages_have_one_search_box(page: Page, site, db, path):
    for viewport in (PHONE, {"width": 1280, "height": 900}):
        page.set_viewport_size(viewport)
        page.goto(f"{site}{path}")
        expect(page.get_by_role("searchbox")).to_have_count(1)


@pytest.mark.parametrize("language", ["en", "de"])
def test_staff_queue_on_a_phone_has_no_overflow_and_no_broken_word(
    phone: Page, site, login, screenshot, db, language
):
    staff = StaffFactory(username="agent", locale=language)
    space = SpaceFactory(slug="billing", name_en="Invoices & payment", name_de="Rechnungen")
    old = make_thread(space=space, title=LONG_TITLE)
    Thread.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=47, hours=2))
    make_thread(space=space, title="Router restarts every night since the update")
    login(phone, staff.email, PASSWORD)

    phone.goto(f"{site}/staff/waiting/")

    expect(phone.locator(".queue__table")).to_contain_text(LONG_TITLE)
    assert _overflow(phone) <= 0
    assert phone.evaluate(WORDS_BROKEN, ".queue__table td:not(.queue__question)") == []
    overdue = "47 days overdue" if language == "en" else "47 Tage überfällig"
    expect(phone.locator(".badge--overdue").first).to_have_text(overdue)
    screenshot(f"staff-queue-phone-{language}")
    audit = PageAudit(phone, language=language, screenshot=screenshot)
    audit.check("staff queue at 375 px")
    audit.assert_clean()
