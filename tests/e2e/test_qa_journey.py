"""The heart of the community: a question is asked, answered, voted on, solved and answered
officially, seen through the pages each person uses, in a real browser against the live server.

Data that exists before the journey (members, spaces, an earlier solved question) is made
through the real services; everything the journey is about happens in the browser. The search
index is updated by the on-commit task, so threads made here are searchable at once.
"""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from haystack import connections
from playwright.sync_api import Locator, Page, expect

from community.models import Thread
from community.services.reactions import set_helpful_vote
from community.services.solutions import accept_answer
from tests.e2e.axe import PageAudit
from tests.factories import (
    PASSWORD,
    MemberFactory,
    SpaceFactory,
    StaffFactory,
    make_answer,
    make_thread,
)

SOLVED_EARLIER = "Invoice PDF does not open in the app"
QUESTION_TITLE = "Invoice PDF download fails on my phone"
QUESTION_BODY = (
    "Since yesterday the PDF of my March invoice does not download on my Android phone. "
    "On the laptop it works."
)
MEMBER_ANSWER = "Open the invoice on the website instead: the app cannot show PDFs on Android yet."
STAFF_ANSWER = "Thanks for reporting this. We fixed the PDF download in app version 4.2."


@pytest.fixture(autouse=True)
def empty_search_index():
    """Each test starts with an empty index: the index folder outlives the test database."""
    connections["default"].get_backend().clear()


@pytest.fixture
def billing(db):
    """The space questions are asked in; a 2-hour target the acknowledgement repeats."""
    return SpaceFactory(
        slug="billing",
        name_en="Invoices & payment",
        name_de="Rechnungen & Zahlung",
        first_response_target=120,
    )


def solved_thread(*, title: str, space, body: str = "The PDF viewer shows an error.") -> Thread:
    """A thread that an answer solved, as a member would have solved it."""
    thread = make_thread(title=title, body=body, space=space)
    answer = make_answer(thread=thread, body="Updating the app fixed it for me.")
    accept_answer(answer=answer, by=thread.author)
    return thread


def post_article(page: Page, text: str) -> Locator:
    """The post (opening post or answer) whose body contains `text`."""
    return page.locator("article.post").filter(has_text=text)


def helpful_button(post: Locator) -> Locator:
    return post.get_by_role("button", name=re.compile("Helpful"))


def log_out(page: Page) -> None:
    page.locator(".account-nav").get_by_role("button", name="Sign out").click()
    expect(page.locator(".account-nav").get_by_role("link", name="Sign in")).to_be_visible()


def open_from_question_list(page: Page, site: str, title: str) -> None:
    page.goto(f"{site}/questions/")
    page.locator(".thread-row").get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)


def suggestions_for(title: str):
    """Matches the ask form's request for solved questions like `title` (GET /ask/similar/)."""

    def matches(response) -> bool:
        url = urlsplit(response.url)
        return url.path == "/ask/similar/" and parse_qs(url.query).get("title") == [title]

    return matches


def mark_document(page: Page) -> None:
    """Tag the current document, so `same_document` can tell whether the page was reloaded."""
    page.evaluate("() => { window.__qaJourneyDocument = true; }")


def same_document(page: Page) -> bool:
    return page.evaluate("() => window.__qaJourneyDocument === true")


