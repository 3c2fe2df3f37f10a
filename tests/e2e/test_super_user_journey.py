"""The super-user program end to end, in a real browser against the live server.

A member answers, the asker accepts, and the member finds the "First solution" badge and the
news in the bell; staff nominate the member by hand and approve, and the new super user hides
another member's post, which a visitor then sees only as its public reason. The program's
pages pass axe-core in English and in German (switched in the footer, as a member does).

Data that exists before the journey (members, threads) is made through the real services;
what the journey is about happens in the browser. Badges are awarded by the Celery task the
outbox sends after the live server's request commits (eager in tests), so they are there
when the next page loads.
"""

import re

import pytest
from django.core.cache import cache
from playwright.sync_api import Page, expect

from community.models import TrustLevel
from community.services.posts import hide_post
from community.services.solutions import accept_answer
from gamification.badges import BADGES
from gamification.services.trust import approve_nomination, nominate
from tests.e2e.axe import PageAudit
from tests.factories import (
    PASSWORD,
    MemberFactory,
    SpaceFactory,
    StaffFactory,
    make_answer,
    make_thread,
)

QUESTION_TITLE = "Invoice PDF download fails on my phone"
ANSWER = "Open the invoice on the website instead: the app cannot show PDFs on Android yet."
OTHER_TITLE = "Router blinks red after the update"
SPAM = "Call me on +49 151 2345678, I sell cheap routers that never blink."
HIDE_REASON = "Advertising and a private phone number"
FIRST_SOLUTION = "First solution"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()  # leaderboards are cached: another test's board must not show here
    yield
    cache.clear()


def log_out(page: Page) -> None:
    page.locator(".account-nav").get_by_role("button", name=re.compile("Sign out|Abmelden")).click()
    expect(page.locator(".account-nav .account-nav__me")).to_have_count(0)


def post_article(page: Page, text: str):
    """The post (opening post or answer) whose body contains `text`."""
    return page.locator("article.post").filter(has_text=text)


