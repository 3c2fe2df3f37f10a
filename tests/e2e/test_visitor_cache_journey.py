"""A visitor reads a thread from the page cache, switches to German and signs in.

The full-page cache for visitors is on (tests elsewhere run without it). Pages served from
the cache must work like fresh ones: their scripts run, the Content-Security-Policy refuses
nothing (a cached page carries no nonce that a fresh header would not match), no cookie is
set until the visitor asks for one (the language) or signs in, and sign-in still checks CSRF.
"""

import re

import pytest
from django.core.cache import caches
from playwright.sync_api import Page, expect

from community import caching
from community.caching import PAGE_CACHE
from tests.e2e.test_content_security_policy import PolicyWatch
from tests.factories import PASSWORD, MemberFactory, make_answer, make_thread


@pytest.fixture
def page_cache(settings, monkeypatch):
    """The page cache on, and a count of the pages it served (the live server runs in a
    thread of this process, so it calls the same function)."""
    settings.PEERDESK_VISITOR_PAGE_CACHE = True
    caches[PAGE_CACHE].clear()
    served = []
    original = caching._from_stored

    def counting(entry):
        served.append(entry)
        return original(entry)

    monkeypatch.setattr(caching, "_from_stored", counting)
    yield served
    caches[PAGE_CACHE].clear()


def _cookie_names(page: Page) -> set[str]:
    return {cookie["name"] for cookie in page.context.cookies()}


def _scripts_ran(page: Page) -> bool:
    """site.js marks the document, htmx defines itself, the brand stylesheet applied."""
    return page.evaluate(
        """() => document.documentElement.classList.contains("js")
                 && typeof window.htmx === "object"
                 && getComputedStyle(document.documentElement)
                      .getPropertyValue("--brand").trim() === "#0b5cad" """
    )


def _visit_from_another_browser(page: Page, url: str, *, language: str) -> None:
    """A visitor with a browser (and HTTP cache) of their own, who chose `language`."""
    context = page.context.browser.new_context(locale="en-US")
    context.add_cookies([{"name": "django_language", "value": language, "url": url}])
    context.add_init_script(
        "window.__cspViolations = []; document.addEventListener('securitypolicyviolation',"
        " (event) => window.__cspViolations.push(event.violatedDirective));"
    )
    other = context.new_page()
    response = other.goto(url)
    assert "public" in response.headers["cache-control"]
    expect(other.locator("html")).to_have_attribute("lang", language)
    other.wait_for_load_state("networkidle")
    assert _scripts_ran(other)
    assert other.evaluate("window.__cspViolations") == []
    context.close()


def test_visitor_cache_journey_reads_cached_pages_switches_language_and_signs_in(
    page: Page, site, screenshot, page_cache, db
):
    member = MemberFactory(username="robin", email="robin@example.com")
    thread = make_thread(title="Router restarts every hour")
    make_answer(thread=thread, body="Update the firmware, that fixed it here.")
    url = f"{site}{thread.get_absolute_url()}"
    watch = PolicyWatch(page, screenshot)

    # Given a visitor who reads a thread: the page is public and sets no cookie
    response = page.goto(url)
    assert "public" in response.headers["cache-control"]
    assert response.headers["etag"].startswith('W/"')
    watch.check("thread-first-visit")
    assert _cookie_names(page) == set()
    assert page_cache == []

    # When another visitor comes (a browser of their own), Django's cache serves the page
    # Then its scripts run and the policy refuses nothing
    _visit_from_another_browser(page, url, language="en")
    assert len(page_cache) == 1
    page.reload()
    watch.check("thread-reloaded")
    assert _scripts_ran(page)

    # When the visitor switches to German in the footer
    page.locator(".language-switcher").get_by_role("button", name="Deutsch").click()
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(page).to_have_url(url)
    watch.check("thread-in-german")
    assert _cookie_names(page) == {"django_language"}
    assert _scripts_ran(page)
    # and another German-speaking visitor gets that German page from the cache
    _visit_from_another_browser(page, url, language="de")
    assert len(page_cache) == 2

    # And signs in from there (the form carries the CSRF token, the page is not shared)
    page.locator(".account-nav").locator('a[href^="/accounts/login/"]').click()
    sign_in = page.locator("main form", has=page.locator('input[name="password"]'))
    sign_in.locator('input[name="login"]').fill(member.email)
    sign_in.locator('input[name="password"]').fill(PASSWORD)
    sign_in.locator('button[type="submit"]').click()
    expect(page.locator(".account-nav__me")).to_be_visible()
    expect(page).to_have_url(re.compile(re.escape(thread.get_absolute_url())))
    watch.check("signed-in-back-on-the-thread")

    # Then the member's pages are their own: private, with the forms a member uses
    response = page.goto(url)
    assert "private" in response.headers["cache-control"]
    assert "etag" not in response.headers
    expect(page.locator(".post__actions form").first).to_be_visible()
    watch.check("thread-as-member")
    watch.assert_clean()
