"""A new member posts an advert as an answer; three members flag it as spam and it
disappears from the thread; a super user agrees in the review queue (deleting it as spam)
and silences the spammer from their profile. Each flagger hears the outcome. The flag
page and the review queue have no serious accessibility violations, in both languages."""

import re

import pytest
from playwright.sync_api import Page, expect

from community.models import Flag, FlagStatus, Notification, NotificationKind, Post, TrustLevel
from tests.e2e.axe import PageAudit
from tests.factories import PASSWORD, MemberFactory, make_answer, make_thread

ADVERT = "Best prices on router spare parts in town, come to our store and ask for Bob."


@pytest.mark.parametrize("language", ["en", "de"])
def test_spam_is_flagged_away_and_the_spammer_silenced(
    page: Page, site, login, screenshot, language
):
    thread = make_thread(title="Router loses its connection every evening")
    spammer = MemberFactory(username="bob", trust_level=TrustLevel.NEW, locale=language)
    advert = make_answer(thread=thread, author=spammer, body=ADVERT)
    assert advert.hidden_at is None  # no spam rule tripped: it is public until flagged
    flaggers = [
        MemberFactory(username=f"flagger{n}", trust_level=TrustLevel.BASIC, locale=language)
        for n in range(3)
    ]
    leader = MemberFactory(username="lee", trust_level=TrustLevel.LEADER, locale=language)
    audit = PageAudit(page, language=language, screenshot=screenshot)
    answer_on_page = page.locator(f"#post-{advert.pk}")

    # Three members flag the advert as spam from the thread page.
    for number, flagger in enumerate(flaggers):
        page.context.clear_cookies()
        login(page, flagger.email, PASSWORD)
        page.goto(f"{site}{thread.get_absolute_url()}")
        expect(answer_on_page).to_contain_text("ask for Bob")
        answer_on_page.locator("a[href$='/flag/']").click()
        page.locator("input[name='reason'][value='spam']").check()
        if number == 0:
            audit.check("flag page")
        page.locator("main form button[type='submit']").click()
        expect(page).to_have_url(re.compile(rf"/t/{thread.pk}/"))

    # Gone from the thread for everyone else.
    page.context.clear_cookies()
    page.goto(f"{site}{thread.get_absolute_url()}")
    expect(page.get_by_text("ask for Bob")).to_have_count(0)

    # The super user finds it in the review queue and deletes it as spam.
    login(page, leader.email, PASSWORD)
    page.goto(f"{site}/review/")
    item = page.locator(f"#review-{advert.pk}")
    expect(item).to_contain_text("ask for Bob")
    expect(item).to_contain_text("3")
    audit.check("review queue")
    item.locator(f"button[value='{advert.pk}:agree-delete']").click()
    expect(page.locator(f"#review-{advert.pk}")).to_have_count(0)
    audit.check("review queue after the decision")
    assert Post.objects.get(pk=advert.pk).deleted_at is not None
    assert set(Flag.objects.filter(post=advert).values_list("status", flat=True)) == {
        FlagStatus.AGREED
    }

    # … and silences the spammer from the profile.
    page.goto(f"{site}/members/bob/")
    page.locator("#id_silence-reason").fill("Adverts")
    page.locator("#id_silence-period_1").check()
    page.locator("form[action$='/silence/'] button[value='impose']").click()
    spammer.refresh_from_db()
    assert spammer.silenced_until is not None

    # Every flagger hears the outcome.
    told = Notification.objects.filter(kind=NotificationKind.FLAG_RESOLVED)
    assert set(told.values_list("recipient__username", flat=True)) == {
        "flagger0",
        "flagger1",
        "flagger2",
    }

    # The spammer can read but not answer any more.
    page.context.clear_cookies()
    login(page, spammer.email, PASSWORD)
    page.goto(f"{site}{thread.get_absolute_url()}")
    expect(page.locator("#silenced-title")).to_be_visible()
    audit.assert_clean()
