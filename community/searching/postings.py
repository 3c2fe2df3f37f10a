"""Reading a Whoosh index for the fast path: posting lists as sets and dicts, not matchers.

Whoosh answers a query by walking matchers posting by posting in Python; an AND of
three words over thousands of threads costs 100–300 ms that way. Here each posting list
is read a block at a time (a block is 128 postings, decoded into arrays by Whoosh
itself) into a set or a {document: weight} dict, and the sets are combined with
Python's set operations, which run in C. Scoring (BM25, as Whoosh's BM25F) then visits
each candidate once.

Whoosh's codec (whoosh.codec.whoosh3) is read through the attributes of its block
matcher (``_read_ids``, ``_ids``, ``_weights``, ``_next_block``); any other matcher is
read posting by posting through the public Matcher API, more slowly but right.

What never changes in a segment (field lengths, a column, the documents with a filter
value) is kept per segment, so an index update only costs reading its new small segment.
Deleted documents are left out on every read, as the segment's reader reports them.
"""

import threading
from array import array
from bisect import bisect_left
from collections import OrderedDict
from functools import partial
from math import log

from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import TermNotFound

BM25_B = 0.75
BM25_K1 = 1.2
SEGMENT_CACHE_SIZE = 256  # entries: (segment, field) lengths, columns and filter sets
CACHED_POSTINGS = 1_000_000  # postings kept decoded (12 bytes each: about 12 MB)
CACHED_POSITIONS = 200_000  # postings' positions kept encoded (about 60 bytes each)

_cache: OrderedDict = OrderedDict()
_postings: OrderedDict = OrderedDict()
_postings_count = 0
_positions: OrderedDict = OrderedDict()
_positions_count = 0


# The caches are shared by the threads of a process (a threaded server): one lock
# guards their bookkeeping; values are computed outside it (twice at worst, never wrong).
_lock = threading.Lock()


def _cached(key, compute):
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    value = compute()
    with _lock:
        _cache[key] = value
        while len(_cache) > SEGMENT_CACHE_SIZE:
            _cache.popitem(last=False)
    return value


def _raw_matcher(reader, fieldname: str, term: str):
    """The matcher of `term`'s postings without Whoosh's filter for deleted documents
    (the caller leaves them out), or None when the term is not in the segment."""
    if fieldname not in reader.schema:
        return None
    try:
        matcher = reader.postings(fieldname, term)
    except TermNotFound:
        return None
    while isinstance(matcher, FilterMatcher):
        matcher = matcher.child
    return matcher


def _blocks(matcher):
    """(document numbers, weights) of each block of `matcher`'s postings."""
    if hasattr(matcher, "_read_ids") and hasattr(matcher, "_next_block"):
        while matcher.is_active():
            matcher._read_ids()
            matcher._read_weights()
            start = matcher._i  # 0 except in a matcher already moved
            yield matcher._ids[start:], matcher._weights[start:]
            matcher._next_block()
        return
    ids, weights = [], []
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        matcher.next()
    yield ids, weights


