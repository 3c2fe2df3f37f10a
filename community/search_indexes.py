"""What the search index knows about a thread.

One document per public thread. Its text is the title, every visible post
(hidden and deleted ones are left out), the tags and the space's names in both
languages. The same text fills two fields: ``text`` is stemmed as English and
``text_de`` as German, and the query side (community.searching) asks both, so
“invoices” finds “invoice” and “Rechnungen” finds “Rechnung”.

Everything a result row shows is stored here too, so the search page renders
from the index without touching the database. Changing an analyzer or adding a
field needs ``manage.py rebuild_index``.
"""

from datetime import UTC

from django.db.models import Prefetch
from django.utils import timezone
from haystack import indexes
from whoosh.analysis import IDAnalyzer, LanguageAnalyzer, StemmingAnalyzer

from community.markdown import plain_text
from community.models import Post, Thread, ThreadStatus

# The analyzers of the two text fields; community.searching analyzes query words with them.
ENGLISH_ANALYZER = StemmingAnalyzer()
GERMAN_ANALYZER = LanguageAnalyzer("de")
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
