"""Asking with help: the form suggests a space from the title, counts the title's length,
offers the existing tags; the tag pages list tags and their threads, and members follow tags.

Spaces, tags and earlier threads are made through the real services before each journey;
what the journey is about happens in the browser.
"""

import re

import pytest
from django.core.cache import cache
from playwright.sync_api import Page, expect

from community.models import Thread, TrustLevel
from community.services.space_suggestion import CACHE_KEY
from tests.e2e.axe import PageAudit
from tests.e2e.test_content_security_policy import PolicyWatch
from tests.factories import PASSWORD, MemberFactory, SpaceFactory, TagFactory, make_thread

TITLE = "Invoice PDF is empty on my phone"
BODY = "Since the app update the PDF of my March invoice opens as a white page."
EMPTY_FORM_ERRORS = (
    "Give your question a title.",
    "Describe your problem in a few sentences.",
    "Choose the space your question belongs in.",
)


@pytest.fixture(autouse=True)
def _fresh_space_words():
    """The learnt words live in the cache, which outlives each test's database."""
    cache.delete(CACHE_KEY)
    yield
    cache.delete(CACHE_KEY)


@pytest.fixture
def community(db):
    """Three spaces of the demo community, a few threads in each, and its official tags."""
    spaces = {
        "billing": SpaceFactory(
            slug="billing",
            name_en="Invoices & payment",
            name_de="Rechnungen & Zahlung",
            description_en="Invoices, payment methods, refunds and reminders.",
            description_de="Rechnungen, Zahlungsarten, Erstattungen und Mahnungen.",
        ),
        "orders": SpaceFactory(
            slug="orders",
            name_en="Orders & delivery",
            name_de="Bestellungen & Lieferung",
            description_en="Order status, shipping, returns and exchanges.",
            description_de="Bestellstatus, Versand, Rücksendungen und Umtausch.",
        ),
        "technical": SpaceFactory(
            slug="technical",
            name_en="Technical problems & error messages",
            name_de="Technische Probleme & Fehlermeldungen",
            description_en="Something does not work? Describe the error and what you tried.",
            description_de="Etwas funktioniert nicht? Beschreibe den Fehler.",
        ),
    }
    tags = {
        "invoice": TagFactory(
            name="invoice",
            description_en="Invoices: where to find them, what they say.",
            description_de="Rechnungen: wo du sie findest, was drinsteht.",
        ),
        "pdf": TagFactory(name="pdf", description_en="Documents to download."),
        "delivery": TagFactory(name="delivery"),
        "router": TagFactory(name="router"),
    }
    for space, tag, title in (
        ("billing", "invoice", "How do I download my invoice as a PDF?"),
        ("billing", "pdf", "Invoice PDF download not working in Firefox"),
        ("billing", "invoice", "Rechnung als PDF herunterladen"),
        ("orders", "delivery", "Parcel still not delivered after a week"),
        ("orders", "delivery", "Paket wurde nicht geliefert"),
        ("technical", "router", "Router blinks red after the update"),
        ("technical", "router", "WLAN bricht ständig ab"),
    ):
        make_thread(space=spaces[space], title=title, tags=[tags[tag]])
    return spaces, tags