class Segment:
    """One segment of the index, as a searcher sees it now (its deletions included).

    Document numbers are the segment's own; `offset` turns them into the searcher's.
    """

    def __init__(self, reader, offset: int, parent):
        self.reader = reader
        self.offset = offset
        self.parent = parent  # the top searcher: collection statistics come from it
        self.deleted = reader.deleted_docs_set if reader.has_deletions() else frozenset()
        self.doc_count = reader.doc_count_all()
        segment = reader.segment()
        self.key = segment.segment_id() if segment is not None else id(reader)

    # --- documents and weights -------------------------------------------------------------

    def postings(self, fieldname: str, term) -> tuple[array, array]:
        """(document numbers, weights) of `term` in `fieldname`, deleted documents included.

        Kept per segment (postings never change in one; its deletions do), bounded by
        CACHED_POSTINGS postings in all, so the lists of the words people search for are
        decoded once, not on every search.
        """
        global _postings_count
        key = (self.key, fieldname, term)
        with _lock:
            if key in _postings:
                _postings.move_to_end(key)
                return _postings[key]
        ids, weights = array("i"), array("f")
        matcher = _raw_matcher(self.reader, fieldname, term)
        if matcher is not None:
            for block_ids, block_weights in _blocks(matcher):
                ids.fromlist(list(block_ids))  # a block's arrays may be of another type
                weights.fromlist(list(block_weights))
        with _lock:
            if key not in _postings:
                _postings[key] = (ids, weights)
                _postings_count += len(ids)
            while _postings_count > CACHED_POSTINGS and len(_postings) > 1:
                _, (old_ids, _) = _postings.popitem(last=False)
                _postings_count -= len(old_ids)
        return ids, weights

    def docs(self, fieldname: str, term) -> set[int]:
        """The (undeleted) documents that have `term` in `fieldname`."""
        found = set(self.postings(fieldname, term)[0])
        return found - self.deleted if self.deleted else found

    def has(self, fieldname: str, term) -> frozenset:
        """The documents that have `term` in `fieldname`, to test membership (deleted
        documents included: they are never among the ones tested). Kept per segment."""
        return _cached(
            (self.key, "has", fieldname, term),
            lambda: frozenset(self.postings(fieldname, term)[0]),
        )

    def weights(self, fieldname: str, term: str) -> dict[int, float]:
        """{document: weight of `term` in `fieldname`} (weight: term frequency × field boost)."""
        ids, weights = self.postings(fieldname, term)
        return dict(zip(ids, weights, strict=True))

    def lengths(self, fieldname: str) -> list[int]:
        """The length of `fieldname` in each document, as Whoosh stores it (one byte)."""

        def read():
            length = self.reader.doc_field_length
            return [length(docnum, fieldname, 1) or 1 for docnum in range(self.doc_count)]

        return _cached((self.key, "lengths", fieldname), read)

    def column(self, fieldname: str) -> list:
        """The values of a sortable field's column, one per document."""

        def read():
            if not self.reader.has_column(fieldname):
                return [0] * self.doc_count
            return list(self.reader.column_reader(fieldname))

        return _cached((self.key, "column", fieldname), read)

    # --- scoring -----------------------------------------------------------------------------

    def add_bm25(self, scores: dict[int, float], fieldname: str, term: str, docs) -> set[int]:
        """Add the BM25 score of `term` in `fieldname` to ``scores[d]`` for each of `docs`
        that has it, and return those documents.

        The same formula and statistics as Whoosh's BM25F (B=0.75, K1=1.2): the
        inverse document frequency and the average field length of the whole index.
        A few documents are looked up in the posting list; many are met walking it.
        """
        ids, tfs = self.postings(fieldname, term)
        found: set[int] = set()
        if not ids or not docs:
            return found
        parent = self.parent
        idf = log(parent.doc_count_all() / (parent.doc_frequency(fieldname, term) + 1)) + 1
        lengths = self.lengths(fieldname)
        numerator = idf * (BM25_K1 + 1)
        constant = BM25_K1 * (1 - BM25_B)
        per_length = BM25_K1 * BM25_B / (parent.avg_field_length(fieldname) or 1)
        if len(docs) * 16 < len(ids):
            count = len(ids)
            for docnum in docs:
                index = bisect_left(ids, docnum)
                if index < count and ids[index] == docnum:
                    tf = tfs[index]
                    scores[docnum] += (
                        numerator * tf / (tf + constant + per_length * lengths[docnum])
                    )
                    found.add(docnum)
        else:
            for docnum, tf in zip(ids, tfs, strict=True):
                if docnum in docs:
                    scores[docnum] += (
                        numerator * tf / (tf + constant + per_length * lengths[docnum])
                    )
                    found.add(docnum)
        return found

    # --- phrases -------------------------------------------------------------------------------

    def positions(self, fieldname: str, term: str, docs) -> dict[int, list[int]]:
        """{document: positions of `term` in `fieldname`} for each of `docs` that has it."""
        ids, values, decode = self._values(fieldname, term)
        found: dict[int, list[int]] = {}
        for docnum in docs:
            index = bisect_left(ids, docnum)
            if index < len(ids) and ids[index] == docnum:
                found[docnum] = decode(values[index])
        return found

    def _values(self, fieldname: str, term: str):
        """(document numbers, encoded positions, decoder) of `term` in `fieldname`, kept
        like postings() but apart and fewer (CACHED_POSITIONS): only phrases need them."""
        global _positions_count
        key = (self.key, fieldname, term)
        with _lock:
            if key in _positions:
                _positions.move_to_end(key)
                return _positions[key]
        ids, values = array("i"), []
        matcher = _raw_matcher(self.reader, fieldname, term)
        decode = None
        if matcher is not None:
            field_format = matcher.format if hasattr(matcher, "format") else None
            if hasattr(matcher, "_read_values") and field_format is not None:
                while matcher.is_active():
                    matcher._read_ids()
                    matcher._read_values()
                    start = matcher._i
                    ids.fromlist(list(matcher._ids[start:]))
                    values.extend(matcher._values[start:])
                    matcher._next_block()
                decode = partial(field_format.decode_as, "positions")
            else:
                while matcher.is_active():
                    ids.append(matcher.id())
                    values.append(matcher.value_as("positions"))
                    matcher.next()
        entry = (ids, values, decode or (lambda value: value))
        with _lock:
            if key not in _positions:
                _positions[key] = entry
                _positions_count += len(ids)
            while _positions_count > CACHED_POSITIONS and len(_positions) > 1:
                _, (old_ids, _, _) = _positions.popitem(last=False)
                _positions_count -= len(old_ids)
        return entry


def segments(searcher) -> list[Segment]:
    """The segments of `searcher`'s index, each with its offset in the searcher's numbering."""
    return [Segment(sub.reader(), offset, searcher) for sub, offset in searcher.leaf_searchers()]


def clear_cache() -> None:
    global _postings_count, _positions_count
    with _lock:
        _cache.clear()
        _postings.clear()
        _positions.clear()
        _postings_count = _positions_count = 0


_positions: OrderedDict = OrderedDict()
_positions_count = 0
