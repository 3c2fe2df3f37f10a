"""The personal-data guard's detectors: what in a text looks like someone's personal data.

``find_personal_data(text)`` lists e-mail addresses, phone numbers (German and
international, by the ``phonenumbers`` library), IBANs (mod-97), payment card numbers
(Luhn and a card network's prefix) and values labelled as secrets or customer numbers
("Passwort: …", "customer number …"). Markdown code spans and blocks are read like any
other text: people paste secrets into them.

False alarms cost a member's trust in the form, so every detector asks for more than a
pattern: a phone number starts with +, 00 or 0 (or follows a word such as "Tel."), a
card number has a card network's prefix, an IBAN its check digits, a secret a label with
a colon. Order numbers, dates, versions, prices, tracking and invoice numbers pass.
"""

import re
from dataclasses import dataclass

import phonenumbers
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from stdnum import iban, luhn


class FindingKind(models.TextChoices):
    EMAIL = "email", _("e-mail address")
    PHONE = "phone", _("phone number")
    IBAN = "iban", _("IBAN")
    CARD = "card", _("card number")
    SECRET = "secret", _("password, PIN or customer number")


# Never allowed in public, whatever the author confirms.
ALWAYS_REFUSED = frozenset({FindingKind.IBAN, FindingKind.CARD, FindingKind.SECRET})
# Allowed when the author confirms they are a company's public contact details.
CONFIRMABLE = frozenset({FindingKind.EMAIL, FindingKind.PHONE})


@dataclass(frozen=True, order=True)
class Finding:
    """``text[start:end]`` looks like personal data of `kind` (a FindingKind value)."""

    start: int
    end: int
    kind: str

    def __init__(self, kind: str, start: int, end: int):
        object.__setattr__(self, "kind", FindingKind(kind))
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)


# --- e-mail addresses ---------------------------------------------------------------------

EMAIL = re.compile(
    r"(?<![\w.+-])[\w.%+-]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+([A-Za-z]{2,24})\b"
)
# "logo@2x.png" is a file name, not an address.
FILE_ENDINGS = {"png", "jpg", "jpeg", "gif", "webp", "svg", "pdf", "zip", "txt", "log"}


def _emails(text: str):
    for match in EMAIL.finditer(text):
        if match.group(1).lower() not in FILE_ENDINGS:
            yield Finding(FindingKind.EMAIL, match.start(), match.end())


# --- phone numbers ------------------------------------------------------------------------

# A number without +, 00 or 0 in front counts only after one of these words.
PHONE_LABEL = re.compile(
    r"(?:\btel(?:efon|ephone)?|\bphone|\bhandy|\bmobil(?:e|nummer)?|\bfax|\bruf(?:nummer)?"
    r"|\bcall|\banrufen|\berreichbar)\b[.:]?\s*(?:unter\s+|at\s+|on\s+)?$",
    re.IGNORECASE,
)


def _phones(text: str):
    matcher = phonenumbers.PhoneNumberMatcher(
        text, "DE", leniency=phonenumbers.Leniency.VALID, max_tries=200
    )
    for match in matcher:
        raw = match.raw_string.lstrip("(")
        if raw.startswith(("+", "00", "0")) or PHONE_LABEL.search(text[: match.start][-30:]):
            yield Finding(FindingKind.PHONE, match.start, match.end)


# --- IBANs --------------------------------------------------------------------------------

# Two letters, two check digits, then 11 to 30 letters or digits, in groups or not.
IBAN_CANDIDATE = re.compile(r"(?<![A-Z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}(?![A-Z0-9])")


def _ibans(text: str):
    upper = text.upper()  # the same length: positions stay valid
    for match in IBAN_CANDIDATE.finditer(upper):
        candidate = match.group()
        # The pattern may have taken a following word in capitals ("… 00 BIC"): try shorter.
        end = len(candidate)
        while end >= 15:
            if iban.is_valid(candidate[:end]):
                yield Finding(FindingKind.IBAN, match.start(), match.start() + end)
                break
            end = candidate.rfind(" ", 0, end)
            if end < 0:
                break


# --- payment card numbers -----------------------------------------------------------------

