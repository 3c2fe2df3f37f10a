"""Ideas: a member suggests one, others vote for it on /ideas/, and the support team moves it
through its statuses, in a real browser against the live server."""

import re

import pytest
from haystack import connections
from playwright.sync_api import Locator, Page, expect

from community.models import IdeaStatus, Thread, ThreadKind, TrustLevel
from community.services.ideas import change_idea_status
from community.services.reactions import set_me_too
from tests.e2e.axe import PageAudit
from tests.factories import (
    PASSWORD,
    MemberFactory,
    SpaceFactory,
    StaffFactory,
    make_answer,
    make_thread,
)

IDEA_TITLE = "Dark mode in the app"
IDEA_BODY = "Checking my usage at night is blinding. Please add light / dark / follow system."
PLANNED = "Good news: dark mode is planned for one of the next app releases."
IN_PROGRESS = "The app team has started: dark mode is being built and tested now."


@pytest.fixture(autouse=True)
def empty_search_index():
    """Each test starts with an empty index: the index folder outlives the test database."""
    connections["default"].get_backend().clear()


@pytest.fixture
def spaces(db):
    """A space for questions and the one ideas go to."""
    SpaceFactory(slug="billing", name_en="Invoices & payment", name_de="Rechnungen & Zahlung")
    return SpaceFactory(
        slug="ideas",
        name_en="Feedback & ideas",
        name_de="Feedback & Ideen",
        default_kind=ThreadKind.IDEA,
    )


def idea_row(page: Page, title: str) -> Locator:
    return page.locator(".idea-row").filter(has=page.get_by_role("link", name=title))


def log_out(page: Page) -> None:
    page.locator(".account-nav").get_by_role("button", name="Sign out").click()
    expect(page.locator(".account-nav").get_by_role("link", name="Sign in")).to_be_visible()


def current_nav_link(page: Page) -> Locator:
    return page.locator('.main-nav a[aria-current="page"]')


def change_status(page: Page, status: str, comment: str) -> None:
    status_section = page.locator(".idea-status")
    status_section.get_by_text("Change status").click()
    status_section.get_by_label("New status").select_option(label=status)
    status_section.get_by_label("Comment for the community").fill(comment)
    status_section.get_by_role("button", name="Save status").click()


