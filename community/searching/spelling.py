"""Spelling suggestions (“Did you mean …?”).

On the Whoosh path our own (spelling_suggestion); on any other engine the
engine's, kept only when it corrects a word (_engine_suggestion).
"""

import logging

from haystack.query import SearchQuerySet
from whoosh.support.levenshtein import distance

from community.searching.query import WORD, english_terms, german_terms, is_searchable
from community.searching.searcher import current_searcher

logger = logging.getLogger(__package__)  # "community.searching", as before the package split


def _is_known(reader, word: str) -> bool:
    return any(reader.doc_frequency("text", term) for term in english_terms(word)) or any(
        reader.doc_frequency("text_de", term) for term in german_terms(word)
    )


def _closest_known_word(reader, word: str) -> str | None:
    """The indexed word nearest `word`: fewest edits, then in most threads.

    Whoosh keeps the unstemmed words of the ``text`` field in a spelling field.
    Candidates share the first letter (few typos get that one wrong, and it
    keeps the scan short); short words allow one edit, longer ones two.
    """
    spelling_field = reader.schema["text"].spelling_fieldname("text")
    max_edits = 1 if len(word) <= 4 else 2
    best, best_rank = None, None
    for candidate_bytes in reader.expand_prefix(spelling_field, word[:1]):
        candidate = candidate_bytes.decode("utf-8")
        if abs(len(candidate) - len(word)) > max_edits or candidate == word:
            continue
        edits = distance(word, candidate, limit=max_edits)
        if edits > max_edits or not is_searchable(candidate):
            continue
        frequency = sum(reader.doc_frequency("text", term) for term in english_terms(candidate))
        rank = (edits, -frequency, candidate)
        if best_rank is None or rank < best_rank:
            best, best_rank = candidate, rank
    return best


def spelling_suggestion(words, *, searcher=None) -> str:
    """`words` with each word the index does not know replaced by the closest one it knows.

    Empty when every word is known (in either language's stemmed form) or
    nothing close is. haystack's suggestion is not used: it also replaces
    known words, ranks every candidate within two edits alike and scans the
    whole vocabulary for each word of the query (seconds at 10,000 threads).
    """
    words = [word.lower() for word in words]
    if not words:
        return ""
    reader = (searcher or current_searcher()).reader()
    if "text" not in reader.schema:
        return ""
    corrected, changed = [], False
    for word in words:
        if _is_known(reader, word):
            corrected.append(word)
            continue
        suggestion = _closest_known_word(reader, word)
        changed = changed or suggestion is not None
        corrected.append(suggestion or word)
    return " ".join(corrected) if changed else ""


def _same_word(word: str, other: str) -> bool:
    """`other` is `word`, or `word` as one of the two languages stems it."""
    return any(terms(word) == terms(other) for terms in (english_terms, german_terms))


def _engine_suggestion(sqs: SearchQuerySet, words: list[str]) -> str:
    """The engine's spelling suggestion for `words`, or empty when it changes none of them.

    Engines suggest a word for each word, known ones too: Whoosh another form
    (“invoices” for “invoice”), Elasticsearch the stem (“invoic”). A word the
    suggestion only changes to another form of it is kept as typed. Never raises.
    """
    try:
        suggestion = sqs.spelling_suggestion()  # from the query already run: no new request
    except Exception:
        logger.warning("the search engine's spelling suggestion failed", exc_info=True)
        return ""
    suggested = [word.lower() for word in WORD.findall(str(suggestion or ""))]
    if len(suggested) != len(words):  # a word was dropped or split: not a correction of each
        return ""
    corrected = [
        word if _same_word(word, other) else other
        for word, other in zip(words, suggested, strict=True)
    ]
    return " ".join(corrected) if corrected != words else ""
