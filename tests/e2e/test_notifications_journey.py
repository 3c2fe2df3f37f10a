"""The notification centre seen by an asker: a member answers, the bell in the asker's header
counts it, the list tells who answered what and leads to the answer, and the count clears."""

from playwright.sync_api import Page, expect

from community.models import Notification, NotificationKind
from community.services.reactions import set_helpful_vote
from tests.e2e.axe import PageAudit
from tests.factories import PASSWORD, MemberFactory, SpaceFactory, make_answer, make_thread

QUESTION_TITLE = "Invoice PDF download fails on my phone"
ANSWER = "Open the invoice on the website instead: the app cannot show PDFs on Android yet."
PHONE = {"width": 375, "height": 800}


def log_out(page: Page) -> None:
    page.locator(".account-nav").get_by_role("button", name="Sign out").click()
    expect(page.locator(".account-nav").get_by_role("link", name="Sign in")).to_be_visible()


def test_asker_finds_the_answer_through_the_bell(page: Page, site, login, screenshot, db):
    # Given a question by Casey
    asker = MemberFactory(display_name="Casey Customer")
    helper = MemberFactory(display_name="Harper Helper")
    space = SpaceFactory(slug="billing", name_en="Invoices & payment")
    thread = make_thread(author=asker, space=space, title=QUESTION_TITLE)

    # When Harper answers it in the browser
    login(page, helper.email, PASSWORD)
    page.goto(f"{site}{thread.get_absolute_url()}")
    page.get_by_role("textbox", name="Your answer").fill(ANSWER)
    page.get_by_role("button", name="Post answer").click()
    expect(page.locator(".message--success")).to_have_text("Thank you! Your answer is posted.")
    # Harper is told of no answer of their own (the badges it earned are theirs to see)
    assert not Notification.objects.filter(
        recipient=helper, kind=NotificationKind.NEW_ANSWER
    ).exists()
    log_out(page)

    # Then Casey's header counts the unread notifications, for eyes and screen readers:
    # the answer, and what the super-user program told Casey meanwhile (badges)
    unread = Notification.objects.unread().filter(recipient=asker).count()
    assert (
        Notification.objects.unread()
        .filter(recipient=asker, kind=NotificationKind.NEW_ANSWER)
        .count()
        == 1
    )
    login(page, asker.email, PASSWORD)
    label = "1 unread notification" if unread == 1 else f"{unread} unread notifications"
    bell = page.get_by_role("link", name=label)
    expect(bell).to_be_visible()
    expect(page.locator(".bell__count")).to_have_text(str(unread))
    page.locator("header.site-header").screenshot(
        path=str(screenshot("header-1280").with_name("notifications-header-1280.png"))
    )

    # When Casey opens it, the entry says who answered what, marked unread this once
    bell.click()
    expect(page.get_by_role("heading", name="Notifications", level=1)).to_be_visible()
    entry = page.locator(".notification").filter(has_text=QUESTION_TITLE)
    expect(entry).to_have_class("notification notification--unread")
    link = entry.get_by_role(
        "link", name=f"Harper Helper answered your question “{QUESTION_TITLE}”"
    )
    expect(link).to_be_visible()
    # … and the bell no longer counts it
    expect(page.locator(".bell__count")).to_have_count(0)
    expect(page.get_by_role("link", name="Notifications, none unread")).to_be_visible()
    audit = PageAudit(page, language="en", screenshot=screenshot)
    audit.check("notifications-1280")

    # The entry leads to the answer
    link.click()
    expect(page.locator("article.post").filter(has_text=ANSWER)).to_be_visible()

    # On a phone the bell stands next to "Ask" and "Menu", with a new count on it
    voter = MemberFactory()
    set_helpful_vote(post=make_answer(thread=make_thread(author=helper), author=asker),
                     by=voter, voted=True)  # fmt: skip
    page.set_viewport_size(PHONE)
    page.goto(f"{site}/questions/")
    header = page.locator("header.site-header")
    header.screenshot(path=str(screenshot("header-375").with_name("notifications-header-375.png")))
    assert header.bounding_box()["height"] <= 80, header.bounding_box()
    # (the helpful vote, and the "first answer" badge Casey's answer earned)
    unread = Notification.objects.unread().filter(recipient=asker).count()
    label = "1 unread notification" if unread == 1 else f"{unread} unread notifications"
    expect(page.get_by_role("link", name=label)).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    page.get_by_role("link", name=label).click()
    expect(page.locator(".notification--unread")).to_have_count(unread)
    audit.check("notifications-375")

    # From there Casey switches off e-mails about mentions, and finds the choice kept
    page.get_by_role("link", name="E-mail settings").click()
    page.get_by_role("checkbox", name="Mentions of me in posts").uncheck()
    page.get_by_role("button", name="Save e-mail settings").click()
    expect(page.locator(".message--success")).to_have_text("Your e-mail settings have been saved.")
    expect(page.get_by_role("checkbox", name="Mentions of me in posts")).not_to_be_checked()
    expect(page.get_by_role("checkbox", name="New answers on threads I follow")).to_be_checked()
    audit.check("email-settings-375")
    page.set_viewport_size({"width": 1280, "height": 900})
    audit.check("email-settings-1280")
    audit.assert_clean()
