"""Priority triage of a new question: P1 urgent, P2 high, P3 normal, and why.

Explainable on purpose: a question's priority is the most urgent of the rules it matched,
and each matched rule is stored as a reason (``Thread.priority_reasons``) that staff read
in their own language. The rules are word lists over German and English text, matched on
word boundaries, case-insensitively, with umlauts folded (ä → ae, ß → ss) so "Rückerstattung"
and "Rueckerstattung" both count. Patterns are written in the folded spelling.

Scoring (the tables below): a rule's own priority; a combination (an account, payment or
complaint problem told in negative or urgent words) raises it to P1; the asker's own urgency
counts like a rule; the space's default priority is a floor that never lowers a question.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from community.models import CustomerUrgency, Priority, Space


@dataclass(frozen=True)
class Triage:
    priority: int
    # [{"code": ..., "text": ...}] in the order of RULES; text in English (see reason_text).
    reasons: list[dict] = field(default_factory=list)

    @property
    def codes(self) -> list[str]:
        return [reason["code"] for reason in self.reasons]


@dataclass(frozen=True)
class Rule:
    code: str
    priority: int  # what this rule alone sets
    patterns: tuple[str, ...]  # regular expressions in folded spelling, without \b


# Up to three words in between: "Konto ist seit gestern gesperrt".
_GAP = r"(?:\w+\s+){0,3}"
# "Betrug" (fraud), but not the verb in "der Betrag betrug 20 Euro" (the amount was).
_FRAUD = r"betrug(?!\s+(?:\d|nur|etwa|ca|rund|ungefaehr|knapp|insgesamt|genau))\w*"

# fmt: off
RULES: tuple[Rule, ...] = (
    Rule("security", Priority.URGENT, (
        r"hack(?:ed|er|ers|ing)?", r"fraud\w*", r"phishing", r"unauthori[sz]ed", r"identity theft",
        r"(?:account|password|card|identity|credentials) " + _GAP + r"stolen",
        r"stolen (?:account|password|card|credentials)",
        r"someone (?:else )?(?:logged|signed) in\w*",
        r"gehackt", r"hacker\w*", _FRAUD, r"betrueger\w*", r"unbefugt\w*",
        r"nicht autorisiert\w*", r"fremde?r? zugriff\w*", r"identitaetsdiebstahl", r"datenleck\w*",
    )),
    Rule("account", Priority.HIGH, (
        r"log ?in", r"log(?:ged|ging) in", r"logins", r"sign(?:ed|ing)?[ -]in", r"passwords?",
        r"locked out", r"2fa", r"two[ -]factor", r"mfa",
        r"account " + _GAP + r"(?:locked|blocked|suspended|disabled)",
        r"can ?no?'?t access my account",
        r"konto\w* " + _GAP + r"(?:gesperrt|blockiert|deaktiviert)",
        r"account " + _GAP + r"(?:gesperrt|blockiert)",
        r"anmeld\w*", r"angemeldet", r"einlogg\w*", r"eingeloggt", r"ausgesperrt",
        r"passwort\w*", r"passwoerter", r"kennwort\w*", r"zwei[ -]?faktor\w*",
    )),
    Rule("payment", Priority.HIGH, (
        r"charged (?:me )?twice", r"double[ -]?charged", r"overcharged", r"billed twice",
        r"refund\w*", r"debited", r"direct debits?", r"chargeback\w*",
        r"payments? " + _GAP + r"(?:failed|declined|missing|twice|not (?:received|processed))",
        r"invoice\w* " + _GAP + r"wrong", r"wrong (?:invoice|bill|amount)\w*",
        r"(?:doppelt |zweimal |falsch )?abgebucht", r"abbuchung\w*", r"rueckerstattung\w*",
        r"erstatt\w*", r"lastschrift\w*", r"rechnung\w* " + _GAP + r"falsch",
        r"falschen? rechnung\w*", r"fehlbuchung\w*", r"geld zurueck",
        r"zahlung\w* " + _GAP + r"(?:fehlgeschlagen|abgelehnt|doppelt|nicht angekommen)",
    )),
    Rule("complaint", Priority.HIGH, (
        r"complain\w*", r"unacceptable", r"not acceptable",
        r"cancel\w* (?:my |the |our )?(?:contract|subscription|account|membership)",
        r"terminat\w* (?:my |the |our )?(?:contract|subscription)",
        r"beschwer\w*", r"unverschaemt\w*", r"inakzeptabel\w*", r"nicht akzeptabel",
        r"kuendig\w*", r"gekuendigt",
    )),
    Rule("negative", Priority.HIGH, (
        r"worst", r"furious", r"scam(?:s|med|mer|mers)?", r"rip[ -]?off", r"disgust\w*", r"outrage\w*",
        r"ridiculous", r"terrible", r"horrible", r"useless", r"fed up", r"angry",
        r"katastroph\w*", r"frechheit\w*", r"abzocke\w*", r"wuetend\w*", r"sauer",
        r"skandal\w*", r"schlechteste\w*", r"unfassbar\w*", r"armselig\w*", r"mies(?:e|er|es|en|em)?",
    )),
    Rule("urgent_word", Priority.URGENT, (
        r"urgent\w*", r"asap", r"as soon as possible", r"emergency",
        r"dringend\w*", r"sofort(?:ig\w*)?", r"eilt", r"notfall\w*",
    )),
    Rule("outage", Priority.HIGH, (
        r"(?:is|are|was|went|seems|site|app|server|servers|service|website) down",
        r"not working for (?:anyone|anybody|everyone|everybody)", r"not (?:just|only) me",
        r"nobody can (?:log|sign|access|use|connect|pay|order|reach)\w*",
        r"outages?", r"service unavailable",
        r"stoerung(?:en)?", r"ausfall", r"ausfaelle", r"ausgefallen",
        r"(?:geht|funktioniert|klappt|laeuft) " + _GAP + r"nicht mehr", r"nicht nur bei mir",
        r"bei (?:allen|niemandem)(?: \w+){0,3} (?:nicht|kaputt|down)",
    )),
)
# fmt: on

# Together these raise a question to P1: a problem told in angry or urgent words.
COMBINATIONS: tuple[tuple[frozenset[str], frozenset[str], int], ...] = (
    (frozenset({"account", "payment", "complaint"}), frozenset({"negative", "urgent_word"}), 1),
)

# What the asker said on the ask form (CustomerUrgency) → the priority it sets.
CUSTOMER_URGENCY = {CustomerUrgency.URGENT: Priority.URGENT, CustomerUrgency.HIGH: Priority.HIGH}

# Stored codes → what staff read, translated when shown (reason_text).
REASON_TEXTS = {
    "account": _("Account or sign-in problem"),
    "payment": _("Payment or billing problem"),
    "security": _("Possible security problem (hacked account, fraud, phishing)"),
    "complaint": _("Complaint or cancellation"),
    "negative": _("Strongly negative wording"),
    "urgent_word": _("Says it is urgent"),
    "outage": _("Sounds like an outage"),
    "space_default": _("Default priority of the space"),
    "customer_urgency": _("The asker said it is urgent for them"),
}

# What routing escalates at once (SupportSettings.escalate_high_priority_triage).
ESCALATION_CODES = frozenset({"account", "payment", "security", "complaint"})

_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "’": "'"})


def fold(text: str) -> str:
    """Lower case, umlauts spelt out, other accents dropped, whitespace collapsed."""
    text = unicodedata.normalize("NFC", text).lower().translate(_FOLD)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return " ".join(text.split())


@cache
def _compiled(rule: Rule) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(rule.patterns) + r")\b")


def reason_text(code: str) -> str:
    """The reason `code`'s label in the active language (lazy: translated when shown)."""
    return REASON_TEXTS.get(code, code)


