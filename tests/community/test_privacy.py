"""The personal-data detectors: what they find, and what they must leave alone."""

import json

import pytest

from community.demo.content import DATA_DIR
from community.models import Member, Post, Thread
from community.privacy import (
    Finding,
    FindingKind,
    find_personal_data,
    highlighted_pieces,
    needs_refusal,
)

# (text, kind, the part found) — in German and English, in prose and in Markdown code.
TRUE_POSITIVES = [
    (
        "Meine IBAN ist DE89 3704 0044 0532 0130 00, bitte abbuchen",
        "iban",
        "DE89 3704 0044 0532 0130 00",
    ),
    ("IBAN: DE89370400440532013000.", "iban", "DE89370400440532013000"),
    ("my iban de89370400440532013000 thanks", "iban", "de89370400440532013000"),
    ("Austrian account AT61 1904 3002 3457 3201", "iban", "AT61 1904 3002 3457 3201"),
    ("Karte 4111 1111 1111 1111 wurde abgelehnt", "card", "4111 1111 1111 1111"),
    ("card 5555-5555-5555-4444 declined", "card", "5555-5555-5555-4444"),
    ("Amex 378282246310005 expired", "card", "378282246310005"),
    ("`4012888888881881`", "card", "4012888888881881"),
    ("Ruf mich an: 0151 23456789", "phone", "0151 23456789"),
    ("call me at +44 20 7946 0958 please", "phone", "+44 20 7946 0958"),
    ("Tel. 030 12345678", "phone", "030 12345678"),
    ("Meine Nummer: 0049 30 12345678", "phone", "0049 30 12345678"),
    ("Handy +49 (0)170 1234567", "phone", "+49 (0)170 1234567"),
    ("phone (030) 1234 5678", "phone", "(030) 1234 5678"),
    ("Telefon: 0221 9876543", "phone", "0221 9876543"),
    ("mail an max.mustermann@gmx.de bitte", "email", "max.mustermann@gmx.de"),
    ("Write to jane_doe+shop@example.co.uk.", "email", "jane_doe+shop@example.co.uk"),
    ("Passwort: Sommer2024", "secret", "Sommer2024"),
    ("Kennwort: Hasenbraten", "secret", "Hasenbraten"),
    ("password: hunter2", "secret", "hunter2"),
    ("pw=geheim123", "secret", "geheim123"),
    ("PIN: 1234", "secret", "1234"),
    ("Kundennummer: 12345678", "secret", "12345678"),
    ("customer number 98765432", "secret", "98765432"),
    ("Customer no. K-445566", "secret", "K-445566"),
    ("Kundennr. 4711-0815", "secret", "4711-0815"),
    ("Meine Kundennummer lautet 33445566.", "secret", "33445566"),
    ("my password is hunter2!", "secret", "hunter2"),
    ("Inline `password: s3cret` in code", "secret", "s3cret"),
    ("```\nPASSWORD=abc123xyz\nUSER=me\n```", "secret", "abc123xyz"),
    ("    login --pw=Zx9!mm", "secret", "Zx9!mm"),
]