def test_new_member_asks_with_a_suggested_space_and_a_tag_from_the_picker(
    page: Page, site, login, screenshot, community
):
    spaces, _tags = community
    watch = PolicyWatch(page, lambda label: None)  # the policy must refuse nothing on the way
    newcomer = MemberFactory(username="nina", trust_level=TrustLevel.NEW)
    login(page, newcomer.email, PASSWORD)
    page.goto(f"{site}/ask/")
    space_select = page.get_by_label("Which space?")
    expect(space_select).to_have_value("")  # nothing chosen for the member
    tags_field = page.get_by_role("combobox", name="Tags")
    expect(page.locator(".tag-vocabulary")).to_have_attribute("open", "")
    screenshot("ask-empty")

    # When the member types the title
    page.get_by_label("Title").press_sequentially(TITLE, delay=5)
    # Then a counter shows its length, and the space its words belong to is suggested
    expect(page.locator(".char-counter")).to_have_text(f"{len(TITLE)} / 150")
    suggestion = page.locator("#space-suggestion")
    expect(suggestion).to_contain_text("Suggested: Invoices & payment")
    screenshot("ask-space-suggested")
    # When they take the suggestion, the select has it and the suggestion goes
    suggestion.get_by_role("button", name="Choose this space").click()
    expect(space_select).to_have_value(str(spaces["billing"].pk))
    expect(space_select).to_be_focused()
    expect(suggestion).to_be_empty()
    page.get_by_label("Describe your problem").fill(BODY)

    # When they type a tag of their own, the picker offers the existing ones while typing
    tags_field.press_sequentially("invoices", delay=20)
    expect(page.get_by_role("listbox")).to_be_hidden()  # nothing starts with "invoices"
    page.get_by_role("button", name="Post your question").click()
    # Then the new tag is refused, and the message names the tags that do exist
    error = page.locator("#id_tags_error")
    expect(error).to_contain_text("“invoices” does not exist yet")
    expect(error).to_contain_text("Tags you can use: invoice,")
    expect(page.get_by_label("Which space?")).to_have_value(str(spaces["billing"].pk))
    screenshot("ask-new-tag-refused")

    # When they clear the field and pick “invoice” from the picker with the keyboard
    tags_field = page.get_by_role("combobox", name="Tags")
    tags_field.fill("")
    tags_field.press_sequentially("inv", delay=20)
    listbox = page.get_by_role("listbox")
    expect(listbox.get_by_role("option")).to_have_count(1)
    expect(listbox.get_by_role("option").first).to_contain_text("invoice")
    expect(tags_field).to_have_attribute("aria-expanded", "true")
    tags_field.press("ArrowDown")
    expect(listbox.get_by_role("option").first).to_have_attribute("aria-selected", "true")
    screenshot("ask-tag-offered")
    tags_field.press("Enter")
    expect(tags_field).to_have_value("invoice, ")
    expect(tags_field).to_have_attribute("aria-expanded", "false")
    # and add “pdf” from the list of official tags under the field
    page.locator(".tag-vocabulary").get_by_role("button", name="Add the tag pdf").click()
    expect(tags_field).to_have_value("invoice, pdf, ")
    screenshot("ask-tags-picked")
    page.get_by_role("button", name="Post your question").click()

    # Then the question is posted in the suggested space with both tags
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    thread = Thread.objects.get(title=TITLE)
    assert thread.space == spaces["billing"]
    assert sorted(thread.tags.values_list("name", flat=True)) == ["invoice", "pdf"]
    screenshot("question-posted")
    watch.check("journey")
    refused = "Failed to load resource: the server responded with a status of 400"
    assert [f for f in watch.findings if refused not in f] == []  # 400: the refused tag


def test_empty_ask_form_shows_each_error_once(page: Page, site, login, screenshot, community):
    member = MemberFactory(username="olli")
    login(page, member.email, PASSWORD)
    page.goto(f"{site}/ask/")
    page.get_by_role("button", name="Post your question").click()
    for message in EMPTY_FORM_ERRORS:
        expect(page.get_by_text(message, exact=True)).to_have_count(1)
    expect(page.locator(".errorlist li")).to_have_count(len(EMPTY_FORM_ERRORS))
    screenshot("ask-empty-form-errors")


