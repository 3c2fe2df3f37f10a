"""No question left behind: a customer's question gets no answer, time passes, the every-
minute sweep (`manage.py escalate_overdue`) hands it to the support team, an agent takes it
on at /support/, talks privately with the customer, resolves it with a public answer, and
the customer sees the outcome on the thread and rates the support team from the e-mail's
link, once. In English and German; axe-core checks the desk, the case and the status page.
"""

import re
from datetime import time, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Page, expect

from community.models import (
    Escalation,
    EscalationStatus,
    SatisfactionSurvey,
    SupportCase,
    SupportSettings,
    Thread,
)
from tests.e2e.axe import PageAudit
from tests.factories import PASSWORD, MemberFactory, SpaceFactory, StaffFactory

TEXT = {
    "en": {
        "title": "Router keeps dropping the connection every evening",
        "body": "Since Monday my router loses the connection around 8 pm. Restarting helps "
        "for an hour. What can I do?",
        "posted": "Thank you, your question is posted!",
        "looking": "Our support team is looking into this",
        "take": "Take it on",
        "private": "Write to the customer privately",
        "private_text": "Could you send me your customer number here? Then I check the line.",
        "reply": "Send reply",
        "replied": "Customer replied",
        "customer_text": "Sure, it is 4711-0815.",
        "resolve": "Resolve and answer on the thread",
        "resolution": "We found a fault on the line and fixed it; the router stays online now.",
        "solution": "Mark it as the solution",
        "answered": "Our support team answered this",
        "rate": "Send my rating",
        "comment": "Quick and friendly, thank you!",
    },
    "de": {
        "title": "Router verliert jeden Abend die Verbindung",
        "body": "Seit Montag verliert mein Router gegen 20 Uhr die Verbindung. Ein Neustart "
        "hilft für eine Stunde. Was kann ich tun?",
        "posted": "Danke, deine Frage ist veröffentlicht!",
        "looking": "Unser Support-Team kümmert sich darum",
        "take": "Übernehmen",
        "private": "Privat an die Kundin oder den Kunden schreiben",
        "private_text": "Schickst du mir hier deine Kundennummer? Dann prüfe ich die Leitung.",
        "reply": "Antwort senden",
        "replied": "Kundin oder Kunde hat geantwortet",
        "customer_text": "Gern, sie lautet 4711-0815.",
        "resolve": "Lösen und im Thread antworten",
        "resolution": "Wir haben eine Störung auf der Leitung gefunden und behoben; der Router "
        "bleibt jetzt online.",
        "solution": "Als Lösung markieren",
        "answered": "Unser Support-Team hat hier geantwortet",
        "rate": "Bewertung senden",
        "comment": "Schnell und freundlich, danke!",
    },
}


def _support_team_always_working() -> None:
    """Business time equals real time, whenever and on whichever day CI runs this."""
    support = SupportSettings.objects.current()
    support.opens_at = support.closes_at = time(0, 0)  # open all day
    support.work_days = "1234567"
    support.holiday_country = ""
    support.save()


def _survey_link(customer_email: str) -> str:
    for message in mail.outbox:
        if customer_email in message.to:
            links = re.findall(r"https?://\S+/support/survey/[^\s\"'<>]+", message.body)
            if links:
                return links[-1]
    raise AssertionError("no survey e-mail with a link reached the customer")


