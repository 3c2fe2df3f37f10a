"""What the search index knows about an article: one document per published article.

It sits in the same index as the threads (community.search_indexes) with the same text
fields and analysis: ``text`` stemmed as English, ``text_de`` as German, ``title`` boosted,
so a search finds “Rechnung” for “Rechnungen” in an article as in a thread, and the
fast path (community.searching.whoosh_path) reads both from one index. Drafts, articles in
review and archived ones are never indexed (the index task removes an article that is no
longer published). A result row is built from the stored fields (knowledge.searching).
"""

from datetime import UTC

from django.utils import timezone
from haystack import indexes
from whoosh.analysis import IDAnalyzer

from community.markdown import plain_text
from community.search_indexes import ENGLISH_ANALYZER, GERMAN_ANALYZER, LABELS_SEPARATOR, _stored
from knowledge.models import Article


class ArticleIndex(indexes.SearchIndex, indexes.Indexable):
    # The thread index's fields, defined the same way (one schema for both).
    text = indexes.CharField(document=True, analyzer=ENGLISH_ANALYZER)
    text_de = indexes.CharField(analyzer=GERMAN_ANALYZER)
    title = indexes.CharField(model_attr="title", boost=2.0)
    language = indexes.CharField(model_attr="language", analyzer=IDAnalyzer())
    url = _stored()
    last_activity = indexes.DateTimeField()

    # An article's own: a filter and what its result row shows.
    section = indexes.CharField(model_attr="section__slug", analyzer=IDAnalyzer())
    section_name_en = _stored(model_attr="section__name_en")
    section_name_de = _stored(model_attr="section__name_de", default="")
    section_url = _stored()
    summary = _stored(model_attr="summary", default="")

    def get_model(self):
        return Article

    def index_queryset(self, using=None):
        """Only published articles are indexed; the index task removes any other."""
        return (
            Article.objects.published()
            .select_related("section")
            .prefetch_related("tags")
            .order_by("pk")
        )

    def prepare(self, obj):
        data = super().prepare(obj)
        data["text_de"] = data["text"]
        return data

    def prepare_text(self, obj: Article) -> str:
        """The title, then the text on one line; then, after an empty line, the labels:
        the summary, tags, section names and what it applies to (found by a search, left
        out of the snippet: the summary is shown as it is)."""
        labels = [
            obj.summary,
            *(tag.name for tag in obj.tags.all()),
            obj.section.name_en,
            obj.section.name_de,
            obj.applies_to,
        ]
        body = " ".join(obj.title.split()) + "\n" + plain_text(obj.body_html)
        return body + LABELS_SEPARATOR + " ".join(" ".join(labels).split())

    def prepare_url(self, obj: Article) -> str:
        return obj.get_absolute_url()

    def prepare_section_url(self, obj: Article) -> str:
        return obj.section.get_absolute_url()

    def prepare_last_activity(self, obj: Article):
        # Whoosh cannot store an aware datetime: store UTC, read back as UTC.
        return timezone.make_naive(obj.published_at or obj.updated_at, UTC)