def test_a_helper_earns_first_solution_becomes_super_user_and_hides_a_post(
    page: Page, site, login, screenshot, db
):
    # Given Casey's question, Robin's thread with an advertisement in it, a helpful member
    # and an agent of the support team
    billing = SpaceFactory(slug="billing", name_en="Invoices & payment")
    asker = MemberFactory(username="casey", display_name="Casey Customer")
    helper = MemberFactory(username="harper", display_name="Harper Helper")
    agent = StaffFactory(username="alex", display_name="Alex Agent")
    thread = make_thread(author=asker, space=billing, title=QUESTION_TITLE)
    other = make_thread(author=MemberFactory(display_name="Robin Reader"), title=OTHER_TITLE)
    make_answer(thread=other, author=MemberFactory(display_name="Pat Pusher"), body=SPAM)
    assert FIRST_SOLUTION in {str(badge.name) for badge in BADGES}

    # --- 1. Answer and accept -------------------------------------------------------------------
    # When Harper answers the question in the browser
    login(page, helper.email, PASSWORD)
    page.goto(f"{site}{thread.get_absolute_url()}")
    page.get_by_role("textbox", name="Your answer").fill(ANSWER)
    page.get_by_role("button", name="Post answer").click()
    expect(page.locator(".message--success")).to_have_text("Thank you! Your answer is posted.")
    # and Harper is no super user yet: no flair next to the name
    expect(post_article(page, ANSWER).locator(".badge--super-user")).to_have_count(0)
    log_out(page)

    # and Casey accepts it as the solution
    login(page, asker.email, PASSWORD)
    page.goto(f"{site}{thread.get_absolute_url()}")
    answer = post_article(page, ANSWER)
    answer.get_by_role("button", name=re.compile("Accept as solution")).click()
    expect(page.locator(".message--success")).to_have_text(
        "Marked as the solution. Thank you for closing the loop!"
    )
    expect(answer.locator(".badge--solved")).to_have_text("✓ Solution")
    screenshot("accepted")
    log_out(page)

    # Then Harper's bell counts the news: the accepted answer and three badges ("First
    # answer" and "Basic member", the level Harper has, came with posting the answer)
    login(page, helper.email, PASSWORD)
    bell = page.get_by_role("link", name="4 unread notifications")
    expect(bell).to_be_visible()
    expect(page.locator(".bell__count")).to_have_text("4")

    # When Harper opens it, the acceptance and the "First solution" badge are listed, unread
    bell.click()
    expect(page.get_by_role("heading", name="Notifications", level=1)).to_be_visible()
    entries = page.locator(".notification")
    expect(entries).to_have_count(4)
    expect(page.locator(".notification--unread")).to_have_count(4)
    accepted = entries.filter(has_text="was accepted")
    expect(accepted.get_by_role("link")).to_have_text(
        f"Your answer on “{QUESTION_TITLE}” was accepted"
    )
    badge_entry = entries.filter(has_text=f"You earned the badge “{FIRST_SOLUTION}”.")
    expect(badge_entry).to_have_count(1)
    expect(entries.filter(has_text="You earned the badge “First answer”.")).to_have_count(1)
    # … and the bell no longer counts them
    expect(page.locator(".bell__count")).to_have_count(0)
    screenshot("notifications")

    # When Harper follows the badge entry, the badge's page lists Harper as its holder
    badge_entry.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(FIRST_SOLUTION)
    expect(page.locator(".holder-row")).to_have_count(1)
    expect(page.locator(".holder-row")).to_contain_text("Harper Helper")
    # and the list of badges marks it as Harper's
    page.goto(f"{site}/badges/")
    card = page.locator(".badge-card").filter(
        has=page.get_by_role("link", name=FIRST_SOLUTION, exact=True)
    )
    expect(card).to_have_class(re.compile(r"\bbadge-card--held\b"))
    expect(card).to_contain_text("You have this badge")
    # and so does Harper's profile
    page.goto(f"{site}/members/harper/")
    expect(page.locator(".held-badge").filter(has_text=FIRST_SOLUTION)).to_be_visible()
    screenshot("profile-badges")
    log_out(page)

    # --- 2. Nominate and approve ----------------------------------------------------------------
    # When Alex of the support team nominates Harper by username
    login(page, agent.email, PASSWORD)
    page.goto(f"{site}/staff/nominations/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Super-user nominations")
    page.get_by_role("textbox", name="Username").fill("@harper")
    page.get_by_role("textbox", name="Why").fill("Solves billing questions every weekend.")
    page.get_by_role("button", name="Nominate", exact=True).click()

    # Then the nomination waits for a decision, with Harper's numbers and Alex's note
    expect(page.locator(".message--success")).to_have_text(
        "Nominated. The nomination waits for a decision below."
    )
    row = page.locator("tbody tr").filter(has_text="Harper Helper")
    expect(row).to_contain_text("Nominated by Alex Agent")
    expect(row).to_contain_text("Solves billing questions every weekend.")
    expect(row.locator('td[data-label="Accepted answers"]')).to_have_text("1")
    screenshot("nomination-pending")

    # When Alex approves it with a note to Harper (the note field is found by its label, as
    # a screen reader announces it)
    row.get_by_text("Decide…").click()
    row.get_by_role("textbox", name="Note to the member").fill("Welcome to the super users!")
    row.get_by_role("button", name="Approve").click()

    # Then Harper is a super user: nothing waits any more, and the public page presents them
    expect(page.locator(".message--success")).to_have_text("Harper Helper is now a super user.")
    expect(page.get_by_text("No nomination is waiting for a decision.")).to_be_visible()
    page.get_by_role("link", name="Current super users").click()
    expect(page.locator("tbody tr").filter(has_text="Harper Helper")).to_have_count(1)
    page.goto(f"{site}/super-users/")
    expect(page.locator(".super-user-grid .super-user__name")).to_have_text(["Harper Helper"])
    screenshot("super-users")
    helper.refresh_from_db()
    assert helper.trust_level == TrustLevel.LEADER
    log_out(page)

    # --- 3. The new super user hides a post -----------------------------------------------------
    # When Harper signs in, the bell tells them the news
    login(page, helper.email, PASSWORD)
    page.locator(".bell").click()
    expect(
        page.locator(".notification--unread").filter(has_text="You are now a super user.")
    ).to_have_count(1)
    # and the trust levels page marks "Super user" as Harper's level
    page.goto(f"{site}/trust-levels/")
    current = page.locator(".trust-level--current")
    expect(current.locator(".trust-level__title")).to_contain_text("Super user")
    expect(current.locator(".trust-level__you")).to_have_text("(your level)")
    screenshot("trust-levels-super-user")

    # and Harper's answer carries the "Super user" flair
    page.goto(f"{site}{thread.get_absolute_url()}")
    expect(post_article(page, ANSWER).locator(".badge--super-user")).to_have_text("★ Super user")

    # When Harper hides Pat's advertisement on Robin's thread, saying why
    page.goto(f"{site}{other.get_absolute_url()}")
    spam = post_article(page, SPAM)
    spam.locator("summary", has_text="Hide").click()
    spam.get_by_label("Reason (shown publicly)").fill(HIDE_REASON)
    spam.get_by_role("button", name="Hide post").click()

    # Then the post is hidden; Harper still reads it, marked with the reason
    expect(page.locator(".message--success")).to_have_text(
        "The post is hidden; the reason is shown in its place."
    )
    hidden = page.locator("article.post").filter(has_text=HIDE_REASON)
    expect(hidden.locator(".notice--warning")).to_contain_text(
        f"Hidden from other members. Reason: {HIDE_REASON}"
    )
    expect(hidden.get_by_role("button", name="Show again")).to_be_visible()
    screenshot("post-hidden-super-user")
    log_out(page)

    # And a visitor sees the public reason in its place, not the advertisement
    page.goto(f"{site}{other.get_absolute_url()}")
    expect(page.get_by_role("heading", level=1)).to_have_text(OTHER_TITLE)
    expect(page.get_by_text(SPAM)).to_have_count(0)
    expect(page.locator(".tombstone")).to_contain_text(
        f"This post was hidden by a moderator. Reason: {HIDE_REASON}"
    )
    # Every moderation notice links to the guidelines.
    expect(page.locator(".tombstone").get_by_role("link")).to_have_attribute("href", "/guidelines/")
    screenshot("post-hidden-visitor")