def _reason(code: str) -> dict:
    with translation.override("en"):
        return {"code": code, "text": str(reason_text(code))}


def matched_rules(text: str) -> list[Rule]:
    folded = fold(text)
    return [rule for rule in RULES if _compiled(rule).search(folded)]


def triage(*, title: str, body: str, space: Space | None, urgency: str = "") -> Triage:
    """The priority of a question `title`/`body` asked in `space`, with the rules that set
    it. `urgency` is the asker's own (a CustomerUrgency value, "" when not asked)."""
    rules = matched_rules(f"{title}\n{body}")
    codes = {rule.code for rule in rules}
    candidates = [rule.priority for rule in rules]
    for problems, wording, priority in COMBINATIONS:
        if codes & problems and codes & wording:
            candidates.append(priority)
    reasons = [_reason(rule.code) for rule in rules]
    if urgency in CUSTOMER_URGENCY:
        candidates.append(CUSTOMER_URGENCY[urgency])
        reasons.append(_reason("customer_urgency"))
    default = space.default_priority if space is not None else None
    if default is not None and default < Priority.NORMAL:
        candidates.append(default)
        reasons.append(_reason("space_default"))
    return Triage(priority=min(candidates, default=Priority.NORMAL), reasons=reasons)


def is_escalation_worthy(thread) -> bool:
    """A question triaged as P1/P2 for an account, payment, security or complaint reason:
    routing escalates it at once when SupportSettings.escalate_high_priority_triage is on."""
    codes = {reason.get("code") for reason in thread.priority_reasons or []}
    return thread.priority <= Priority.HIGH and bool(codes & ESCALATION_CODES)
