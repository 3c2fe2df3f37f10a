"""Reading a query: what a visitor typed, cleaned and split into words and phrases.

Words are analyzed with the index's own analyzers (community.search_indexes), so a
query word is looked for the way the index stored it.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from community.search_indexes import ENGLISH_ANALYZER, GERMAN_ANALYZER

MAX_QUERY_LENGTH = 200  # characters; the rest is cut off
MAX_QUERY_TERMS = 10  # words and phrases; the rest are ignored

# Whoosh's RegexTokenizer pattern: words, keeping inner dots ("v2.1", "e.g").
WORD = re.compile(r"\w+(?:\.?\w+)*")
# A piece of a query: an optional leading minus, then a "quoted phrase" or a bare word.
CHUNK = re.compile(r'(?P<minus>(?<!\S)-)?(?:"(?P<phrase>[^"]*)"|(?P<word>[^\s"]+))')
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
SLUG = re.compile(r"[-\w]{1,60}")


@lru_cache(maxsize=50_000)
def english_terms(word: str) -> tuple[str, ...]:
    return tuple(token.text for token in ENGLISH_ANALYZER(word))


@lru_cache(maxsize=50_000)
def german_terms(word: str) -> tuple[str, ...]:
    return tuple(token.text for token in GERMAN_ANALYZER(word))


def is_searchable(word: str) -> bool:
    """Neither language drops `word` as too short or too common (“the”, “die”, “über”).

    A word that only one language drops would still be required in the other
    language's field and make a query like “die Rechnung” find nothing.
    """
    return bool(english_terms(word)) and bool(german_terms(word))


def clean_query(raw: str) -> str:
    """`raw` without control characters (NUL included) and runs of spaces, at most 200 characters."""
    text = unicodedata.normalize("NFC", str(raw or ""))
    text = CONTROL_CHARACTERS.sub(" ", text)
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


@dataclass(frozen=True)
class ParsedQuery:
    """Each item is a tuple of words: one word, or a phrase to match in order."""

    items: tuple[tuple[str, ...], ...] = ()
    excluded: tuple[tuple[str, ...], ...] = ()
    shortened: bool = False

    @property
    def is_empty(self) -> bool:
        return not self.items

    @property
    def words(self) -> list[str]:
        """The searchable words to find, phrases included, each once."""
        found = (word.lower() for item in self.items for word in item)
        return [word for word in dict.fromkeys(found) if is_searchable(word)]


def parse_query(raw: str) -> ParsedQuery:
    """Words, phrases and exclusions in what a visitor typed. Never raises."""
    text = clean_query(raw)
    shortened = len(" ".join(str(raw or "").split())) > MAX_QUERY_LENGTH
    items, excluded = [], []
    for chunk in CHUNK.finditer(text):
        tokens = tuple(
            token.lower() for token in WORD.findall(chunk["phrase"] or chunk["word"] or "")
        )
        searchable = [token for token in tokens if is_searchable(token)]
        if not searchable:
            continue
        # Several words in one chunk (a phrase, “e-mail”, “title:foo”) must come in order.
        item = tokens if len(searchable) > 1 else (searchable[0],)
        target = excluded if chunk["minus"] else items
        if item in target:
            continue
        if len(items) + len(excluded) >= MAX_QUERY_TERMS:
            shortened = True
            break
        target.append(item)
    return ParsedQuery(items=tuple(items), excluded=tuple(excluded), shortened=shortened)