def test_title_counter_warns_near_and_over_the_limit(page: Page, site, login, community):
    member = MemberFactory(username="tess")
    login(page, member.email, PASSWORD)
    page.goto(f"{site}/ask/")
    title = page.get_by_label("Title")
    counter = page.locator(".char-counter")
    title.fill("x" * 140)
    title.press("x")
    expect(counter).to_contain_text("141 / 150 · 9 characters left")
    expect(counter).to_have_class(re.compile(r"char-counter--near"))
    title.fill("x" * 152)
    title.press("x")
    expect(counter).to_contain_text("153 / 150 · 3 characters too many")
    expect(counter).to_have_class(re.compile(r"char-counter--over"))
    # The spoken part (a polite live region) changed once, when the title went over the
    # limit (152 characters, pasted): not again at every key after that.
    expect(counter.locator("[aria-live=polite]")).to_have_text("2 characters too many")
    expect(title).to_have_value("x" * 153)  # nothing cut


@pytest.mark.browser_context_args(java_script_enabled=False)
def test_asking_works_without_javascript(page: Page, site, login, screenshot, community):
    spaces, _tags = community
    member = MemberFactory(username="nojs", trust_level=TrustLevel.NEW)
    login(page, member.email, PASSWORD)
    page.goto(f"{site}/ask/")
    # The official tags are listed under the field, for reading
    expect(page.locator(".tag-vocabulary__list")).to_contain_text("invoice")
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Describe your problem").fill(BODY)
    page.get_by_label("Tags").fill("pdf")
    # “Look for similar” shows the suggested space too; choosing it keeps everything typed
    page.get_by_role("button", name="Look for similar solved questions").click()
    expect(page.locator("#space-suggestion")).to_contain_text("Suggested: Invoices & payment")
    screenshot("no-js-space-suggested")
    page.get_by_role("button", name="Choose this space").click()
    expect(page.get_by_label("Which space?")).to_have_value(str(spaces["billing"].pk))
    expect(page.get_by_label("Describe your problem")).to_have_value(BODY)
    page.get_by_role("button", name="Post your question").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    assert list(Thread.objects.get(title=TITLE).tags.values_list("name", flat=True)) == ["pdf"]


def test_member_follows_a_tag_from_the_tag_index(page: Page, site, login, screenshot, community):
    member = MemberFactory(username="fran")
    watch = PolicyWatch(page, screenshot)
    login(page, member.email, PASSWORD)
    page.goto(f"{site}/tags/")
    page.get_by_role("link", name="#invoice").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("#invoice")
    expect(page.locator(".thread-row")).to_have_count(2)
    follow = page.locator("#follow-tag").get_by_role("button")
    follow.click()
    expect(follow).to_have_attribute("aria-pressed", "true")  # swapped in place by htmx
    assert member.tag_follows.get().tag.name == "invoice"
    watch.check("tag-followed")  # and the policy refused nothing (the screenshot is taken here)
    watch.assert_clean()


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize(
    "language",
    ["en", pytest.param("de", marks=pytest.mark.browser_context_args(locale="de-DE"))],
)
def test_ask_and_tag_pages_have_no_serious_accessibility_violations(
    page: Page, site, login, screenshot, community, language, width
):
    _spaces, tags = community
    page.set_viewport_size({"width": width, "height": 900})
    member = MemberFactory(username="ally", locale=language, trust_level=TrustLevel.NEW)
    audit = PageAudit(page, language=language, screenshot=screenshot)

    page.goto(f"{site}/tags/")
    audit.check("tags")
    page.goto(f"{site}{tags['invoice'].get_absolute_url()}")
    audit.check("tag-page")

    login(page, member.email, PASSWORD)
    page.goto(f"{site}{tags['invoice'].get_absolute_url()}")
    audit.check("tag-page-signed-in")
    page.goto(f"{site}/ask/")
    page.locator('input[name="title"]').press_sequentially(TITLE, delay=5)
    expect(page.locator("#space-suggestion button")).to_be_visible()
    page.locator('input[name="tags"]').press_sequentially("in", delay=20)
    expect(page.get_by_role("listbox")).to_be_visible()
    audit.check("ask-typing")
    page.get_by_role("button", name=re.compile("Post your question|Frage veröffentlichen")).click()
    expect(page.locator(".errorlist").first).to_be_visible()
    audit.check("ask-errors")
    audit.assert_clean()