# 13 to 19 digits, single spaces or dashes between them; not part of a longer number.
CARD_CANDIDATE = re.compile(r"(?<![\d])(?<!\d[ -])\d(?:[ -]?\d){12,18}(?![ -]?\d)")
# Card networks by prefix, with the lengths their numbers have. A 15-digit IMEI is Luhn
# valid too, but no network starting with 35 or 49 issues 15 digits.
CARD_NETWORKS = (
    (re.compile(r"^4"), {13, 16, 19}),  # Visa
    (re.compile(r"^(?:5[1-5]|222[1-9]|22[3-9]\d|2[3-6]\d\d|27[01]\d|2720)"), {16}),  # Mastercard
    (re.compile(r"^3[47]"), {15}),  # American Express
    (re.compile(r"^(?:6011|65|64[4-9])"), {16, 17, 18, 19}),  # Discover
    (re.compile(r"^35(?:2[89]|[3-8]\d)"), {16, 17, 18, 19}),  # JCB
    (re.compile(r"^3(?:0[0-5]|[689])"), {14, 15, 16, 17, 18, 19}),  # Diners Club
    (re.compile(r"^62"), {16, 17, 18, 19}),  # UnionPay
    (re.compile(r"^(?:50(?:18|20|38)|5893|6304|67\d\d)"), set(range(13, 20))),  # Maestro
)


def _is_card_number(digits: str) -> bool:
    return luhn.is_valid(digits) and any(
        prefix.match(digits) and len(digits) in lengths for prefix, lengths in CARD_NETWORKS
    )


def _cards(text: str):
    for match in CARD_CANDIDATE.finditer(text):
        if _is_card_number(re.sub(r"\D", "", match.group())):
            yield Finding(FindingKind.CARD, match.start(), match.end())


# --- labelled secrets and customer numbers ------------------------------------------------

# A password or PIN needs ":" or "=" after its label ("Passwort: …", "pw=…"), or "is"
# before a value with a digit or symbol ("my password is hunter2!"); "password is wrong" is
# a complaint, not a secret.
SECRET_LABEL = (
    r"\b(?:passwor[dt]|kennwort|passwd|pwd?|pin(?:-?code)?|puk|zugangscode|access code"
    r"|kundennummer|kunden-?nr\.?|kundenkennung|customer (?:number|no\.?|id|#)|customer-id)"
)
SECRET = re.compile(
    SECRET_LABEL + r"(?P<sep>\s*[:=]\s*|\s+(?:ist|is|lautet|war|was)\s*:?\s+|\s+|\s*#\s*)"
    r"(?P<value>[`'\"“„]?[^\s`'\"“”]+)",
    re.IGNORECASE,
)
CUSTOMER_LABEL = re.compile(r"kund|customer", re.IGNORECASE)
PLACEHOLDER = re.compile(r"^(?:[*•xX._#-]+|<[^>]*>|\[[^\]]*\]|\.\.\.|…)$")
# Words that follow "Passwort:" in a complaint, not in a leak.
NOT_SECRETS = {
    "vergessen", "falsch", "ungültig", "abgelaufen", "geändert", "zurücksetzen", "ändern",
    "geht", "funktioniert", "nicht", "wird", "ist", "wurde", "fehlt", "leer", "neu", "alt",
    "forgotten", "wrong", "invalid", "expired", "changed", "reset", "change", "incorrect",
    "it", "is", "was", "does", "doesn't", "not", "the", "my", "mein", "meine", "der", "die",
    "das", "ein", "eine", "new", "old", "empty", "missing", "required", "erforderlich",
}  # fmt: skip
TRAILING = ".,;:!?)]}\"'`“”"


def _secrets(text: str):
    for match in SECRET.finditer(text):
        value = match.group("value")
        start = match.start("value")
        # Quotes and punctuation around the value are not part of it.
        stripped = value.lstrip("`'\"“„")
        start += len(value) - len(stripped)
        value = stripped.rstrip(TRAILING) or stripped
        if not value or PLACEHOLDER.match(value) or value[0] in "<[{":
            continue
        separator = match.group("sep").strip()
        has_digit = any(char.isdigit() for char in value)
        has_symbol = any(not char.isalnum() for char in value)
        if CUSTOMER_LABEL.search(match.group()[: match.start("sep") - match.start()]):
            # Customer numbers are numbers (letters allowed: "K-12345678"), at least 4 long.
            if not has_digit or len(value) < 4:
                continue
        elif separator in (":", "="):
            if value.lower() in NOT_SECRETS or (
                not has_digit and not has_symbol and len(value) < 4
            ):
                continue
        elif not (has_digit or has_symbol):
            continue  # "password is wrong", "PIN vergessen"
        elif separator in ("", "#") and not has_digit:
            continue  # "PIN 1234" is a PIN; a word after "pin" is not
        yield Finding(FindingKind.SECRET, start, start + len(value))


