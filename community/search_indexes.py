"""What the search index knows about a thread.

One document per public thread. Its text is the title, every visible post
(hidden and deleted ones are left out), the tags and the space's names in both
languages. The same text fills two fields: ``text`` is stemmed as English and
``text_de`` as German, and the query side (community.searching) asks both, so
“invoices” finds “invoice” and “Rechnungen” finds “Rechnung”.

Everything a result row shows is stored here too, so the search page renders
from the index without touching the database. Changing an analyzer or adding a
field needs the index rebuilt: ``manage.py rebuild_search_index`` (community.searching.
rebuild: one writer, minutes faster than haystack's ``rebuild_index`` on Whoosh).
"""

from datetime import UTC

from django.db.models import Prefetch
from django.utils import timezone
from haystack import indexes
from whoosh.analysis import (
    CompositeAnalyzer,
    IDAnalyzer,
    LanguageAnalyzer,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StemmingAnalyzer,
    StopFilter,
    Token,
)

from community.markdown import plain_text
from community.models import Post, Thread, ThreadStatus


class OneLoopAnalyzer(CompositeAnalyzer):
    """Whoosh's word analyzer (words | lowercase | no stop words | stems) run as one loop.

    Whoosh passes every token through one generator per step: four Python calls per
    word, three times per thread (English, German, the spelling words), which made
    most of the time of a rebuild. This gives the same tokens with the same positions
    from one loop, with a larger stem cache; any other use (characters, stop words
    kept, a different chain) goes through Whoosh's chain as before.
    """

    STEM_CACHE_SIZE = 200_000

    def __init__(self, *composables):
        super().__init__(*composables)
        tokenizer, *filters = self.items
        self._fusable = (
            isinstance(tokenizer, RegexTokenizer)
            and not tokenizer.gaps
            and [type(f) for f in filters] == [LowercaseFilter, StopFilter, StemFilter]
            and filters[1].renumber
        )

    def __getstate__(self):
        return {"items": self.items}

    def __setstate__(self, state):
        self.__init__(*state["items"])

    def __call__(
        self,
        value,
        no_morph=False,
        positions=False,
        chars=False,
        keeporiginal=False,
        removestops=True,
        start_pos=0,
        tokenize=True,
        mode="",
        **kwargs,
    ):
        if not self._fusable or chars or keeporiginal or not removestops or not tokenize:
            return super().__call__(
                value,
                no_morph=no_morph,
                positions=positions,
                chars=chars,
                keeporiginal=keeporiginal,
                removestops=removestops,
                start_pos=start_pos,
                tokenize=tokenize,
                mode=mode,
                **kwargs,
            )
        return self._tokens(value, no_morph, positions, start_pos, mode, kwargs)

    def _stem(self):
        stems = getattr(self, "_stems", None)
        if stems is None or len(stems) > self.STEM_CACHE_SIZE:
            stems = self._stems = {}
        return stems

    def _tokens(self, value, no_morph, positions, start_pos, mode, kwargs):
        tokenizer, _, stop, stem_filter = self.items
        stoplist, minsize, maxsize = stop.stops, stop.min, stop.max
        stem = None if no_morph else stem_filter._stem
        ignore = stem_filter.ignore
        stems = self._stem()
        token = Token(positions, False, removestops=True, mode=mode, **kwargs)
        position = None
        for index, match in enumerate(tokenizer.expression.finditer(value)):
            text = match.group(0).lower()
            if len(text) < minsize or (maxsize is not None and len(text) > maxsize):
                continue
            if text in stoplist:
                continue
            if positions:
                position = start_pos + index if position is None else position + 1
                token.pos = position
            if stem is not None and text not in ignore:
                stemmed = stems.get(text)
                if stemmed is None:
                    stemmed = stems[text] = stem(text)
                text = stemmed
            token.text = text
            token.boost = 1.0
            token.stopped = False
            yield token


