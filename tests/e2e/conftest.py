"""The browser-test harness: Playwright drives Debian's Chromium against pytest-django's live server.

Why it looks like this:

- Playwright cannot download its own browsers on our machines, so every launch points at the
  Chromium binary that `apt-get install chromium` puts on the PATH (or CHROMIUM_PATH).
- Without Chromium the tests skip and say how to install it, so `make test` works on any
  laptop; CI sets REQUIRE_BROWSER=1 so a missing browser fails the run instead of hiding it.
- Playwright's sync API keeps an asyncio event loop running in the test thread, and Django
  then refuses ORM calls there (SynchronousOnlyOperation). The browser tests need the ORM
  (factories, reading what the live server stored), so they allow it. This conftest is only
  imported when tests under tests/e2e are collected.
- The live server runs in a thread of this process with real transactions, so
  `transaction.on_commit` callbacks run and the eager Celery e-mail task fills
  `django.core.mail.outbox`.
"""

import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

E2E_DIR = Path(__file__).resolve().parent

# Without the background-networking flags Chromium keeps trying to reach the closed network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Expectations wait at most this long: the live server answers in milliseconds, and a
# failing journey should say so quickly rather than after Playwright's 30 s default.
TIMEOUT_MS = 10_000


def find_chromium() -> str | None:
    """The Chromium binary to launch, or None when there is none.

    CHROMIUM_PATH, when set, is the only candidate (a path or a command name), so pointing it
    at a missing file shows what happens on a machine without Chromium.
    """
    configured = os.environ.get("CHROMIUM_PATH")
    if configured:
        return shutil.which(configured)
    return shutil.which("chromium") or shutil.which("/usr/bin/chromium")


def browser_required() -> bool:
    return os.environ.get("REQUIRE_BROWSER", "").strip().lower() in {"1", "true", "yes"}


def missing_chromium_message() -> str:
    configured = os.environ.get("CHROMIUM_PATH")
    where = f"CHROMIUM_PATH={configured} is not an executable" if configured else "not on PATH"
    return (
        f"Chromium for the browser tests is missing ({where}). "
        "Install Debian's: `sudo apt-get install chromium`, "
        "or set CHROMIUM_PATH to a Chromium binary."
    )


CHROMIUM = find_chromium()


def _is_browser_test(item: pytest.Item) -> bool:
    return Path(item.path).resolve().is_relative_to(E2E_DIR)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test here `browser`; skip them all when Chromium is missing.

    tryfirst: the marker must be on the items before `-m "not browser"` deselects by it.
    """
    for item in items:
        if not _is_browser_test(item):
            continue
        item.add_marker(pytest.mark.browser)
        if CHROMIUM is None and not browser_required():
            item.add_marker(pytest.mark.skip(reason=missing_chromium_message()))


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """With REQUIRE_BROWSER=1 a missing Chromium fails each test, before any fixture runs."""
    if CHROMIUM is None and browser_required() and _is_browser_test(item):
        pytest.fail(missing_chromium_message(), pytrace=False)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """pytest-playwright's launch options (--headed, --slowmo) plus Debian's Chromium."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    """One language and window size for every run: the Accept-Language header decides
    which language a visitor sees, and Chromium would otherwise send the machine's."""
    return {
        **browser_context_args,
        "locale": "en-US",
        "viewport": {"width": 1280, "height": 900},
    }


@pytest.fixture
def page(page: Page) -> Page:
    page.set_default_timeout(TIMEOUT_MS)
    page.set_default_navigation_timeout(TIMEOUT_MS)
    expect.set_options(timeout=TIMEOUT_MS)
    return page


@pytest.fixture
def site(live_server, settings) -> str:
    """The live server's address without a trailing slash, e.g. http://localhost:41234.

    It is the site's public address for the test (SITE_URL), so links in e-mails lead to it.
    """
    settings.SITE_URL = live_server.url.rstrip("/")
    return settings.SITE_URL


@pytest.fixture
def login(site: str) -> Callable[[Page, str, str], None]:
    """Log in through the real form at /accounts/login/, as a person would.

    Returns login(page, email, password); it waits until the header has the member's own
    link (behind the menu on a phone), so the next step starts on a signed-in page.
    """

    def _login(page: Page, email: str, password: str) -> None:
        page.goto(f"{site}/accounts/login/")
        form = page.locator("main form", has=page.locator('input[name="password"]'))
        form.locator('input[name="login"]').fill(email)
        form.locator('input[name="password"]').fill(password)
        form.locator('button[type="submit"]').click()
        expect(page.locator(".account-nav__me")).to_be_attached()

    return _login


@pytest.fixture
def screenshot(request: pytest.FixtureRequest, page: Page) -> Callable[[str], Path]:
    """screenshot(step) saves the whole page to var/screenshots/<test-name>-<NN>-<step>.png.

    Always on (a PNG costs ~50 ms) so a person can look at every step of a journey, passed or
    failed. NN numbers the steps in order; the test's PNGs from earlier runs are removed first.
    """
    folder = Path(settings.VAR_DIR) / "screenshots"
    test_name = re.sub(r"[^\w.-]+", "_", request.node.name).strip("_")
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob(f"{test_name}-*.png"):
        old.unlink(missing_ok=True)
    counter = 0

    def _screenshot(step: str) -> Path:
        nonlocal counter
        counter += 1
        slug = re.sub(r"[^\w.-]+", "-", step).strip("-")
        path = folder / f"{test_name}-{counter:02d}-{slug}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return _screenshot
