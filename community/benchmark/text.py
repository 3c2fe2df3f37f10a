"""The words of the benchmark's data: English and German titles and posts, generated.

Sentence patterns filled with nouns, error codes, versions and order numbers, so the
search index gets a vocabulary with a long tail, as a real support forum has. Plain
paragraphs only, so their HTML is known without rendering each (checked against
render_markdown on a sample).
"""

import html
import random

from community.markdown import render_markdown

NOUNS_EN = [
    "invoice", "router", "password", "delivery", "parcel", "refund", "contract", "update",
    "upload", "export", "account", "address", "order", "app", "login", "payment", "tariff",
    "voucher", "printer", "firmware", "battery", "charger", "screen", "subscription",
    "newsletter", "notification", "backup", "calendar", "receipt", "warranty", "replacement",
    "shipment", "modem", "network", "download", "signature", "profile", "discount", "reminder",
    "statement", "credit card", "direct debit", "bank transfer", "customer number", "SIM card",
]  # fmt: skip
NOUNS_DE = [
    "Rechnung", "Passwort", "Lieferung", "Paket", "Erstattung", "Vertrag", "Konto", "Adresse",
    "Bestellung", "Kündigung", "Tarif", "Gutschein", "Drucker", "Akku", "Ladegerät",
    "Bildschirm", "Benachrichtigung", "Sicherung", "Quittung", "Garantie", "Rücksendung",
    "Sendungsverfolgung", "Zahlung", "Mahnung", "Lastschrift", "Überweisung", "Störung",
    "Kundennummer", "Anmeldung", "Datensicherung", "Vertragslaufzeit", "Rufnummer",
    "Rechnungsadresse", "Zugangsdaten", "Lieferadresse", "Zahlungsart", "Mobilfunkvertrag",
]  # fmt: skip
TITLES_EN = [
    "{Noun} not working after the update",
    "Error {code} when I open the {noun}",
    "How do I change my {noun}?",
    "{Noun} shows the wrong {noun2}",
    "Where can I find my {noun}?",
    "{Noun} missing since version {version}",
    "Cannot save the {noun} in the app",
    "{Noun} and {noun2} do not match",
]
TITLES_DE = [
    "{Dnoun} wird nicht angezeigt",
    "Fehler {code} bei der {dnoun}",
    "Wie ändere ich meine {dnoun}?",
    "{Dnoun} seit Version {version} weg",
    "Probleme mit {dnoun} und {dnoun2}",
    "Wo finde ich die {dnoun}?",
    "Keine {dnoun} nach dem Update erhalten",
]
SENTENCES_EN = [
    "My {noun} does not work since the last {noun2}.",
    "I get error {code} when I open the {noun}.",
    "How can I change the {noun} in my {noun2}?",
    "The {noun} shows {code} after the update to version {version}.",
    "Did anyone solve the problem with the {noun}?",
    "Thanks, that fixed it for me.",
    "Try to restart the {noun} and clear the cache of the app.",
    "I already tried it on my phone and on the laptop.",
    "The support team asked for my order number {order}.",
    "Since yesterday the {noun} is empty and the {noun2} is missing.",
    "You can find the {noun} under settings, then {noun2}.",
    "It worked again after I logged out and in.",
    "Same here, the {noun} still fails with {code}.",
    "Please check whether your {noun} is up to date.",
]
SENTENCES_DE = [
    "Mein {dnoun} funktioniert seit dem letzten Update nicht mehr.",
    "Ich bekomme den Fehler {code}, wenn ich die {dnoun} öffne.",
    "Wie kann ich die {dnoun} in meinem Konto ändern?",
    "Danke, das hat bei mir geholfen.",
    "Starte das Gerät neu und lösche den Cache der App.",
    "Seit gestern fehlt die {dnoun} und die {dnoun2} ist leer.",
    "Ich habe es schon am Handy und am Laptop versucht.",
    "Der Support wollte meine Bestellnummer {order} wissen.",
    "Die {dnoun} findest du unter Einstellungen, dann {dnoun2}.",
    "Nach dem Abmelden und Anmelden ging es wieder.",
    "Bei mir kommt immer noch der Fehler {code}.",
    "Bitte prüfe, ob deine {dnoun} aktuell ist.",
]
# Answers on the measured thread pages: Markdown with the usual trimmings.
RICH_ANSWERS = [
    "Try this:\n\n1. Log out\n2. Clear the cache\n3. Open the invoice again\n\n"
    "That fixed it for me, see also @bench-member-01's post.",
    "The **PDF** is generated over night. If it is still empty, send the order number "
    "to support: <https://example.com/contact>.",
    "Same problem here. The app says `E-1042` and then:\n\n> Your invoice could not be loaded.\n\n"
    "Any idea?",
    "Das hat bei mir geholfen:\n\n- abmelden\n- Cache leeren\n- neu anmelden\n\n"
    "Danach war die Rechnung wieder da.",
]


def fill(template: str, rng: random.Random) -> str:
    noun, noun2 = rng.sample(NOUNS_EN, 2)
    dnoun, dnoun2 = rng.sample(NOUNS_DE, 2)
    return template.format(
        noun=noun,
        noun2=noun2,
        Noun=noun[0].upper() + noun[1:],
        dnoun=dnoun,
        dnoun2=dnoun2,
        Dnoun=dnoun,
        code=f"E-{rng.randrange(1000, 10000)}",
        version=f"{rng.randrange(1, 9)}.{rng.randrange(0, 20)}",
        order=f"{rng.randrange(100, 1000)}-{rng.randrange(10000, 100000)}",
    )


def title(rng: random.Random, german: bool) -> str:
    return fill(rng.choice(TITLES_DE if german else TITLES_EN), rng)


def body(rng: random.Random, german: bool) -> tuple[str, str]:
    """Markdown (plain paragraphs) and the HTML render_markdown makes of it."""
    sentences = SENTENCES_DE if german else SENTENCES_EN
    paragraphs = [
        " ".join(fill(rng.choice(sentences), rng) for _ in range(rng.randint(1, 3)))
        for _ in range(rng.randint(1, 3))
    ]
    markdown = "\n\n".join(paragraphs)
    return markdown, "".join(f"<p>{html.escape(p, quote=False)}</p>\n" for p in paragraphs)


def check_generated_html(rng: random.Random) -> None:
    """The HTML stored without rendering each post must be what rendering would store."""
    for number in range(50):
        markdown, expected = body(rng, german=bool(number % 2))
        if render_markdown(markdown) != expected:
            raise AssertionError(f"Generated HTML differs from render_markdown for: {markdown!r}")