FALSE_POSITIVES = [
    "Bestellnummer 100234567 vom 12.03.2024",
    "Order #4711-2023-889 was shipped on 2024-03-12",
    "Version 2.14.1 fixes it; the router's address is 192.168.178.1",
    "Update auf 10.0.0.1 hat nichts geändert",
    "DHL-Sendungsnummer 00340434161234567890",
    "DHL tracking 123456789012",
    "UPS 1Z999AA10123456784 is stuck in customs",
    "Preis: 1.299,00 € statt 1.499,00 €",
    "It costs $1,299.00, or 49.99 a month for 24 months",
    "um 14:30 Uhr am 01.02.2025",
    "at 9:45 pm on 03/14/2025",
    "Rechnung RE-2024-001234 über 39,99 EUR",
    "Rechnungsnummer 2024001234567",
    "Invoice INV-2024-000871 is missing",
    "Passwort vergessen, Reset-Link kommt nie",
    "Passwort zurücksetzen: Link abgelaufen",
    "The password is wrong, says the app",
    "Password: ********",
    "Passwort: <dein Passwort>",
    "Passwort: vergessen",
    "Die PIN ist falsch",
    "PIN vergessen, SIM gesperrt",
    "Fehler E-5003 in App 3.2.0",
    "Error code 0x80070005",
    "Screenshot logo@2x.png attached",
    "Thanks @maria.k and @ben.support!",
    "FRITZ!Box 7590, Firmware 7.57",
    "IMEI 490154203237518",
    "IMEI 356938035643809",
    "Tarif 50 Mbit/s für 29,99 €/Monat, 24 Monate Laufzeit",
    "Meine Kundennummer schicke ich lieber privat.",
    "Where do I find my customer number?",
    "Ticket 20240312 was closed",
    "Build 20240312.1532 crashes",
    "ISBN 978-3-16-148410-0",
    "Artikelnummer 4006381333931",
    "Serial number SN 1234-5678-9012",
]


@pytest.mark.parametrize(("text", "kind", "found"), TRUE_POSITIVES)
def test_find_personal_data_finds(text, kind, found):
    findings = find_personal_data(text)
    assert [(f.kind, text[f.start : f.end]) for f in findings] == [(kind, found)]


@pytest.mark.parametrize("text", FALSE_POSITIVES)
def test_find_personal_data_leaves_alone(text):
    assert find_personal_data(text) == []


def test_find_personal_data_lists_every_finding_in_the_order_of_the_text():
    text = "Mail: a.b@web.de, IBAN DE89370400440532013000, Karte 4111111111111111, PIN: 9876"
    kinds = [finding.kind for finding in find_personal_data(text)]
    assert kinds == ["email", "iban", "card", "secret"]


def test_find_personal_data_gives_an_overlap_to_the_stronger_kind():
    # The IBAN's digits would also pass as a number; the IBAN is what is reported.
    findings = find_personal_data("Tel DE89 3704 0044 0532 0130 00")
    assert [finding.kind for finding in findings] == ["iban"]


def test_find_personal_data_of_nothing_is_nothing():
    assert find_personal_data("") == []


@pytest.mark.parametrize(
    ("kinds", "confirmed", "refused"),
    [
        ({"email"}, False, True),
        ({"email"}, True, False),
        ({"phone", "email"}, True, False),
        ({"iban"}, True, True),
        ({"card"}, True, True),
        ({"secret"}, True, True),
        ({"email", "card"}, True, True),
        (set(), False, False),
    ],
)
def test_needs_refusal(kinds, confirmed, refused):
    findings = [Finding(kind, 0, 1) for kind in kinds]
    assert needs_refusal(findings, contact_confirmed=confirmed) is refused


def test_highlighted_pieces_cut_the_text_at_the_findings():
    text = "Call 0151 23456789 now"
    pieces = highlighted_pieces(text, find_personal_data(text))
    assert pieces == [("Call ", ""), ("0151 23456789", FindingKind.PHONE), (" now", "")]


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)


def test_demo_data_files_have_no_personal_data():
    found = []
    for path in sorted(DATA_DIR.rglob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for text in _strings(data):
            for finding in find_personal_data(text):
                found.append((path.name, text[finding.start : finding.end]))
    assert found == []


@pytest.mark.usefixtures("seeded_demo")
class TestSeededDemo:
    def test_demo_community_has_no_personal_data(self, db):
        # Seeding goes through the guarded services with placeholders filled in: had any
        # text tripped the guard, seeding would have failed. Read back everything to be sure.
        texts = list(Post.objects.values_list("body", flat=True))
        texts += list(Thread.objects.values_list("title", flat=True))
        for member in Member.objects.all():
            texts += [member.display_name, member.bio, member.staff_signature]
        assert len(texts) > 300
        found = [
            (text[f.start : f.end], f.kind) for text in texts for f in find_personal_data(text)
        ]
        assert found == []
