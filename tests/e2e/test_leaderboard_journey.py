"""The leaderboard in a real browser: a member picks a space, finds their own rank, and the
page has no serious accessibility violations, wide and on a phone, in both languages."""

import pytest
from django.core.cache import cache
from playwright.sync_api import Page, expect

from tests.e2e.axe import PageAudit
from tests.factories import PASSWORD, MemberFactory, SpaceFactory
from tests.gamification.ledger_rows import book


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()  # top lists are cached: one test's board must not show in the next
    yield
    cache.clear()


@pytest.fixture
def board(db):
    """Two spaces; three helpers ahead of the member in one of them, one in the other."""
    invoices = SpaceFactory(slug="invoices", name_en="Invoices & payment", name_de="Rechnungen")
    orders = SpaceFactory(slug="orders", name_en="Orders & delivery", name_de="Bestellungen")
    member = MemberFactory(username="james", display_name="James Robinson")
    for points, name in [(45, "Greta Hoffmann"), (30, "Ida Koch"), (20, "Jonas Richter")]:
        book(MemberFactory(display_name=name), points, space=invoices)
    book(MemberFactory(display_name="Noah Neumann"), 50, space=orders)
    book(member, 10, space=invoices)
    return member


def test_leaderboard_journey_a_member_finds_their_rank_in_a_space(
    page: Page, site, login, screenshot, board
):
    login(page, board.email, PASSWORD)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Leaderboard").click()

    expect(page.locator(".leaderboard-standing")).to_contain_text("Your rank: #5 with 10 points")
    page.get_by_label("Space").select_option(label="Invoices & payment")
    page.get_by_role("button", name="Show").click()

    expect(page).to_have_url(f"{site}/leaderboard/?period=week&space=invoices")
    expect(page.locator(".leaderboard-standing")).to_contain_text("Your rank: #4 with 10 points")
    expect(page.locator(".leaderboard tbody tr")).to_have_count(4)
    expect(page.locator(".leaderboard__you")).to_contain_text("James Robinson")
    screenshot("leaderboard-space")
    page.get_by_role("link", name="All time").click()
    expect(page).to_have_url(f"{site}/leaderboard/?period=all&space=invoices")
    expect(page.locator(".leaderboard-standing")).to_contain_text("#4")


@pytest.mark.parametrize(
    "language",
    ["en", pytest.param("de", marks=pytest.mark.browser_context_args(locale="de-DE"))],
)
def test_leaderboard_page_has_no_serious_accessibility_violations(
    page: Page, site, login, screenshot, board, language
):
    board.locale = language  # signed in, the page speaks the member's language
    board.save(update_fields=["locale"])
    audit = PageAudit(page, language=language, screenshot=screenshot)
    for signed_in in (False, True):
        if signed_in:
            login(page, board.email, PASSWORD)
        who = "member" if signed_in else "visitor"
        for width in (1280, 375):
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(f"{site}/leaderboard/?period=month")
            expect(page.locator(".leaderboard tbody tr")).to_have_count(5)
            audit.check(f"leaderboard-{who}-{width}")
        page.goto(f"{site}/leaderboard/?period=week&space=orders")
        audit.check(f"leaderboard-{who}-space")
    audit.assert_clean()
