"""Reads for an article page's self-service parts: related articles and solved threads,
and the viewer's own “Was this helpful?” vote."""

import re
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Q
from django.utils.translation import get_language

from community.permissions import is_signed_in
from community.searching import SimilarThread
from community.searching.query import is_searchable
from community.searching.threads import similar_solved_threads
from knowledge.models import Article, ArticleFeedback

RELATED_LIMIT = 5
# Candidates scored in Python: enough to find the best five, few enough to stay cheap.
CANDIDATES = 50
# Related lists change when articles are published, not on every view.
RELATED_CACHE_SECONDS = 60 * 60
TITLE_WORD = re.compile(r"\w{3,}")
# How much each kind of closeness counts (shared tags say most about the subject).
TAG_WEIGHT, TITLE_WORD_WEIGHT, SECTION_WEIGHT = 3, 2, 1


@dataclass
class Related:
    articles: list[Article]
    threads: list[SimilarThread]


def _title_words(title: str) -> set[str]:
    return {w for w in TITLE_WORD.findall(title.lower()) if is_searchable(w)}


def _related_article_ids(article: Article) -> list[int]:
    """The published articles closest to `article`: shared tags, then shared title words,
    then the same section; newer first among equals. The article's translation is left out
    (the article page links it already)."""
    tag_ids = list(article.tags.values_list("pk", flat=True))
    words = _title_words(article.title)
    near = Q(section_id=article.section_id) | Q(tags__in=tag_ids)
    for word in words:
        near |= Q(title__icontains=word)
    candidates = (
        Article.objects.published()
        .filter(near)
        .exclude(pk__in=[article.pk, article.translation_id or 0])
        .annotate(shared_tags=Count("tags", filter=Q(tags__in=tag_ids), distinct=True))
        .order_by("-published_at")
        .values_list("pk", "title", "section_id", "shared_tags")[:CANDIDATES]
    )
    scored = []
    for pk, title, section_id, shared_tags in candidates:
        score = (
            TAG_WEIGHT * shared_tags
            + TITLE_WORD_WEIGHT * len(words & _title_words(title))
            + SECTION_WEIGHT * (section_id == article.section_id)
        )
        scored.append((-score, pk))
    # sorted() keeps the newest-first order among equal scores.
    return [pk for _, pk in sorted(scored, key=lambda row: row[0])][:RELATED_LIMIT]


def _related_threads(article: Article) -> list[SimilarThread]:
    """Solved threads like the article's title (the ask form's search), without the thread
    the article was made from."""
    source_url = article.source_thread.get_absolute_url() if article.source_thread_id else None
    found = similar_solved_threads(article.title, limit=RELATED_LIMIT + 1)
    return [thread for thread in found if thread.url != source_url][:RELATED_LIMIT]


def related_for_article(article: Article, viewer) -> Related:
    """Up to RELATED_LIMIT related published articles and solved threads for the page of
    `article`. The lists are cached per article version and language for an hour; a cached
    page costs one query (the articles, with their sections, still published).

    `viewer` does not narrow anything today: both lists hold only what everyone may read.
    """
    key = f"kb-related:{article.pk}:{article.updated_at.timestamp()}:{get_language()}"
    cached = cache.get(key)
    if cached is None:
        cached = (_related_article_ids(article), _related_threads(article))
        cache.set(key, cached, RELATED_CACHE_SECONDS)
    ids, threads = cached
    found = Article.objects.published().filter(pk__in=ids).select_related("section").in_bulk()
    return Related(articles=[found[pk] for pk in ids if pk in found], threads=threads)


def feedback_of(*, article: Article, member, session_key: str) -> ArticleFeedback | None:
    """The viewer's vote on `article`, if any: one query, none for a visitor without a
    session."""
    if is_signed_in(member):
        return ArticleFeedback.objects.filter(article=article, member=member).first()
    if not session_key:
        return None
    return ArticleFeedback.objects.filter(
        article=article, member__isnull=True, session_key=session_key
    ).first()