def test_qa_journey_question_is_asked_answered_voted_solved_and_answered_officially(
    page: Page, site, login, screenshot, billing
):
    # Given a solved question about invoices, and three people: the customer who asks,
    # a helpful member and an agent of the support team
    earlier = solved_thread(title=SOLVED_EARLIER, space=billing)
    asker = MemberFactory(username="casey", display_name="Casey Customer")
    helper = MemberFactory(username="harper", display_name="Harper Helper")
    agent = StaffFactory(username="alex", display_name="Alex Agent")

    # --- 1. Ask ---------------------------------------------------------------------------------
    # When the customer logs in and follows "Ask a question"
    login(page, asker.email, PASSWORD)
    page.locator(".main-nav").get_by_role("link", name="Ask a question").click()
    expect(page).to_have_url(re.compile(r"/ask/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Ask the community")
    screenshot("ask-empty")

    # and types a title like the solved question's
    with page.expect_response(suggestions_for(QUESTION_TITLE)):
        page.get_by_label("Title").press_sequentially(QUESTION_TITLE, delay=10)

    # Then the similar solved question appears under the title, as a link to it
    similar = page.locator("#similar-threads")
    expect(similar.get_by_role("heading")).to_have_text(
        "Solved questions that may already answer yours"
    )
    suggested = similar.get_by_role("link", name=SOLVED_EARLIER)
    expect(suggested).to_be_visible()
    # through the knowledge base's link, which records the opening and redirects to it
    expect(suggested).to_have_attribute(
        "href", reverse("knowledge:open_suggestion", kwargs={"kind": "thread", "pk": earlier.pk})
    )
    screenshot("ask-similar-suggested")

    # When they describe the problem, pick the space and post
    page.locator('textarea[name="body"]').fill(QUESTION_BODY)
    page.get_by_label("Space").select_option(label="Invoices & payment")
    screenshot("ask-filled")
    page.get_by_role("button", name="Post your question").click()

    # Then their new thread thanks them and says how soon an answer is expected
    expect(page.get_by_role("heading", level=1)).to_have_text(QUESTION_TITLE)
    thread = Thread.objects.get(title=QUESTION_TITLE)
    expect(page).to_have_url(f"{site}{thread.get_absolute_url()}")
    ack = page.locator(".ack")
    expect(ack.get_by_role("heading")).to_have_text("Thank you, your question is posted!")
    expect(ack).to_contain_text("We aim to answer within 2 hours.")
    expect(ack).to_contain_text("If nobody from the community has answered within 2 hours")
    expect(post_article(page, "March invoice")).to_be_visible()
    expect(page.get_by_role("heading", name="0 answers")).to_be_visible()
    screenshot("question-posted")

    # --- 2. Answer ------------------------------------------------------------------------------
    # When a second member logs in, finds the question in the list and answers it
    log_out(page)
    login(page, helper.email, PASSWORD)
    open_from_question_list(page, site, QUESTION_TITLE)
    expect(page.locator(".ack")).to_have_count(0)
    page.get_by_role("textbox", name="Your answer").fill(MEMBER_ANSWER)
    screenshot("answer-filled")
    page.get_by_role("button", name="Post answer").click()

    # Then the answer is on the thread, and the helper cannot vote for their own answer
    expect(page.locator(".message--success")).to_have_text("Thank you! Your answer is posted.")
    answer = post_article(page, MEMBER_ANSWER)
    expect(answer).to_be_visible()
    expect(answer.locator(".post__author")).to_have_text("Harper Helper")
    expect(page.get_by_role("heading", name="1 answer")).to_be_visible()
    expect(helpful_button(answer)).to_have_count(0)
    screenshot("answer-posted")

    # --- 3. Vote --------------------------------------------------------------------------------
    # When the asker comes back and finds the answer helpful
    log_out(page)
    login(page, asker.email, PASSWORD)
    page.goto(f"{site}{thread.get_absolute_url()}")
    answer = post_article(page, MEMBER_ANSWER)
    helpful = helpful_button(answer)
    expect(helpful).to_have_attribute("aria-pressed", "false")
    expect(helpful.locator(".reaction__count")).to_have_text("0")
    thread_url = page.url
    mark_document(page)
    helpful.click()

    # Then the count goes up in place: same page, no reload, the button shows it is pressed
    expect(helpful.locator(".reaction__count")).to_have_text("1")
    expect(helpful).to_have_attribute("aria-pressed", "true")
    assert page.url == thread_url
    assert same_document(page), "the page reloaded; the helpful vote should be swapped in place"
    screenshot("helpful-on")

    # When they click it again, the vote is taken back
    helpful.click()
    expect(helpful.locator(".reaction__count")).to_have_text("0")
    expect(helpful).to_have_attribute("aria-pressed", "false")
    assert page.url == thread_url
    assert same_document(page), "the page reloaded; the helpful vote should be swapped in place"
    screenshot("helpful-off")

    # --- 4. Accept ------------------------------------------------------------------------------
    # When the asker accepts the answer as the solution
    answer.get_by_role("button", name=re.compile("Accept as solution")).click()

    # Then the thread says it is solved and leads to the solution
    expect(page.locator(".message--success")).to_have_text(
        "Marked as the solution. Thank you for closing the loop!"
    )
    expect(answer.locator(".badge--solved")).to_have_text("✓ Solution")
    expect(page.locator(".thread-head .badge--solved")).to_have_text("✓ Solved")
    summary = page.locator(".solution-summary")
    expect(summary.get_by_role("heading")).to_have_text("✓ Solved")
    expect(summary).to_contain_text("Harper Helper found the solution:")
    expect(summary.get_by_role("link", name="Go to solution")).to_be_visible()
    expect(answer.get_by_role("button", name="Not the solution after all")).to_be_visible()
    screenshot("solution-accepted")

    # and the question list shows it as solved
    page.goto(f"{site}/questions/")
    row = page.locator(".thread-row").filter(has=page.get_by_role("link", name=QUESTION_TITLE))
    expect(row.locator(".badge--solved")).to_have_text("✓ Solved")
    screenshot("question-list-solved")

    # When "Go to solution" is followed, it leads to the accepted answer
    row.get_by_role("link", name=QUESTION_TITLE).click()
    page.locator(".solution-summary").get_by_role("link", name="Go to solution").click()
    expect(page).to_have_url(re.compile(rf"{re.escape(thread.get_absolute_url())}#post-\d+$"))
    assert page.url.endswith(f"#{answer.get_attribute('id')}")

    # --- 5. Official answer ---------------------------------------------------------------------
    # When an agent of the support team answers
    log_out(page)
    login(page, agent.email, PASSWORD)
    open_from_question_list(page, site, QUESTION_TITLE)
    page.get_by_role("textbox", name="Your answer").fill(STAFF_ANSWER)
    page.get_by_role("button", name="Post answer").click()

    # Then the answer is marked official and signed, and the thread has an official answer
    official = post_article(page, STAFF_ANSWER)
    expect(official).to_have_class(re.compile(r"\bpost--official\b"))
    expect(official.locator(".badge--official")).to_have_text("Official answer")
    expect(official.locator(".badge--staff")).to_have_text("Staff")
    expect(official.locator(".post__signature")).to_have_text("— Alex Agent, Customer Care")
    expect(page.locator(".thread-head .badge--official")).to_have_text("Official answer")
    expect(page.get_by_role("heading", name="2 answers")).to_be_visible()
    screenshot("official-answer")


@pytest.mark.browser_context_args(java_script_enabled=False)
def test_qa_journey_helpful_vote_works_without_javascript(
    page: Page, site, login, screenshot, billing
):
    # Given an answered question, and a reader whose browser runs no JavaScript
    thread = make_thread(title=QUESTION_TITLE, body=QUESTION_BODY, space=billing)
    make_answer(thread=thread, body=MEMBER_ANSWER)
    reader = MemberFactory(username="robin", display_name="Robin Reader")
    login(page, reader.email, PASSWORD)
    page.goto(f"{site}{thread.get_absolute_url()}")
    expect(page.locator("html")).not_to_have_class(re.compile(r"\bjs\b"))  # site.js did not run
    answer = post_article(page, MEMBER_ANSWER)
    helpful = helpful_button(answer)
    expect(helpful.locator(".reaction__count")).to_have_text("0")
    screenshot("no-js-thread")

    # When they click "Helpful"
    helpful.click()

    # Then the form posts, the server sends them back to the answer, and the new page counts it
    expect(page).to_have_url(re.compile(rf"{re.escape(thread.get_absolute_url())}#post-\d+$"))
    assert page.url.endswith(f"#{answer.get_attribute('id')}")
    expect(helpful.locator(".reaction__count")).to_have_text("1")
    expect(helpful).to_have_attribute("aria-pressed", "true")
    screenshot("no-js-helpful-on")

    # When they click it again, the vote is taken back the same way
    helpful.click()
    expect(helpful.locator(".reaction__count")).to_have_text("0")
    expect(helpful).to_have_attribute("aria-pressed", "false")
    screenshot("no-js-helpful-off")


@pytest.mark.parametrize(
    "language",
    ["en", pytest.param("de", marks=pytest.mark.browser_context_args(locale="de-DE"))],
)
def test_qa_journey_pages_have_no_serious_accessibility_violations(
    page: Page, site, login, screenshot, billing, language
):
    """The question list, a solved thread with an official answer, search and the ask form.

    The browser asks for the language (Accept-Language) and the member's profile names it.
    All pages are checked before the test fails, so one run reports every finding.
    """
    asker = MemberFactory(username="casey", display_name="Casey Customer", locale=language)
    solved_thread(title=SOLVED_EARLIER, space=billing)
    thread = make_thread(author=asker, title=QUESTION_TITLE, body=QUESTION_BODY, space=billing)
    answer = make_answer(thread=thread, body=MEMBER_ANSWER)
    set_helpful_vote(post=answer, by=asker, voted=True)
    accept_answer(answer=answer, by=asker)
    make_answer(thread=thread, author=StaffFactory(username="alex"), body=STAFF_ANSWER)
    audit = PageAudit(page, language=language, screenshot=screenshot)

    # As a visitor
    page.goto(f"{site}/questions/")
    audit.check("question-list")
    page.goto(f"{site}{thread.get_absolute_url()}")
    expect(page.locator(".solution-summary")).to_be_visible()
    expect(page.locator(".post--official")).to_be_visible()
    audit.check("thread")
    page.goto(f"{site}/search/?q=invoice")
    expect(page.locator(".search-results__list li")).to_have_count(2)
    audit.check("search")

    # As the asker: their thread (with the answer form and the solution's controls) and a
    # new question whose title brought up a similar solved one
    login(page, asker.email, PASSWORD)
    page.goto(f"{site}{thread.get_absolute_url()}")
    expect(page.locator(".answer-form form")).to_be_visible()
    audit.check("thread-signed-in")
    page.goto(f"{site}/ask/")
    page.locator('input[name="title"]').press_sequentially("Invoice PDF is empty", delay=10)
    expect(page.locator("#similar-threads a").first).to_be_visible()
    audit.check("ask")

    audit.assert_clean()
