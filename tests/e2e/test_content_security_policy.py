"""The Content-Security-Policy breaks nothing: every page a visitor, a member and a staff
member of the demo community reach loads in Chromium without a single violation.

An init script listens for `securitypolicyviolation` events in every document before the
page's own scripts run; console errors and uncaught page errors are collected too. The
policy is the one the site sends (enforced, not report-only), so anything it blocked would
be missing from the page as well as reported here.
"""

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import ConsoleMessage, Page, expect

from community.demo.people import DEMO_PASSWORD, email_for
from community.demo.seed import seed_demo_community
from community.models import Thread

WATCH_POLICY = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.effectiveDirective} refused ${event.blockedURI || "inline code"}` +
    ` (${event.sourceFile || "document"}:${event.lineNumber}) ${event.sample || ""}`
  );
});
"""

# Chromium's console line for a page that answered 404: expected where a 404 is the point.
NOT_FOUND_CONSOLE = "Failed to load resource: the server responded with a status of 404"


class PolicyWatch:
    """Visits pages and collects CSP violations, console errors and page errors per page."""

    def __init__(self, page: Page, screenshot: Callable[[str], object]):
        self.page, self.screenshot = page, screenshot
        self.findings: list[str] = []
        self._console: list[str] = []
        page.add_init_script(WATCH_POLICY)
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self._console.append(f"page error: {error}"))

    def _on_console(self, message: ConsoleMessage) -> None:
        # The admin's pages name no icon, so Chromium asks for /favicon.ico (404): noise.
        if message.type == "error" and not message.location.get("url", "").endswith("/favicon.ico"):
            self._console.append(message.text)

    def visit(self, url: str, label: str, *, status: int = 200) -> None:
        response = self.page.goto(url)
        assert response is not None and response.status == status, (label, url, response)
        self.check(label, expect_not_found=status == 404)

    def check(self, label: str, *, expect_not_found: bool = False) -> None:
        """Record what the current document reported; call after each step of a journey."""
        self.page.wait_for_load_state("networkidle")
        where = f"{label} ({self.page.url})"
        for violation in self.page.evaluate("window.__cspViolations || []"):
            self.findings.append(f"{where}: CSP violation: {violation}")
        for line in self._console:
            if expect_not_found and line.startswith(NOT_FOUND_CONSOLE):
                continue
            self.findings.append(f"{where}: console: {line}")
        self._console.clear()
        self.screenshot(label)

    def assert_clean(self) -> None:
        assert not self.findings, "\n".join(self.findings)


@pytest.fixture
def demo(db):
    seed_demo_community(log=lambda line: None)
    return Thread.objects.filter(space__slug="billing").order_by("pk").first()


@pytest.fixture
def watch(page: Page, screenshot) -> PolicyWatch:
    return PolicyWatch(page, screenshot)


def test_policy_watch_sees_what_the_policy_refuses(page: Page, site, watch, db):
    # The check below is only worth something if a refused inline script is noticed.
    watch.visit(f"{site}/", "home")
    page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.__inlineRan = true";
          document.head.appendChild(script);
        }"""
    )
    assert page.evaluate("window.__inlineRan") is None
    watch.check("home-after-inline-script")
    assert any("script-src" in finding for finding in watch.findings), watch.findings


def test_visitor_pages_have_no_policy_violations(page: Page, site, watch, demo):
    watch.visit(f"{site}/", "home")
    watch.visit(f"{site}/questions/", "questions")
    # The list's filters swap the list in place with htmx (and push the address).
    page.locator("#sort").select_option("newest")
    expect(page).to_have_url(re.compile(r"sort=newest"))
    watch.check("questions-sorted-by-htmx")
    watch.visit(f"{site}/questions/?kind=idea", "ideas")
    watch.visit(f"{site}/s/billing/", "space")
    watch.visit(f"{site}{demo.get_absolute_url()}", "thread")
    watch.visit(f"{site}/search/?q=invoice", "search")
    watch.visit(f"{site}/ask/", "ask-as-visitor")
    watch.visit(f"{site}/members/emily.j/", "profile")
    watch.visit(f"{site}/guidelines/", "guidelines")
    watch.visit(f"{site}/accounts/login/", "sign-in")
    watch.visit(f"{site}/accounts/signup/", "sign-up")
    watch.visit(f"{site}/accounts/password/reset/", "password-reset")
    watch.visit(f"{site}/admin/", "admin-as-visitor")  # ends on the sign-in page
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
    watch.visit(f"{site}/no-such-page/", "not-found", status=404)
    watch.assert_clean()


def test_member_pages_have_no_policy_violations(page: Page, site, login, watch, demo):
    login(page, email_for("emily.j"), DEMO_PASSWORD)
    watch.check("signed-in")
    watch.visit(f"{site}/", "home")
    watch.visit(f"{site}{demo.get_absolute_url()}", "thread")
    # Following is an htmx form: the button is swapped for its new state.
    page.locator("#follow").get_by_role("button").click()
    expect(page.locator("#follow").get_by_role("button")).to_have_attribute("aria-pressed", "true")
    watch.check("thread-followed-by-htmx")
    watch.visit(f"{site}/ask/", "ask")
    watch.visit(f"{site}/search/?q=rechnung", "search")
    watch.visit(f"{site}/members/emily.j/", "own-profile")
    watch.visit(f"{site}/settings/profile/", "edit-profile")
    watch.visit(f"{site}/accounts/email/", "account-email")
    watch.visit(f"{site}/accounts/password/change/", "account-password")
    watch.visit(f"{site}/accounts/2fa/", "two-factor")
    watch.visit(f"{site}/accounts/3rdparty/", "connected-accounts")
    watch.assert_clean()


def test_staff_pages_have_no_policy_violations(page: Page, site, login, watch, demo):
    login(page, email_for("anna.support"), DEMO_PASSWORD)
    watch.check("signed-in")
    watch.visit(f"{site}/staff/waiting/", "staff-queue")
    watch.visit(f"{site}{demo.get_absolute_url()}", "thread-with-staff-tools")
    watch.visit(f"{site}/admin/", "admin-index")
    watch.visit(f"{site}/admin/community/thread/", "admin-threads")
    watch.visit(f"{site}/admin/community/thread/{demo.pk}/change/", "admin-thread")
    watch.visit(f"{site}/admin/community/member/", "admin-members")
    watch.visit(f"{site}/admin/community/branding/", "admin-branding")
    watch.visit(f"{site}/admin/socialaccount/socialapp/add/", "admin-add-social-app")
    # Setting up TOTP: the password again, then the QR code (a data: image).
    watch.visit(f"{site}/accounts/2fa/totp/activate/", "totp-reauthenticate")
    page.locator('input[name="password"]').fill(DEMO_PASSWORD)
    page.locator('main button[type="submit"]').click()
    expect(page.locator("main img")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/accounts/2fa/totp/activate/"))
    watch.check("totp-activate")
    watch.assert_clean()
