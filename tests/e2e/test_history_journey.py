"""A member reads what changed in a post: rendered text, changed words marked inline."""

import pytest
from playwright.sync_api import Page, expect

from community.services.posts import edit_post
from tests.e2e.axe import PageAudit
from tests.factories import PASSWORD, MemberFactory, make_answer, make_thread


@pytest.mark.parametrize("language", ["en", "de"])
def test_history_shows_inline_word_changes(page: Page, site, login, screenshot, db, language):
    author = MemberFactory(username="writer", locale=language)
    answer = make_answer(
        thread=make_thread(), author=author, body="Restart the **router** and wait a minute."
    )
    edit_post(
        post=answer, by=author, body="Restart the **modem** and wait a minute.",
        reason="The modem, not the router",
    )  # fmt: skip
    login(page, author.email, PASSWORD)
    audit = PageAudit(page, language=language, screenshot=screenshot)
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{site}/p/{answer.pk}/history/")
        newest = page.locator(".revision").first
        expect(newest.locator("del.diff-del")).to_have_text("router")
        expect(newest.locator("ins.diff-ins")).to_have_text("modem")
        expect(newest.locator("strong")).to_have_count(1)  # rendered, not **Markdown**
        expect(newest).to_contain_text("The modem, not the router")
        expect(page.get_by_text("@@")).to_have_count(0)
        audit.check(f"history at {width} px")
    audit.assert_clean()
