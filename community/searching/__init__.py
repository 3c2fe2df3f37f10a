"""Searching threads: the query side of community.search_indexes.

What a visitor types never reaches a query parser. It is split into words and
"quoted phrases" (a leading ``-`` excludes one) the way the index splits text;
words that either language drops as too common are left out. Each remaining
word or phrase is looked for in the English-stemmed text and the German-stemmed
text, so “Rechnungen” finds “Rechnung” and “invoices” finds “invoice” (a word in
the title adds to a thread's score). All of them must match; when no thread has
all of them, threads with any of them are shown instead. Pages search the
reader's languages (selectors.reader_languages) unless asked for all. Ranking: relevance,
then at similar relevance solved and officially answered threads, then recency
(ranking). Matches are counted up to COUNT_LIMIT (“more than 1,000”). Result rows
are built from stored index fields (no database query) and the words are
highlighted here, not by the engine.

haystack keeps the index (schema, updates through Celery, rebuild_index). The
query runs one of two ways, chosen on every call from haystack's ``default``
connection (settings.SEARCH_URL):

* haystack's Whoosh engine with the index on disk (the default): straight to
  the index's posting lists (whoosh_path, postings), through one searcher per
  thread that is reopened only when the index changed. Through SearchQuerySet a
  query costs 0.2–1.5 s at 10,000 threads, through Whoosh's matchers 0.1–2.4 s
  at 100,000 posts; this way a few to a few tens of milliseconds. The spelling
  suggestion is our own (spelling_suggestion), looked for when results are few.
* any other engine (Elasticsearch, Solr, Whoosh in memory): the same words and
  phrases go through haystack's SearchQuerySet, each escaped by the engine's own
  cleaning (AutoQuery), the filters as SearchQuerySet filters, the suggestion
  from the engine's spelling_suggestion() when it gives one. The engine analyzes
  text its own way: ThreadIndex's analyzers are Whoosh objects, which
  haystack's Elasticsearch backend ignores (it maps every text field to its
  English "snowball" analyzer); our engine (elasticsearch) maps ``text`` to an
  English and ``text_de`` to a German analyzer (elasticsearch_mapping).

The package, by subject (each module imports only those above it):

* query: cleaning what was typed and splitting it into words and phrases
* highlighting: marking those words in titles and snippets
* results: the rows and pages a search gives back
* ranking: relevance, solved and official answers, recency
* searcher: the Whoosh searcher kept open on each thread
* postings: a Whoosh index's posting lists read as sets, kept per segment
* spelling: “Did you mean …?”, ours and the engine's
* whoosh_path, engine_path: running a query one way or the other
* threads: search_threads, search_site (with other apps' documents: the type filter),
  similar_solved_threads, similar_documents and ask_suggestions, choosing the way on each call
* rebuild: rebuilding the whole index fast (manage.py rebuild_search_index)
* elasticsearch_mapping, elasticsearch: the engine past one machine
* benchmark_queries: a fixed set of searches for measuring speed
"""

from community.searching.highlighting import Highlighter, highlight
from community.searching.query import ParsedQuery, clean_query, parse_query
from community.searching.results import (
    COUNT_LIMIT,
    RESULTS_PER_PAGE,
    THREAD_CONTENT_TYPE,
    SearchHit,
    SearchResults,
    SimilarThread,
)
from community.searching.spelling import spelling_suggestion
from community.searching.threads import (
    SIMILAR_LIMIT,
    SIMILAR_MIN_LENGTH,
    THREADS,
    ask_suggestions,
    search_site,
    search_threads,
    search_types,
    similar_documents,
    similar_solved_threads,
    uses_whoosh_directly,
)

__all__ = [
    "COUNT_LIMIT",
    "RESULTS_PER_PAGE",
    "SIMILAR_LIMIT",
    "SIMILAR_MIN_LENGTH",
    "THREADS",
    "THREAD_CONTENT_TYPE",
    "Highlighter",
    "ParsedQuery",
    "SearchHit",
    "SearchResults",
    "SimilarThread",
    "ask_suggestions",
    "clean_query",
    "highlight",
    "parse_query",
    "search_site",
    "search_threads",
    "search_types",
    "similar_documents",
    "similar_solved_threads",
    "spelling_suggestion",
    "uses_whoosh_directly",
]