DETECTORS = (_ibans, _cards, _secrets, _emails, _phones)  # the first one wins an overlap


def find_personal_data(text: str) -> list[Finding]:
    """Everything in `text` that looks like personal data, in the order of the text.

    Where two detectors claim the same characters, the earlier in DETECTORS wins (an
    IBAN's digits are not also a phone number)."""
    if not text:
        return []
    found: list[Finding] = []
    for detector in DETECTORS:
        for finding in detector(text):
            if not any(finding.start < other.end and other.start < finding.end for other in found):
                found.append(finding)
    return sorted(found)


def kinds_of(findings) -> set[str]:
    return {finding.kind for finding in findings}


def needs_refusal(findings, *, contact_confirmed: bool = False) -> bool:
    """Whether `findings` keep a text from being published: cards, IBANs and secrets
    always; e-mail addresses and phone numbers unless the author confirmed them."""
    kinds = kinds_of(findings)
    return bool(kinds & ALWAYS_REFUSED) or (bool(kinds & CONFIRMABLE) and not contact_confirmed)


def highlighted_pieces(text: str, findings) -> list[tuple[str, str]]:
    """`text` cut into (piece, kind) pairs; kind is "" for the pieces nothing was found in.
    Templates escape each piece and mark the found ones."""
    pieces, position = [], 0
    for finding in sorted(findings):
        if finding.start < position:
            continue
        if finding.start > position:
            pieces.append((text[position : finding.start], ""))
        pieces.append((text[finding.start : finding.end], finding.kind))
        position = finding.end
    if position < len(text):
        pieces.append((text[position:], ""))
    return pieces


class PersonalDataFound(ValidationError):
    """A text to be published holds what looks like personal data; nothing was saved.

    ``findings`` maps each field name ("title", "body", "bio", …) to its findings and
    ``texts`` to the text checked; ``confirmable`` says whether the author may keep them
    by confirming they are a company's contact details (only e-mail and phone found).
    """

    def __init__(self, *, findings: dict[str, list[Finding]], texts: dict[str, str]):
        self.findings = findings
        self.texts = texts
        every = [finding for field_findings in findings.values() for finding in field_findings]
        self.kinds = sorted(kinds_of(every))
        self.confirmable = not (set(self.kinds) & ALWAYS_REFUSED)
        labels = ", ".join(str(FindingKind(kind).label) for kind in self.kinds)
        if self.confirmable:
            message = _(
                "This looks like personal data (%(kinds)s). Remove it, or confirm that it is "
                "a company’s public contact details."
            )
        else:
            message = _(
                "This looks like personal data (%(kinds)s), which cannot be posted in public. "
                "Remove it, or send your message privately to the support team."
            )
        super().__init__(message, code="personal_data", params={"kinds": labels})

    def highlighted(self) -> list[dict]:
        """Per field with findings, for the explanation box: its name, the kinds found
        (labels) and its text in pieces ``{"text", "label"}`` (label "" where nothing was
        found). The template escapes every piece and marks the labelled ones."""
        return [
            {
                "field": field,
                "labels": [str(FindingKind(kind).label) for kind in sorted(kinds_of(findings))],
                "pieces": [
                    {"text": text, "label": str(FindingKind(kind).label) if kind else ""}
                    for text, kind in highlighted_pieces(self.texts[field], findings)
                ],
            }
            for field, findings in self.findings.items()
        ]


def check_personal_data(*, texts: dict[str, str], contact_confirmed: bool = False) -> None:
    """Raise PersonalDataFound unless every text in `texts` (field name → text) may be
    published: no card number, IBAN or secret, and e-mail addresses or phone numbers only
    with `contact_confirmed`. Services call this before they save."""
    findings = {}
    for field, text in texts.items():
        found = find_personal_data(text or "")
        if found:
            findings[field] = found
    every = [finding for field_findings in findings.values() for finding in field_findings]
    if needs_refusal(every, contact_confirmed=contact_confirmed):
        raise PersonalDataFound(findings=findings, texts=dict(texts))
