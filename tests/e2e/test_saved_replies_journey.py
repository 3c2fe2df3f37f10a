"""A support agent answers with a saved reply: opens the picker above the answer form,
filters it, inserts the greeting (the asker's name filled in) where the cursor is, adds a
sentence and posts. Checked with axe; the picker and the replies page in English."""

import pytest
from haystack import connections
from playwright.sync_api import Page, expect

from knowledge.models import SavedReply
from tests.e2e.axe import PageAudit
from tests.factories import PASSWORD, MemberFactory, StaffFactory, make_thread


@pytest.fixture(autouse=True)
def empty_search_index():
    connections["default"].get_backend().clear()


def test_an_agent_inserts_a_saved_reply_edits_it_and_posts(page: Page, site, login, screenshot):
    asker = MemberFactory(display_name="Robin Asker")
    thread = make_thread(author=asker, title="Router shows E-3105")
    agent = StaffFactory(display_name="Alex Agent", email="agent@example.com")
    greeting = SavedReply.objects.create(
        owner=agent, title="Greeting", body="Hi {asker}, thanks for asking!", is_shared=True
    )
    SavedReply.objects.create(owner=agent, title="Known issue", body="Follow the status post.")
    audit = PageAudit(page, language="en", screenshot=screenshot)

    login(page, agent.email, PASSWORD)
    page.goto(f"{site}{thread.get_absolute_url()}")
    page.get_by_text("Insert a saved reply").click()
    audit.check("picker-open")
    page.get_by_label("Filter saved replies").fill("greet")
    expect(page.get_by_role("button", name="Known issue")).to_be_hidden()
    page.get_by_role("button", name="Greeting").click()

    answer = page.get_by_label("Your answer")
    expect(answer).to_have_value("Hi Robin Asker, thanks for asking!\n")
    expect(page.get_by_text("Saved reply inserted: edit it before posting.")).to_be_visible()
    answer.press("End")
    answer.type("Please restart the box first.")
    page.get_by_role("button", name="Post answer").click()
    expect(page.get_by_text("Hi Robin Asker, thanks for asking!")).to_be_visible()
    greeting.refresh_from_db()
    assert greeting.use_count == 1

    page.goto(f"{site}/replies/")
    expect(page.get_by_role("heading", name="Saved replies")).to_be_visible()
    audit.check("replies-list")
    audit.assert_clean()
