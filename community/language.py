"""Which of our languages a text is written in: enough to pick the search analyser."""

import re

from django.conf import settings

_WORD = re.compile(r"[a-zA-ZäöüÄÖÜß]+")
_GERMAN = {
    "der", "die", "das", "und", "ist", "nicht", "ich", "ein", "eine", "einen", "mit", "auf",
    "für", "von", "zu", "den", "dem", "des", "sich", "es", "wie", "auch", "bei", "mein",
    "meine", "meinem", "meinen", "wurde", "werden", "wird", "kann", "habe", "hat", "haben",
    "noch", "nach", "aber", "oder", "wenn", "was", "wir", "ihr", "sie", "mir", "mich", "dass",
    "schon", "keine", "kein", "über", "bitte", "danke", "immer",
}  # fmt: skip
_ENGLISH = {
    "the", "and", "is", "not", "i", "a", "an", "with", "on", "for", "of", "to", "in", "it",
    "my", "me", "you", "have", "has", "was", "were", "be", "can", "will", "but", "or", "if",
    "what", "we", "they", "this", "that", "there", "no", "any", "please", "thanks", "still",
    "when", "how", "why", "does",
}  # fmt: skip


def guess_language(text: str, default: str | None = None) -> str:
    """'de' or 'en' by counting common words; `default` (or the site language) on a tie."""
    words = [word.lower() for word in _WORD.findall(text or "")]
    german = sum(word in _GERMAN for word in words) + 2 * sum(ch in "äöüß" for ch in text or "")
    english = sum(word in _ENGLISH for word in words)
    if german > english:
        return "de"
    if english > german:
        return "en"
    return default or settings.LANGUAGE_CODE
