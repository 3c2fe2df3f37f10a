"""What one solved question becomes: a super user turns it into a draft article, staff
publish it, a visitor finds it through search and says it helped, and the ask form suggests
it while the next customer types a title. The knowledge base's section, article and editor
pages have no serious accessibility violations, in English and German."""

import re

import pytest
from haystack import connections
from playwright.sync_api import Page, expect

from community.models import TrustLevel
from community.services.solutions import accept_answer
from knowledge.models import Article, ArticleContributor, ArticleFeedback, Section
from tests.e2e.axe import PageAudit
from tests.factories import (
    PASSWORD,
    MemberFactory,
    SpaceFactory,
    StaffFactory,
    make_answer,
    make_thread,
)

SOLVED = "Router drops Wi-Fi every night at 3 am"
SOLUTION = "Switch off the automatic channel scan in the router menu under Wi-Fi > Advanced."


@pytest.fixture(autouse=True)
def empty_search_index():
    """Each test starts with an empty index: the index folder outlives the test database."""
    connections["default"].get_backend().clear()


def test_a_solved_thread_becomes_an_article_that_answers_the_next_customer(
    page: Page, site, login, screenshot
):
    space = SpaceFactory(slug="internet", name_en="Internet & Wi-Fi", name_de="Internet & WLAN")
    section = Section.objects.create(
        slug="wifi", name_en="Wi-Fi and router", name_de="WLAN und Router", position=1
    )
    asker = MemberFactory(username="asker")
    helper = MemberFactory(username="helper", display_name="Harper Helper")
    thread = make_thread(
        title=SOLVED, body="Every night at 3 am the Wi-Fi is gone for ten minutes.", space=space
    )
    thread.author = asker
    answer = make_answer(thread=thread, author=helper, body=SOLUTION)
    accept_answer(answer=answer, by=thread.author)
    leader = MemberFactory(username="lee", trust_level=TrustLevel.LEADER)
    agent = StaffFactory(username="alex")
    audit = PageAudit(page, language="en", screenshot=screenshot)

    # A super user turns the solved thread into a draft and submits it for review.
    login(page, leader.email, PASSWORD)
    page.goto(f"{site}{thread.get_absolute_url()}")
    page.get_by_role("link", name="Turn into article").click()
    page.get_by_label("Section").select_option(str(section.pk))
    page.get_by_role("button", name="Make the draft").click()
    article = Article.objects.get(source_thread=thread)
    assert ArticleContributor.objects.filter(article=article, member=helper).exists()
    audit.check("editor with the draft")
    page.goto(f"{site}/kb/wifi/{article.slug}/")
    expect(page.locator(".kb-body")).to_contain_text("automatic channel scan")
    page.get_by_role("button", name="Submit for review").click()

    # Staff publish it.
    page.context.clear_cookies()
    login(page, agent.email, PASSWORD)
    page.goto(f"{site}/kb/wifi/{article.slug}/")
    page.get_by_role("button", name="Publish").click()
    article.refresh_from_db()
    assert article.is_published
    page.goto(f"{site}/kb/")
    audit.check("knowledge base home")
    page.goto(f"{site}/kb/wifi/")
    audit.check("section")

    # A visitor finds it through search and says it helped.
    page.context.clear_cookies()
    page.goto(f"{site}/search/?q=channel+scan&type=articles")
    result = page.locator("#search-results").get_by_role("link", name=article.title).first
    expect(result).to_be_visible()
    result.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(article.title)
    audit.check("article")
    page.locator("#article-feedback").get_by_role("button", name="Yes").click()
    expect(page.locator("#article-feedback")).to_contain_text(re.compile("thank", re.I))
    assert ArticleFeedback.objects.filter(article=article, helpful=True).count() == 1

    # The next customer types a title like it: the ask form suggests the article first.
    customer = MemberFactory(username="casey")
    login(page, customer.email, PASSWORD)
    page.goto(f"{site}/ask/")
    page.get_by_label("Title").press_sequentially("Wi-Fi drops every night", delay=10)
    first = page.locator("#similar-threads a").first
    expect(first).to_have_text(re.compile(re.escape(article.title)))
    audit.check("ask form suggesting the article")
    audit.assert_clean()


@pytest.mark.parametrize("language", ["en", "de"])
def test_knowledge_base_pages_are_accessible(page: Page, site, login, screenshot, language):
    from knowledge.services.articles import create_article, publish_article

    agent = StaffFactory(username="alex", locale=language)
    section = Section.objects.create(
        slug="billing", name_en="Billing", name_de="Rechnungen", description_en="Invoices"
    )
    article = create_article(
        by=agent,
        section=section,
        title="Where do I find my invoice?",
        body="## In the app\n\nOpen *Account* > *Invoices*.\n\n## On the website\n\nSign in.",
        language=language,
        summary="Both places where your invoices are.",
    )
    publish_article(article=article, by=agent)
    audit = PageAudit(page, language=language, screenshot=screenshot)
    login(page, agent.email, PASSWORD)
    for path, label in (
        ("/kb/", "home"),
        ("/kb/billing/", "section"),
        (f"/kb/billing/{article.slug}/", "article"),
        (f"/kb/billing/{article.slug}/edit/", "editor"),
        (f"/kb/billing/{article.slug}/history/", "history"),
        ("/kb/new/", "new article"),
        ("/kb/proposals/", "proposals"),
    ):
        page.goto(f"{site}{path}")
        audit.check(label)
    audit.assert_clean()