def test_ideas_journey_an_idea_is_suggested_voted_for_and_moves_through_statuses(
    page: Page, site, login, screenshot, spaces
):
    suggester = MemberFactory(username="emily", display_name="Emily Johnson")
    # Voting for ideas comes with the trust level "Member".
    voter = MemberFactory(
        username="james", display_name="James Robinson", trust_level=TrustLevel.MEMBER
    )
    agent = StaffFactory(username="ben", display_name="Ben Carter")

    # --- 1. Suggest ---------------------------------------------------------------------------
    # When a member opens "Ideas" from the main navigation and follows "Suggest an idea"
    login(page, suggester.email, PASSWORD)
    page.locator(".main-nav").get_by_role("link", name="Ideas").click()
    expect(page).to_have_url(f"{site}/ideas/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ideas")
    expect(current_nav_link(page)).to_have_text("Ideas")
    expect(page.locator(".card.empty")).to_contain_text("No ideas yet.")
    screenshot("ideas-empty")
    page.get_by_role("link", name="Suggest an idea").click()

    # Then the ask form starts as an idea in the ideas space
    expect(page.get_by_label("What is it?")).to_have_value("idea")
    expect(page.get_by_label("Space")).to_have_value(str(spaces.pk))

    # When they describe the idea and post it
    page.get_by_label("Title").fill(IDEA_TITLE)
    page.locator('textarea[name="body"]').fill(IDEA_BODY)
    screenshot("suggest-filled")
    page.locator("#ask-form button[type=submit]").first.click()

    # Then the idea thanks them in the words of ideas: votes, comments, a status
    expect(page.get_by_role("heading", level=1)).to_have_text(IDEA_TITLE)
    idea = Thread.objects.get(title=IDEA_TITLE)
    assert idea.kind == ThreadKind.IDEA
    expect(page.locator(".ack").get_by_role("heading")).to_have_text(
        "Thank you, your idea is posted!"
    )
    expect(page.locator(".idea-status h2")).to_have_text("Status of this idea: New")
    expect(page.get_by_role("heading", name="0 comments")).to_be_visible()
    expect(page.locator("article.post--opening").get_by_text("Helpful")).to_have_count(0)
    expect(current_nav_link(page)).to_have_text("Ideas")
    screenshot("idea-posted")

    # --- 2. Vote on the list ------------------------------------------------------------------
    # When another member finds it on /ideas/ and says "I want this too" on its row
    log_out(page)
    login(page, voter.email, PASSWORD)
    page.goto(f"{site}/ideas/")
    row = idea_row(page, IDEA_TITLE)
    vote = row.get_by_role("button", name=re.compile("I want this too"))
    expect(vote.locator(".reaction__count")).to_have_text("0")
    expect(row.locator(".badge")).to_have_text("New")
    vote.click()

    # Then the vote counts in place
    expect(vote).to_have_attribute("aria-pressed", "true")
    expect(vote.locator(".reaction__count")).to_have_text("1")
    assert page.url == f"{site}/ideas/"
    screenshot("ideas-voted")

    # --- 3. The team moves it through its statuses --------------------------------------------
    # When an agent opens the idea and plans it
    log_out(page)
    login(page, agent.email, PASSWORD)
    page.goto(f"{site}/ideas/")
    page.get_by_role("link", name=IDEA_TITLE).click()
    change_status(page, "Planned", PLANNED)

    # Then the status and its reason are on top of the idea
    expect(page.locator(".message--success")).to_have_text(
        "Status changed; followers and voters are told."
    )
    expect(page.locator(".idea-status h2")).to_have_text("Status of this idea: Planned")
    expect(page.locator(".idea-history__item").first).to_contain_text(PLANNED)
    screenshot("idea-planned")

    # and the idea moved from the "New" tab to the "Planned" tab
    page.goto(f"{site}/ideas/")
    page.locator(".idea-tabs").get_by_role("link", name=re.compile("^New")).click()
    expect(page.get_by_role("link", name=IDEA_TITLE)).to_have_count(0)
    page.locator(".idea-tabs").get_by_role("link", name=re.compile("^Planned")).click()
    expect(page).to_have_url(f"{site}/ideas/?status=planned")
    expect(idea_row(page, IDEA_TITLE).locator(".badge")).to_have_text("Planned")
    screenshot("ideas-planned-tab")

    # When the work starts
    idea_row(page, IDEA_TITLE).get_by_role("link", name=IDEA_TITLE).click()
    change_status(page, "In progress", IN_PROGRESS)

    # Then the history shows both steps, the latest first
    history = page.locator(".idea-history__item")
    expect(history).to_have_count(2)
    expect(history.nth(0)).to_contain_text("In progress")
    expect(history.nth(0)).to_contain_text(IN_PROGRESS)
    expect(history.nth(1)).to_contain_text("Planned")
    screenshot("idea-in-progress")
    page.goto(f"{site}/ideas/?status=in_progress")
    expect(idea_row(page, IDEA_TITLE).locator(".badge")).to_have_text("In progress")
    expect(page.locator('.idea-tabs a[aria-current="page"]')).to_contain_text("In progress")
    screenshot("ideas-in-progress-tab")


@pytest.mark.parametrize(
    "language",
    ["en", pytest.param("de", marks=pytest.mark.browser_context_args(locale="de-DE"))],
)
def test_ideas_pages_have_no_serious_accessibility_violations(
    page: Page, site, login, screenshot, spaces, language
):
    """The ideas list and an idea with its history and comments, wide and on a phone, for a
    visitor and for a member who may vote and comment."""
    staff = StaffFactory(username="ben", display_name="Ben Carter")
    member = MemberFactory(
        username="james",
        display_name="James Robinson",
        locale=language,
        trust_level=TrustLevel.MEMBER,  # who may vote for ideas
    )
    idea = make_thread(space=spaces, kind=ThreadKind.IDEA, title=IDEA_TITLE, body=IDEA_BODY)
    change_idea_status(thread=idea, by=staff, status=IdeaStatus.PLANNED, comment=PLANNED)
    change_idea_status(thread=idea, by=staff, status=IdeaStatus.IN_PROGRESS, comment=IN_PROGRESS)
    make_answer(thread=idea, body="Would also save battery on OLED screens.")
    set_me_too(thread=idea, by=MemberFactory(), me_too=True)
    other = make_thread(space=spaces, kind=ThreadKind.IDEA, title="Export invoices as CSV")
    set_me_too(thread=other, by=member, me_too=True)
    make_thread(space=spaces, kind=ThreadKind.IDEA, title="Sign in with passkeys", author=member)
    audit = PageAudit(page, language=language, screenshot=screenshot)

    for signed_in in (False, True):
        if signed_in:
            login(page, member.email, PASSWORD)
        who = "member" if signed_in else "visitor"
        for width in (1280, 375):
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(f"{site}/ideas/")
            expect(page.locator(".idea-row")).to_have_count(3)
            audit.check(f"ideas-{who}-{width}")
            page.goto(f"{site}{idea.get_absolute_url()}")
            expect(page.locator(".idea-history__item")).to_have_count(2)
            audit.check(f"idea-{who}-{width}")
    audit.assert_clean()
