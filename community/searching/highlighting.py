"""Highlighting: the words of a query marked in titles and snippets, as the index matches them."""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from community.searching.query import english_terms, german_terms, is_searchable, parse_query

SNIPPET_LENGTH = 240
SNIPPET_LEAD = 80  # characters shown before the first match
SNIPPET_SCAN_LIMIT = 20_000  # characters of a thread searched for a match to show

_FOLDED = {"a": "[aä]", "ä": "[aä]", "o": "[oö]", "ö": "[oö]", "u": "[uü]", "ü": "[uü]"}


class Highlighter:
    """Marks the words of a query in text the way the index matches them (stemmed,
    English or German). The text is escaped first: the only markup is our ``<mark>``.

    A regular expression on the first three letters of each query word (umlauts
    folded, as German stemming folds them) finds candidates; only those are stemmed.
    """

    def __init__(self, words):
        words = [word.lower() for word in words if is_searchable(word)]
        self.english = {term for word in words for term in english_terms(word)}
        self.german = {term for word in words for term in german_terms(word)}
        prefixes = sorted({word[:3] for word in words}, key=len, reverse=True)
        self.pattern = None
        if prefixes:
            alternatives = "|".join(
                "".join(_FOLDED.get(char, re.escape(char)) for char in prefix)
                for prefix in prefixes
            )
            self.pattern = re.compile(rf"(?<!\w)(?:{alternatives})\w*(?:\.?\w+)*", re.IGNORECASE)

    def _is_match(self, token: str) -> bool:
        token = token.lower()
        return not self.english.isdisjoint(english_terms(token)) or not self.german.isdisjoint(
            german_terms(token)
        )

    def spans(self, text: str, start: int = 0, end: int | None = None):
        if self.pattern is None:
            return
        for match in self.pattern.finditer(text, start, len(text) if end is None else end):
            if self._is_match(match.group()):
                yield match.span()

    def mark(self, text: str) -> SafeString:
        parts, position = [], 0
        for start, end in self.spans(text):
            parts.append(escape(text[position:start]))
            parts.append(f"<mark>{escape(text[start:end])}</mark>")
            position = end
        parts.append(escape(text[position:]))
        return mark_safe("".join(parts))  # every piece is escaped above

    def snippet(self, text: str, *, skip: int = 0, length: int = SNIPPET_LENGTH) -> SafeString:
        """About `length` characters of `text` from `skip` on, around the first match."""
        text = text or ""
        first = next(self.spans(text, skip, min(len(text), skip + SNIPPET_SCAN_LIMIT)), None)
        start = skip
        if first is not None and first[0] - skip > SNIPPET_LEAD:
            start = first[0] - SNIPPET_LEAD
            start = text.find(" ", start, first[0]) + 1 or start  # start with a whole word
        end = min(len(text), start + length)
        if end < len(text):
            end = text.rfind(" ", start, end) if " " in text[start:end] else end
        piece = " ".join(text[start:end].split())
        prefix = "… " if start > skip else ""
        suffix = " …" if end < len(text) else ""
        return mark_safe(f"{prefix}{self.mark(piece)}{suffix}")  # mark() escaped the text


def highlight(text: str, query: str) -> SafeString:
    """`text`, escaped, with the words of `query` (stemmed, either language) in ``<mark>``."""
    return Highlighter(parse_query(query).words).mark(text)
