"""What a reply's text says about itself: whether it only says "me too".

A "me too" reply ("Same here", "+1", "Ich auch", "Habe das gleiche Problem") adds a
voice, not a solution: it cannot be the accepted solution or an answer the team
recommends, and the "I have this problem too" button says it better.

The test is deliberately strict, because a wrong "yes" would keep an asker from
accepting a real answer while a wrong "no" only leaves the buttons as they were: a
reply is a "me too" when it is short, says "same"/"too"/"auch"/"gleich…" in one of
the site's languages, and every other word of it comes from the small vocabulary
of such replies in that same language (greetings, "since yesterday", "any news?",
"hoping for a fix"). One word of content ("turned off Wi-Fi", "version 4.2", a link,
a code sample) and it is an answer.
"""

import re

# Longer than this is never only "me too" (and checking stops at once: thread pages ask
# about up to 200 answers per view).
MAX_CHARACTERS = 240
MAX_WORDS = 30

# Words that make a reply a "me too", per language.
_CORE = {
    "en": {"same", "too", "either", "ditto", "also", "affected", "+1"},
    "de": {
        "auch", "gleich", "gleiche", "gleichen", "gleiches", "gleicher", "selbe", "selben",
        "dasselbe", "dieselbe", "denselben", "ebenfalls", "genauso", "betroffen", "dito",
        "detto", "+1",
    },
}  # fmt: skip

# Asking for news is part of saying "me too". These phrases go first, so their words
# ("update", "fix", "Lösung") need not be in the vocabulary below, where they would let
# "Same here, update the app" pass for a "me too".
_WAITING_FOR_NEWS = {
    "en": re.compile(
        r"\b(?:(?:is there |has anyone found |did anyone find )?any(?:one)? "
        r"(?:news|updates?|solutions?|fix(?:es)?)(?: yet| on this)?"
        r"|(?:hoping|waiting|hope) for an? (?:fix|update|solution)(?: soon)?"
        r"|since the (?:last |latest )?update)\b"
    ),
    "de": re.compile(
        r"\b(?:gibt es (?:schon |mittlerweile |inzwischen )?"
        r"(?:eine lösung|eine loesung|neuigkeiten|neues|ein update)"
        r"|(?:hoffentlich )?kommt (?:bald )?(?:eine lösung|eine loesung|ein update|ein fix)"
        r"(?: bald)?"
        r"|seit dem (?:letzten )?update)\b"
    ),
}

# Every other word such a reply is made of, per language.
_VOCABULARY = {
    "en": {
        # who and what
        "i", "me", "my", "mine", "we", "us", "our", "it", "this", "that", "the", "a", "an",
        "here", "there", "for", "to", "with", "on", "at", "of", "in", "as", "and", "but",
        "so", "just", "exactly", "well", "thing", "one", "plus", "boat", "problem",
        "problems", "issue", "issues", "error", "bug", "trouble", "account", "app",
        # being affected
        "am", "is", "are", "was", "be", "been", "have", "has", "had", "having", "get",
        "getting", "got", "see", "seeing", "facing", "experiencing", "happens", "happening",
        "happened", "do", "does", "did", "not", "work", "works", "working", "still",
        "again", "unfortunately", "sadly", "yes", "yep", "yeah", "really", "very",
        "annoying", "frustrating",
        # since when
        "since", "yesterday", "today", "tonight", "morning", "evening", "night", "last",
        "weekend", "week", "days", "day", "few", "couple", "two", "three", "now", "hours",
        # waiting for news (see _WAITING_FOR_NEWS)
        "soon", "please", "someone", "anyone", "help", "idea", "curious", "what", "team",
        "says", "say", "will", "would", "like", "know", "let", "hear", "wondering", "if",
        "when",
        # greetings and thanks
        "hi", "hello", "hey", "thanks", "thank", "you", "cheers", "regards",
    },
    "de": {
        # wer und was
        "ich", "mir", "mich", "mein", "meine", "meinem", "meinen", "meiner", "wir", "uns",
        "es", "das", "dem", "der", "die", "den", "ein", "eine", "einen", "einem", "hier",
        "bei", "mit", "für", "fuer", "so", "und", "aber", "genau", "ganz", "problem",
        "probleme", "fehler", "thema", "konto", "app", "sache", "von", "da", "wie",
        # betroffen sein
        "habe", "hab", "haben", "hat", "hatte", "ist", "bin", "sind", "war", "geht",
        "funktioniert", "klappt", "nicht", "tritt", "auf", "leider", "immer", "noch",
        "wieder", "ja", "jetzt", "nervt", "nervig", "echt", "wirklich", "mal", "betrifft",
        "zu",
        # seit wann
        "seit", "gestern", "heute", "morgen", "abend", "nacht", "letzten", "letzte",
        "wochenende", "woche", "tagen", "tag", "paar", "zwei", "drei", "stunden",
        # auf Neuigkeiten warten (siehe _WAITING_FOR_NEWS)
        "bald", "hoffe", "hoffentlich", "warte", "warten", "bitte", "jemand", "weiß",
        "weiss", "was", "wann", "team", "sagt", "dazu", "gespannt", "würde", "wuerde",
        "gern", "gerne", "wissen", "idee", "ob",
        # Grüße und Dank
        "hallo", "hi", "hey", "moin", "servus", "danke", "dank", "gruß", "gruss", "grüße",
        "gruesse", "lg", "vg", "mfg", "viele", "liebe",
    },
}  # fmt: skip

_CONTRACTIONS = [
    (re.compile(r"\b(i|you|we|they)'m\b"), r"\1 am"),
    (re.compile(r"\b(i|you|we|they)'ve\b"), r"\1 have"),
    (re.compile(r"\b(i|you|we|they)'d\b"), r"\1 would"),
    (re.compile(r"\b(it|that|there|what)'s\b"), r"\1 is"),
    (re.compile(r"\b(\w+)n't\b"), r"\1 not"),
    (re.compile(r"\b(gibt|geht|hat|ist)'s\b"), r"\1 es"),
    (re.compile(r"\b(hab|geht)'"), r"\1"),
]
_QUOTE_LINE = re.compile(r"^\s*>.*$", re.MULTILINE)
_WORD = re.compile(r"\+\s?1\b|[^\W\d_]+|\d+")


def _normalised(text: str) -> str:
    text = _QUOTE_LINE.sub(" ", text).lower().replace("’", "'")
    for pattern, replacement in _CONTRACTIONS:
        text = pattern.sub(replacement, text)
    return " ".join(text.split())


def _words(text: str) -> list[str]:
    return [word.replace(" ", "") for word in _WORD.findall(text)]


def is_me_too_reply(text: str) -> bool:
    """Whether `text` (a reply's Markdown) only says "me too", in English or German.

    Quoted lines ("> …") do not count: quoting the question and adding "same here" is
    still only "me too". Links, code and numbers other than "+1" make it an answer.
    """
    text = text or ""
    if len(text) > MAX_CHARACTERS or "`" in text or "://" in text:
        return False
    text = _normalised(text)
    for language, core in _CORE.items():
        words = _words(_WAITING_FOR_NEWS[language].sub(" ", text))
        if not words or len(words) > MAX_WORDS:
            continue
        known = core | _VOCABULARY[language]
        if any(word in core for word in words) and all(word in known for word in words):
            return True
    return False
