"""Threads in the reader's language: the English community and the German one share one site.

A reader sees the threads in their language by default, can switch to every language with
a link (keyboard and no JavaScript included), keeps that choice while paging and sorting,
and sees which threads are in another language. Members choose the languages they read.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from community.services.staff import set_thread_pinned
from tests.community.lists import GERMAN_BODY, GERMAN_TITLE, german_thread
from tests.e2e.axe import PageAudit
from tests.factories import PASSWORD, MemberFactory, SpaceFactory, StaffFactory, make_thread

WELCOME = "Welcome to the community"
WILLKOMMEN = "Willkommen in der Community"
ENGLISH_QUESTION = "My invoice did not arrive this month"


@pytest.fixture
def bilingual(db):
    """A space with a pinned welcome post in each language and a question in each."""
    space = SpaceFactory(
        slug="billing", name_en="Invoices & payment", name_de="Rechnungen & Zahlung"
    )
    staff = StaffFactory(username="alex")
    welcome = make_thread(
        author=staff, space=space, title=WELCOME, body="Read this first, it is how we work here."
    )
    willkommen = german_thread(
        author=staff, space=space, title=WILLKOMMEN, body="Lies das zuerst, so arbeiten wir hier."
    )
    for thread in (welcome, willkommen):
        set_thread_pinned(thread=thread, pinned=True, by=staff)
    make_thread(space=space, title=ENGLISH_QUESTION, body="The invoice for my order is missing.")
    german_thread(space=space, title=GERMAN_TITLE, body=GERMAN_BODY)
    return space


def row(page: Page, title: str):
    return page.locator(".thread-row").filter(has=page.get_by_role("link", name=title, exact=True))


def test_english_reader_sees_english_threads_and_switches_to_all_languages(
    page: Page, site, screenshot, bilingual
):
    # Given an English-speaking visitor on the home page
    page.goto(f"{site}/")
    # Then only the English welcome post and question show, and the page says so
    expect(row(page, WELCOME)).to_be_visible()
    expect(row(page, ENGLISH_QUESTION)).to_be_visible()
    expect(page.get_by_text(WILLKOMMEN)).to_have_count(0)
    expect(page.get_by_text(GERMAN_TITLE)).to_have_count(0)
    expect(page.locator(".language-scope")).to_contain_text("Showing threads in English.")
    screenshot("home-english")

    # When they reach the switch with the keyboard and press Enter
    switch = page.get_by_role("link", name="Show all languages")
    switch.focus()
    expect(switch).to_be_focused()
    page.keyboard.press("Enter")

    # Then every language shows, the German threads marked as German
    expect(page).to_have_url(re.compile(r"\?lang=all$"))
    german_row = row(page, WILLKOMMEN)
    expect(german_row.locator('.badge--language[lang="de"]')).to_have_text("Deutsch")
    expect(german_row.get_by_role("link", name=WILLKOMMEN)).to_have_attribute("lang", "de")
    expect(row(page, WELCOME).locator(".badge--language")).to_have_count(0)
    screenshot("home-all-languages")

    # When they go on to the space's list, it still shows every language
    page.locator(".space-card").filter(has_text="Invoices & payment").click()
    expect(page).to_have_url(re.compile(r"/s/billing/\?lang=all$"))
    expect(row(page, GERMAN_TITLE)).to_be_visible()

    # And sorting (htmx swaps the list) keeps the choice in the address and the list
    page.get_by_label("Sort by").select_option("newest")
    expect(page).to_have_url(re.compile(r"lang=all.*sort=newest|sort=newest.*lang=all"))
    expect(row(page, GERMAN_TITLE)).to_be_visible()
    expect(page.get_by_role("link", name="Only English")).to_be_visible()
    screenshot("space-all-languages-newest")

    # When they switch back to English only
    page.get_by_role("link", name="Only English").click()
    expect(row(page, ENGLISH_QUESTION)).to_be_visible()
    expect(page.get_by_text(GERMAN_TITLE)).to_have_count(0)
    expect(page).to_have_url(re.compile(r"sort=newest"))
    screenshot("space-english-again")


@pytest.mark.browser_context_args(locale="de-DE", java_script_enabled=False)
def test_german_reader_switches_languages_without_javascript(
    page: Page, site, screenshot, bilingual
):
    # Given a German-speaking visitor whose browser runs no JavaScript
    page.goto(f"{site}/questions/")
    expect(row(page, WILLKOMMEN)).to_be_visible()
    expect(page.get_by_text(WELCOME, exact=True)).to_have_count(0)
    screenshot("list-german")
    # When they follow the switch, every language shows and the English ones are marked
    page.get_by_role("link", name="Alle Sprachen zeigen").click()
    english_row = row(page, ENGLISH_QUESTION)
    expect(english_row.locator('.badge--language[lang="en"]')).to_have_text("English")
    # And the sort form (a plain GET without JavaScript) keeps the choice
    page.get_by_label("Sortieren nach").select_option("newest")
    page.get_by_role("button", name="Anwenden").click()
    expect(page).to_have_url(re.compile(r"lang=all"))
    expect(row(page, ENGLISH_QUESTION)).to_be_visible()
    screenshot("list-all-languages-no-js")


def test_member_chooses_the_languages_they_read(page: Page, site, login, screenshot, bilingual):
    reader = MemberFactory(username="robin", display_name="Robin Reader")
    audit = PageAudit(page, language="en", screenshot=screenshot)
    login(page, reader.email, PASSWORD)
    page.goto(f"{site}/questions/")
    expect(page.get_by_text(GERMAN_TITLE)).to_have_count(0)

    # When they tick both languages in their profile
    page.goto(f"{site}/settings/profile/")
    languages = page.get_by_role("group", name="Languages I read")
    languages.get_by_label("German").check()
    languages.get_by_label("English").check()
    audit.check("profile-languages")
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_text("Your profile has been saved.")).to_be_visible()

    # Then lists show both languages, with nothing left to switch
    page.goto(f"{site}/questions/")
    expect(row(page, GERMAN_TITLE)).to_be_visible()
    expect(row(page, ENGLISH_QUESTION)).to_be_visible()
    expect(page.locator(".language-scope")).to_have_count(0)
    audit.check("list-both-languages")
    audit.assert_clean()


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize(
    "language",
    ["en", pytest.param("de", marks=pytest.mark.browser_context_args(locale="de-DE"))],
)
def test_lists_and_home_have_no_serious_accessibility_violations(
    page: Page, site, screenshot, bilingual, language, width
):
    page.set_viewport_size({"width": width, "height": 900})
    audit = PageAudit(page, language=language, screenshot=screenshot)
    for path, label in [
        ("/", "home"),
        ("/?lang=all", "home-all-languages"),
        ("/questions/", "list"),
        ("/questions/?lang=all", "list-all-languages"),
        ("/s/billing/?lang=all", "space-all-languages"),
    ]:
        page.goto(f"{site}{path}")
        expect(page.locator(".language-scope")).to_be_visible()
        audit.check(f"{label}-{width}")
    audit.assert_clean()
