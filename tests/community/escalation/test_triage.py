"""Priority triage: explainable rules over German and English text."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from community.escalation.triage import (
    REASON_TEXTS,
    fold,
    is_escalation_worthy,
    reason_text,
    triage,
)
from community.models import CustomerUrgency, Priority, Space, Thread
from community.services.posts import ask_question
from tests.factories import MemberFactory, SpaceFactory, make_thread

# (title, body, expected priority, expected codes)
CASES = [
    # --- English ------------------------------------------------------------------------
    ("How do I change my avatar?", "Where is the setting?", 3, []),
    ("Cannot log in since the update", "The app says my password is wrong.", 2, ["account"]),
    ("Locked out of my account", "", 2, ["account"]),
    ("2FA code never arrives", "", 2, ["account"]),
    ("I was charged twice for my order", "", 2, ["payment"]),
    ("Where is my refund?", "I returned the parcel two weeks ago.", 2, ["payment"]),
    ("My invoice is completely wrong", "", 2, ["payment"]),
    ("My account was hacked", "Someone changed my address.", 1, ["security"]),
    ("Phishing mail in your name", "", 1, ["security"]),
    ("Unauthorised orders on my card", "", 1, ["security"]),
    ("I want to cancel my contract", "", 2, ["complaint"]),
    ("This is unacceptable", "Third time the delivery is late.", 2, ["complaint"]),
    ("Worst service ever", "", 2, ["negative"]),
    ("URGENT: need the tracking number", "", 1, ["urgent_word"]),
    ("Need help asap", "", 1, ["urgent_word"]),
    ("The app is down", "It is not working for anyone in my office.", 2, ["outage"]),
    ("Refund still missing and I am furious", "", 1, ["payment", "negative"]),
    ("Complaint about my password reset", "", 2, ["account", "complaint"]),
    ("Someone logged into my account from abroad", "", 1, ["security"]),
    ("Signing in fails with two-factor codes", "", 2, ["account"]),
    ("They refunded only half", "", 2, ["payment"]),
    ("Payment declined twice at checkout", "", 2, ["payment"]),
    ("I complained three times already", "", 2, ["complaint"]),
    ("The website is down, not just me", "", 2, ["outage"]),
    # word boundaries: these contain the words only inside other words
    ("Download of the sign-up form", "Scroll down to the bottom.", 3, []),
    ("Shacked up with a new router", "", 3, []),
    ("Scampi recipe in the shop app", "Nobody can tell me the price.", 3, []),
    # --- German -------------------------------------------------------------------------
    ("Wie ändere ich mein Profilbild?", "", 3, []),
    ("Konto gesperrt", "Ich komme nicht mehr rein.", 2, ["account"]),
    ("Mein Konto ist seit gestern gesperrt", "", 2, ["account"]),
    ("Anmeldung klappt nicht", "", 2, ["account"]),
    ("Passwort vergessen", "", 2, ["account"]),
    ("Betrag doppelt abgebucht", "", 2, ["payment"]),
    ("Wann kommt meine Rückerstattung?", "", 2, ["payment"]),
    ("Wann kommt meine Rueckerstattung?", "", 2, ["payment"]),
    ("Lastschrift zurückgegangen", "", 2, ["payment"]),
    ("Mein Konto wurde gehackt", "", 1, ["security"]),
    ("Betrug im Shop?", "", 1, ["security"]),
    ("Beschwerde über den Kundenservice", "", 2, ["complaint"]),
    ("Ich will kündigen", "", 2, ["complaint"]),
    ("Das ist eine Frechheit", "", 2, ["negative"]),
    ("Katastrophaler Versand", "", 2, ["negative"]),
    ("Dringend: Lieferadresse ändern", "", 1, ["urgent_word"]),
    ("Bitte sofort melden", "", 1, ["urgent_word"]),
    ("Eilt!", "", 1, ["urgent_word"]),
    ("Störung in der App?", "", 2, ["outage"]),
    ("STÖRUNG bei allen", "", 2, ["outage"]),
    ("Die App geht seit heute nicht mehr", "", 2, ["outage"]),
    ("Passwörter werden nicht gespeichert", "", 2, ["account"]),
    ("Ich habe mich beschwert", "", 2, ["complaint"]),
    ("Vertrag gekündigt, trotzdem abgebucht", "", 2, ["payment", "complaint"]),
    ("Geht bei allen nicht?", "", 2, ["outage"]),
    ("Der Fehler ist nicht nur bei mir", "", 2, ["outage"]),
    # the verb "betrug" (the amount was …) is no fraud; mussels are no bad mood
    ("Versandkosten: der Betrag betrug 20 Euro", "", 3, []),
    ("Miesmuscheln bei allen Bestellungen", "", 3, []),
    ("Rückerstattung fehlt, unverschämt!", "", 2, ["payment", "complaint"]),
    ("Rückerstattung fehlt, katastrophal!", "", 1, ["payment", "negative"]),
    ("Schon wieder abgebucht, was für eine Abzocke", "", 1, ["payment", "negative"]),
]


@pytest.mark.parametrize(("title", "body", "priority", "codes"), CASES)
def test_triage_rules_in_both_languages(title, body, priority, codes):
    result = triage(title=title, body=body, space=None)
    assert (result.priority, result.codes) == (priority, codes)


def test_triage_reasons_carry_code_and_english_text_whatever_the_language():
    with translation.override("de"):
        result = triage(title="Konto gesperrt", body="", space=None)
    assert result.reasons == [{"code": "account", "text": "Account or sign-in problem"}]


@pytest.mark.parametrize(
    ("urgency", "priority"),
    [("", 3), (CustomerUrgency.NORMAL, 3), (CustomerUrgency.HIGH, 2), (CustomerUrgency.URGENT, 1)],
)
def test_triage_counts_the_askers_urgency(urgency, priority):
    result = triage(title="Where is my parcel?", body="", space=None, urgency=urgency)
    assert result.priority == priority
    assert ("customer_urgency" in result.codes) == (priority < 3)


def test_triage_space_default_is_a_floor_that_never_lowers():
    account_space = Space(slug="account", default_priority=Priority.HIGH)
    calm = triage(title="Change my avatar", body="", space=account_space)
    assert (calm.priority, calm.codes) == (2, ["space_default"])
    urgent = triage(title="Dringend!", body="", space=account_space)
    assert (urgent.priority, urgent.codes) == (1, ["urgent_word", "space_default"])
    normal_space = Space(slug="general", default_priority=Priority.NORMAL)
    assert triage(title="Dringend!", body="", space=normal_space).priority == 1
    assert triage(title="Hello", body="", space=normal_space).codes == []


def test_fold_spells_out_umlauts_and_drops_case():
    assert fold("Rückerstattung STÖRUNG Straße") == "rueckerstattung stoerung strasse"


def test_reason_text_is_translated_when_shown():
    with translation.override("de"):
        german = str(reason_text("account"))
    with translation.override("en"):
        english = str(reason_text("account"))
    assert english == "Account or sign-in problem"
    assert german != english
    assert reason_text("set_by_staff") == "set_by_staff"  # unknown codes pass through


def test_every_reason_has_a_german_translation():
    with translation.override("de"):
        for code, text in REASON_TEXTS.items():
            with translation.override("en"):
                english = str(text)
            assert str(text) != english, code


@pytest.mark.parametrize(
    ("priority", "codes", "worthy"),
    [
        (1, ["security"], True),
        (2, ["account"], True),
        (2, ["payment", "negative"], True),
        (1, ["complaint"], True),
        (1, ["urgent_word"], False),
        (2, ["outage"], False),
        (2, ["space_default"], False),
        (3, ["account"], False),
        (3, [], False),
    ],
)
def test_is_escalation_worthy(priority, codes, worthy):
    thread = Thread(priority=priority, priority_reasons=[{"code": c, "text": ""} for c in codes])
    assert is_escalation_worthy(thread) is worthy


# --- stored when a question is asked (community.services.posts.ask_question) -----------------


def test_ask_question_stores_the_triage(db):
    thread = ask_question(
        author=MemberFactory(),
        space=SpaceFactory(),
        title="Charged twice for my order",
        body="The bank statement shows the amount twice.",
        urgency=CustomerUrgency.HIGH,
    )
    thread.refresh_from_db()
    assert thread.priority == Priority.HIGH
    assert [reason["code"] for reason in thread.priority_reasons] == [
        "payment",
        "customer_urgency",
    ]
    assert thread.customer_urgency == CustomerUrgency.HIGH
    assert is_escalation_worthy(thread)


def test_ask_question_leaves_ideas_untriaged(db):
    idea = make_thread(title="Dringend: dark mode for the app", kind="idea")
    idea.refresh_from_db()
    assert (idea.priority, idea.priority_reasons, idea.customer_urgency) == (3, [], "")


# --- the ask form's urgency choice ------------------------------------------------------------


def _ask(client, **data):
    payload = {
        "title": "Where is my parcel from last week?",
        "body": "The tracking page has said the same for days.",
        "kind": "question",
        "tags": "",
        **data,
    }
    return client.post(reverse("community:ask"), payload)


def test_ask_form_offers_the_urgency_as_radio_buttons_in_a_fieldset(member_client):
    content = member_client.get(reverse("community:ask")).content.decode()
    start = content.index("<legend>How urgent is it for you?</legend>")
    fieldset = content[content.rindex("<fieldset>", 0, start) : content.index("</fieldset>", start)]
    assert fieldset.count('type="radio"') == 3
    assert re.search(r'value="normal"[^>]* checked', fieldset)
    for label in ("It can wait a little", "I cannot use the service at all"):
        assert label in fieldset


@pytest.mark.parametrize(
    ("urgency", "priority", "stored"),
    [("urgent", 1, "urgent"), ("high", 2, "high"), ("", 3, "normal"), ("normal", 3, "normal")],
)
def test_ask_form_urgency_sets_the_priority(member_client, urgency, priority, stored):
    response = _ask(member_client, space=SpaceFactory().pk, urgency=urgency)
    assert response.status_code == 302
    thread = Thread.objects.get()
    assert (thread.priority, thread.customer_urgency) == (priority, stored)


def test_ask_form_ignores_the_urgency_of_an_idea(member_client):
    _ask(member_client, space=SpaceFactory().pk, kind="idea", urgency="urgent")
    thread = Thread.objects.get()
    assert (thread.priority, thread.customer_urgency) == (3, "")


def test_ask_form_refuses_an_unknown_urgency_and_keeps_what_was_typed(member_client):
    response = _ask(member_client, space=SpaceFactory().pk, urgency="yesterday")
    assert response.status_code == 400
    content = response.content.decode()
    assert "Select a valid choice." in content
    assert "The tracking page has said the same for days." in content
    assert not Thread.objects.exists()


def test_ask_form_keeps_the_urgency_in_the_draft_after_signing_in(client, member):
    _ask(client, space=SpaceFactory().pk, urgency="urgent")  # signed out: kept as a draft
    client.force_login(member)
    content = " ".join(client.get(reverse("community:ask")).content.decode().split())
    assert re.search(r'value="urgent"[^>]* checked', content)
    assert not re.search(r'value="normal"[^>]* checked', content)


def test_priority_reason_filter_translates_triage_codes_and_keeps_other_texts():
    from django.template import Context, Template

    template = Template(
        "{% load triage %}{% for r in reasons %}{{ r|priority_reason }};{% endfor %}"
    )
    reasons = [
        {"code": "payment", "text": "Payment or billing problem"},
        {"code": "staff", "text": "Set by Alex Agent"},
    ]
    with translation.override("de"):
        rendered = template.render(Context({"reasons": reasons}))
    assert rendered == "Problem mit Zahlung oder Rechnung;Set by Alex Agent;"