def _one_loop(analyzer: CompositeAnalyzer) -> OneLoopAnalyzer:
    return OneLoopAnalyzer(*analyzer.items)


# The analyzers of the two text fields; community.searching analyzes query words with them.
ENGLISH_ANALYZER = _one_loop(StemmingAnalyzer())
GERMAN_ANALYZER = _one_loop(LanguageAnalyzer("de"))
# Separates a document's text from its labels (see ThreadIndex.prepare_text).
LABELS_SEPARATOR = "\n\n"


def visible_posts():
    """A thread's posts that readers see, opening post first (for prefetching)."""
    return (
        Post.objects.filter(hidden_at__isnull=True, deleted_at__isnull=True)
        .order_by("-is_opening", "created_at", "pk")
        .only("pk", "thread_id", "is_opening", "body_html", "created_at")
    )


def _stored(**kwargs):
    """A field kept for display only: one token, so it costs the index next to nothing.

    haystack's Whoosh backend indexes every CharField whatever ``indexed`` says.
    """
    return indexes.CharField(analyzer=IDAnalyzer(), **kwargs)


class FlagField(indexes.BooleanField):
    """A yes/no field that reads back right: haystack's BooleanField turns a stored
    "false" into True (``bool("false")``, django-haystack issue #801)."""

    def convert(self, value):
        if isinstance(value, str):
            return value.strip().lower() == "true"
        return super().convert(value)


class ThreadIndex(indexes.SearchIndex, indexes.Indexable):
    text = indexes.CharField(document=True, analyzer=ENGLISH_ANALYZER)
    text_de = indexes.CharField(analyzer=GERMAN_ANALYZER)
    # Also searched, so a word in the title ranks above the same word in an answer.
    title = indexes.CharField(model_attr="title", boost=2.0)

    # Filters.
    space = indexes.CharField(model_attr="space__slug", analyzer=IDAnalyzer())
    kind = indexes.CharField(model_attr="kind", analyzer=IDAnalyzer())
    language = indexes.CharField(model_attr="language", analyzer=IDAnalyzer())
    solved = FlagField()
    has_official = FlagField(model_attr="has_official_answer")

    # Shown in a result row.
    url = _stored()
    space_name_en = _stored(model_attr="space__name_en")
    space_name_de = _stored(model_attr="space__name_de", default="")
    answer_count = indexes.IntegerField(model_attr="answer_count")
    last_activity = indexes.DateTimeField()

    def get_model(self):
        return Thread

    def index_queryset(self, using=None):
        """Only public threads are indexed; the index task removes any other."""
        return (
            Thread.objects.public()
            .select_related("space")
            .prefetch_related("tags", Prefetch("posts", visible_posts(), to_attr="visible_posts"))
            .order_by("pk")
        )

    def prepare(self, obj):
        # One text, analyzed twice: once as English, once as German.
        data = super().prepare(obj)
        data["text_de"] = data["text"]
        return data

    def prepare_text(self, obj: Thread) -> str:
        """The title and each visible post, one to a line; then, after an empty line, the
        tags and the space's names (found by a search, left out of result snippets)."""
        posts = getattr(obj, "visible_posts", None)
        if posts is None:  # not loaded through index_queryset()
            posts = list(visible_posts().filter(thread=obj))
        lines = [obj.title, *(plain_text(post.body_html) for post in posts)]
        labels = [*(tag.name for tag in obj.tags.all()), obj.space.name_en, obj.space.name_de]
        body = "\n".join(" ".join(line.split()) for line in lines if line)
        return body + LABELS_SEPARATOR + " ".join(" ".join(labels).split())

    def prepare_solved(self, obj: Thread) -> bool:
        return obj.status == ThreadStatus.SOLVED

    def prepare_url(self, obj: Thread) -> str:
        return obj.get_absolute_url()

    def prepare_last_activity(self, obj: Thread):
        # Whoosh cannot store an aware datetime: store UTC, read back as UTC.
        return timezone.make_naive(obj.last_activity_at, UTC)
