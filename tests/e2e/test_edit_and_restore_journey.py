"""Two tabs edit one answer; staff bring back what was deleted. In a real browser."""

import pytest
from playwright.sync_api import Page, expect

from community.models import Post, Thread
from community.services.posts import delete_post, edit_post
from tests.e2e.axe import PageAudit
from tests.factories import PASSWORD, MemberFactory, StaffFactory, make_answer, make_thread

FIRST = "Open the invoice on the website; the app cannot show PDFs yet."
SECOND = "Open the invoice on the website: the app cannot show PDFs on Android yet."
MINE = "Update the app to version 4.2, or open the invoice on the website."
MERGED = "Update the app to version 4.2. Older versions: open the invoice on the website."


@pytest.mark.parametrize(
    "language",
    ["en", pytest.param("de", marks=pytest.mark.browser_context_args(locale="de-DE"))],
)
def test_edit_journey_a_stale_tab_sees_both_texts_and_merges(
    page: Page, site, login, screenshot, language
):
    # Given a member's answer, open for editing in a tab (revision 1)
    helper = MemberFactory(username="harper", display_name="Harper Helper", locale=language)
    answer = make_answer(thread=make_thread(), author=helper, body=FIRST)
    login(page, helper.email, PASSWORD)
    page.goto(f"{site}/p/{answer.pk}/edit/")
    page.locator('textarea[name="body"]').fill(MINE)

    # …while another tab saves a correction first
    edit_post(post=Post.objects.get(pk=answer.pk), by=helper, body=SECOND)

    # When the first tab saves
    page.locator("main form button[type=submit]").first.click()

    # Then nothing is overwritten: the warning, the version saved meanwhile, and their own text
    expect(page.locator(".notice--warning[role=alert]")).to_be_visible()
    expect(page.locator("#current-body")).to_have_value(SECOND)
    expect(page.locator('textarea[name="body"]')).to_have_value(MINE)
    audit = PageAudit(page, language=language, screenshot=screenshot)
    audit.check("edit-conflict")
    audit.assert_clean()

    # When they merge both and save again, it is saved
    page.locator('textarea[name="body"]').fill(MERGED)
    page.locator("main form button[type=submit]").first.click()
    expect(page.locator(f"#post-{answer.pk} .post__body")).to_contain_text(MERGED)
    answer.refresh_from_db()
    assert (answer.body, answer.revision_count) == (MERGED, 3)
    screenshot("merged")


def test_restore_journey_staff_bring_back_a_deleted_answer_and_question(
    page: Page, site, login, screenshot
):
    # Given a deleted answer, and a question its author deleted
    thread = make_thread(title="Invoice PDF does not open")
    answer = make_answer(thread=thread, body=FIRST)
    delete_post(post=answer, by=answer.author)
    gone = make_thread(title="Where do I find my contract number?")
    delete_post(post=gone.posts.get(), by=gone.author)
    agent = StaffFactory(username="alex", display_name="Alex Agent")
    login(page, agent.email, PASSWORD)

    # When the agent restores the answer from its tombstone
    page.goto(f"{site}{thread.get_absolute_url()}")
    tombstone = page.locator(f"#post-{answer.pk}")
    expect(tombstone.locator(".tombstone")).to_be_visible()
    screenshot("deleted-answer")
    tombstone.get_by_role("button", name="Restore post").click()

    # Then it is back, with its text
    expect(page.locator(f"#post-{answer.pk} .post__body")).to_contain_text(FIRST)
    expect(page.get_by_text("The post is restored.")).to_be_visible()

    # When the agent restores the deleted question from its page
    page.goto(f"{site}{gone.get_absolute_url()}")
    expect(page.get_by_role("heading", level=1)).to_have_text("This question was deleted")
    screenshot("deleted-question")
    page.get_by_role("button", name="Restore this question").click()

    # Then the question is back for everyone
    expect(page.get_by_role("heading", level=1)).to_have_text(gone.title)
    assert Thread.objects.public().filter(pk=gone.pk).exists()
    screenshot("restored-question")