@pytest.mark.parametrize("language", ["en", "de"])
def test_an_unanswered_question_is_escalated_worked_privately_and_resolved(
    page: Page, site, login, screenshot, language
):
    text = TEXT[language]
    _support_team_always_working()
    space = SpaceFactory(
        name_en="Internet & router", name_de="Internet & Router", first_response_target=60
    )
    customer = MemberFactory(locale=language, display_name="Casey Customer")
    agent = StaffFactory(locale=language, display_name="Alex Agent")
    audit = PageAudit(page, language=language, screenshot=screenshot)

    # The customer asks and is told at once what to expect
    login(page, customer.email, PASSWORD)
    page.goto(f"{site}/ask/")
    page.locator("#id_title").fill(text["title"])
    page.locator("#id_body").fill(text["body"])
    page.locator("#id_space").select_option(str(space.pk))
    page.locator("#ask-form button[type=submit]").first.click()
    expect(page.locator(".ack")).to_contain_text(text["posted"])
    thread = Thread.objects.get(title=text["title"])
    audit.check(f"asked-{language}")

    # Nobody answers for two hours; the sweep hands the question to the support team
    Thread.objects.filter(pk=thread.pk).update(
        created_at=timezone.now() - timedelta(hours=2),
        last_activity_at=timezone.now() - timedelta(hours=2),
    )
    call_command("escalate_overdue", verbosity=0)
    escalation = Escalation.objects.get(thread=thread)
    assert escalation.status == EscalationStatus.NEW
    page.goto(f"{site}{thread.get_absolute_url()}")
    expect(page.locator(".escalation-notice")).to_contain_text(text["looking"])
    audit.check(f"thread-escalated-{language}")

    # An agent finds it on the desk, takes it on and writes to the customer privately
    page.context.clear_cookies()
    login(page, agent.email, PASSWORD)
    page.goto(f"{site}/support/")
    row_link = page.get_by_role("link", name=text["title"]).first
    expect(row_link).to_be_visible()
    audit.check(f"desk-queue-{language}")
    page.goto(f"{site}{escalation.get_absolute_url()}")
    page.get_by_role("button", name=text["take"]).click()
    expect(page.locator("main")).to_contain_text(agent.public_name)
    page.locator("#desk-private").locator("..").locator("textarea").fill(text["private_text"])
    page.get_by_role("button", name=text["private"]).click()
    escalation.refresh_from_db()
    assert escalation.assignee == agent and escalation.case is not None
    audit.check(f"desk-escalation-{language}")

    # The customer reads it in the private case and answers there
    page.context.clear_cookies()
    login(page, customer.email, PASSWORD)
    page.goto(f"{site}/cases/")
    page.get_by_role("link", name=escalation.case.title).first.click()
    expect(page.locator(".case-messages")).to_contain_text(text["private_text"])
    page.locator("#id_body").fill(text["customer_text"])
    page.get_by_role("button", name=text["reply"]).click()
    expect(page.locator(".case-messages li")).to_have_count(2)
    audit.check(f"case-{language}")

    # Nobody else can open the case
    page.context.clear_cookies()
    stranger = MemberFactory(locale=language)
    login(page, stranger.email, PASSWORD)
    response = page.goto(f"{site}{escalation.case.get_absolute_url()}")
    assert response.status == 404
    assert page.goto(f"{site}/support/").status == 404

    # The agent resolves it with a public answer that is the solution
    page.context.clear_cookies()
    login(page, agent.email, PASSWORD)
    page.goto(f"{site}{escalation.get_absolute_url()}")
    # The customer's reply is on the escalation's timeline (its text stays in the case)
    expect(page.locator("main")).to_contain_text(text["replied"])
    page.locator("#desk-resolve").locator("..").locator("textarea").fill(text["resolution"])
    page.get_by_label(text["solution"]).check()
    page.get_by_role("button", name=text["resolve"]).click()
    escalation.refresh_from_db()
    assert escalation.status == EscalationStatus.RESOLVED
    assert escalation.resolution_post.is_official
    assert SupportCase.objects.filter(pk=escalation.case_id).exists()

    # The customer sees the outcome on the thread
    page.context.clear_cookies()
    login(page, customer.email, PASSWORD)
    page.goto(f"{site}{thread.get_absolute_url()}")
    expect(page.locator(".escalation-notice")).to_contain_text(text["answered"])
    expect(page.locator("main")).to_contain_text(text["resolution"])
    thread.refresh_from_db()
    assert thread.is_solved
    audit.check(f"thread-resolved-{language}")
    page.goto(f"{site}/status/")
    audit.check(f"status-{language}")

    # …and rates the support team from the e-mail's link, once
    page.context.clear_cookies()  # the link works without signing in
    page.goto(_survey_link(customer.email))
    page.locator("input[name=score][value='5']").check()
    page.locator("textarea[name=comment]").fill(text["comment"])
    audit.check(f"survey-{language}")
    page.get_by_role("button", name=text["rate"]).click()
    survey = SatisfactionSurvey.objects.get(escalation=escalation)
    assert (survey.score, survey.comment) == (5, text["comment"])
    page.goto(_survey_link(customer.email))
    expect(page.locator("input[name=score]")).to_have_count(0)
    audit.assert_clean()
