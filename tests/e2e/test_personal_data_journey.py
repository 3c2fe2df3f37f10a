"""A customer types their IBAN into a question: the form stops them, explains what it
found with the IBAN marked, keeps every word, and lets them send it privately to the
support team instead; a member of the team reads it there and replies. In English and
German, checked with axe."""

import pytest
from playwright.sync_api import Page, expect

from community.models import SupportCase, Thread
from tests.e2e.axe import PageAudit
from tests.factories import PASSWORD, MemberFactory, SpaceFactory, StaffFactory

TEXT = {
    "en": {
        "title": "Direct debit failed this month",
        "body": "Please take it from DE89 3704 0044 0532 0130 00 again.",
        "box": "This looks like personal data",
        "private": "Send it privately to the support team instead",
        "sent": "only you and the support team can read it",
        "reply": "Send reply",
    },
    "de": {
        "title": "Lastschrift ist diesen Monat fehlgeschlagen",
        "body": "Bitte bucht noch einmal von DE89 3704 0044 0532 0130 00 ab.",
        "box": "Das sieht nach persönlichen Daten aus",
        "private": "Stattdessen privat an das Support-Team schicken",
        "sent": "Nur du und das Support-Team können sie lesen",
        "reply": "Antwort senden",
    },
}


@pytest.mark.parametrize("language", ["en", "de"])
def test_an_iban_in_a_question_is_stopped_and_sent_privately(
    page: Page, site, login, screenshot, language
):
    text = TEXT[language]
    space = SpaceFactory(name_en="Invoices & payment", name_de="Rechnungen & Zahlung")
    customer = MemberFactory(locale=language, display_name="Casey Customer")
    agent = StaffFactory(locale=language, display_name="Alex Agent")
    audit = PageAudit(page, language=language, screenshot=screenshot)

    # The customer asks with their IBAN in the text
    login(page, customer.email, PASSWORD)
    page.goto(f"{site}/ask/")
    page.locator("#id_title").fill(text["title"])
    page.locator("#id_body").fill(text["body"])
    page.locator("#id_space").select_option(str(space.pk))
    page.locator("#ask-form button[type=submit]").first.click()

    # Stopped: the box explains, the IBAN is marked, every word is still in the form
    box = page.locator(".personal-data")
    expect(box).to_contain_text(text["box"])
    expect(box.locator("mark")).to_have_text("DE89 3704 0044 0532 0130 00")
    expect(page.locator("#id_title")).to_have_value(text["title"])
    expect(page.locator("#id_body")).to_have_value(text["body"])
    assert not Thread.objects.exists()
    audit.check(f"personal-data-box-{language}")

    # They send it privately instead
    box.get_by_role("button", name=text["private"]).click()
    expect(page.locator("body")).to_contain_text(text["sent"])
    case = SupportCase.objects.get()
    assert case.author == customer and not Thread.objects.exists()
    audit.check(f"private-message-{language}")

    # The support team reads it and replies
    page.context.clear_cookies()
    login(page, agent.email, PASSWORD)
    page.goto(f"{site}{case.get_absolute_url()}")
    expect(page.locator(".prose").first).to_contain_text("DE89 3704 0044 0532 0130 00")
    page.locator("#id_body").fill("Done, the debit runs again tomorrow.")
    page.get_by_role("button", name=text["reply"]).click()
    expect(page.locator(".case-messages li")).to_have_count(2)
    audit.assert_clean()
