"""Trusted members tidy up: a regular gives a thread a clearer title and moves it, a super
user merges a duplicate into it; readers of the duplicate land on the original. Seen on a
laptop and on a phone, and checked with axe."""

import pytest
from haystack import connections
from playwright.sync_api import Page, expect

from community.models import TrustLevel
from tests.e2e.axe import PageAudit
from tests.factories import PASSWORD, MemberFactory, SpaceFactory, make_answer, make_thread


@pytest.fixture(autouse=True)
def empty_search_index():
    connections["default"].get_backend().clear()


def _open_tools(page: Page) -> None:
    for summary in page.locator("details.staff-tools > summary").all():
        summary.click()


@pytest.mark.parametrize("width", [1280, 375])
def test_a_regular_retitles_and_a_super_user_merges_a_duplicate(
    page: Page, site, login, screenshot, width
):
    page.set_viewport_size({"width": width, "height": 900})
    billing, orders = SpaceFactory(name_en="Invoices & payment"), SpaceFactory(name_en="Orders")
    original = make_thread(title="Invoice PDF is empty", space=billing)
    make_answer(thread=original, body="Open the invoice in the browser instead of the app.")
    duplicate = make_thread(title="pdf broken help!!", space=billing)
    make_answer(thread=duplicate, body="Same for me, the app shows a blank page for invoices.")
    regular = MemberFactory(trust_level=TrustLevel.REGULAR, display_name="Rita Regular")
    MemberFactory(trust_level=TrustLevel.LEADER, display_name="Sam Super", email="sam@example.com")
    make_answer(
        thread=duplicate,
        author=MemberFactory(email="sam2@example.com", trust_level=TrustLevel.LEADER),
        body="Super users see this: clearing the app cache helps until the fix is out.",
    )
    audit = PageAudit(page, language="en", screenshot=screenshot)

    # A regular gives the duplicate a clearer title and moves it to the right space
    login(page, regular.email, PASSWORD)
    page.goto(f"{site}{duplicate.get_absolute_url()}")
    _open_tools(page)
    audit.check(f"regular-thread-{width}")
    page.get_by_label("Title").fill("Invoice PDF shows a blank page in the app")
    page.get_by_role("button", name="Save title and tags").click()
    expect(page.locator("h1")).to_have_text("Invoice PDF shows a blank page in the app")
    _open_tools(page)
    page.get_by_label("Space").select_option(label="Orders")
    page.get_by_role("button", name="Move", exact=True).click()
    expect(page.locator(".breadcrumb")).to_contain_text(orders.name_en)

    # A super user merges it into the original, after seeing what will happen
    page.context.clear_cookies()
    login(page, "sam@example.com", PASSWORD)
    page.goto(f"{site}{duplicate.get_absolute_url()}")
    _open_tools(page)
    expect(page.locator(".badge--super-user")).to_have_count(1)
    audit.check(f"super-user-thread-{width}")
    # The thread tools' own merge form (the possible-duplicates box has one per candidate).
    tools = page.locator(".staff-tools__merge")
    tools.get_by_label("Merge into").fill(f"{site}{original.get_absolute_url()}")
    tools.get_by_label("Reason for merging (shown publicly)").fill(
        "The same problem is answered here."
    )
    tools.get_by_role("button", name="Merge into…").click()
    expect(page.locator("h1")).to_have_text("Merge threads?")
    audit.check(f"merge-confirm-{width}")
    page.get_by_role("button", name="Merge threads").click()
    expect(page.locator("h1")).to_have_text("Invoice PDF is empty")
    expect(page.locator(".answers .post")).to_have_count(3)

    # A reader of the duplicate's address lands on the original and reads why
    page.context.clear_cookies()
    page.goto(f"{site}/t/{duplicate.pk}/")
    expect(page.locator("h1")).to_have_text("Invoice PDF is empty")
    expect(page.get_by_text("was merged into this thread")).to_be_visible()
    audit.check(f"visitor-after-merge-{width}")
    audit.assert_clean()