def test_super_user_pages_have_no_serious_accessibility_violations_in_both_languages(
    page: Page, site, login, screenshot, db
):
    # Given a super user who earned "First solution", a hidden post, a pending nomination
    agent = StaffFactory(username="alex", display_name="Alex Agent")
    asker = MemberFactory(username="casey", display_name="Casey Customer")
    helper = MemberFactory(username="harper", display_name="Harper Helper")
    thread = make_thread(author=asker, title=QUESTION_TITLE)
    accept_answer(answer=make_answer(thread=thread, author=helper, body=ANSWER), by=asker)
    approve_nomination(nomination=nominate(member=helper, by=agent), by=agent)
    other = make_thread(author=asker, title=OTHER_TITLE)
    spam = make_answer(thread=other, author=MemberFactory(display_name="Pat Pusher"), body=SPAM)
    hide_post(post=spam, by=helper, reason=HIDE_REASON)
    nominate(member=MemberFactory(display_name="Sam Senior"), by=agent, note="Always kind")

    member_pages = [
        ("notifications", "/notifications/"),
        ("badges", "/badges/"),
        ("badge", "/badges/first-solution/"),
        ("leaderboard", "/leaderboard/?period=all"),
        ("super-users", "/super-users/"),
        ("trust-levels", "/trust-levels/"),
        ("reputation", "/members/harper/reputation/"),
        ("profile", "/members/harper/"),
        ("thread-with-hidden-post", other.get_absolute_url()),
    ]
    staff_pages = [
        ("nominations-pending", "/staff/nominations/"),
        ("nominations-candidates", "/staff/nominations/?show=candidates"),
        ("nominations-super-users", "/staff/nominations/?show=super_users"),
    ]

    audits = {
        language: PageAudit(page, language=language, screenshot=screenshot)
        for language in ("en", "de")
    }
    for who, pages in ((helper, member_pages), (agent, staff_pages)):
        login(page, who.email, PASSWORD)
        for language, audit in audits.items():
            if language == "de":
                # When they choose Deutsch in the footer, the pages speak German from then on
                page.locator('footer button[name="language"][value="de"]').click()
                expect(page.locator("html")).to_have_attribute("lang", "de")
            for label, path in pages:
                page.goto(f"{site}{path}")
                expect(page.locator("main h1").first).to_be_visible()
                # What hides behind "Decide…", "Revoke…" and "Hide" is audited too
                page.evaluate(
                    "document.querySelectorAll('main details').forEach(d => d.open = true)"
                )
                audit.check(f"{language}-{label}")
        log_out(page)

    # Then axe found nothing serious on any of them, in either language
    findings = [finding for audit in audits.values() for finding in audit.findings]
    assert not findings, "\n\n".join(findings)
