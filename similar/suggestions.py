"""The ask form's "similar" box, hybrid: keyword search (BM25 with stemming: exact terms,
product names, error codes) fused with embedding similarity (paraphrases, German ↔
English), in every language whatever the reader's content languages, each translation of
a question once (similar.translations).

Registered as community's *primary* suggestion provider: its list replaces the keyword
providers' lists (so nothing shows twice); when the model cannot load it returns None and
community falls back to keyword search."""

import logging

from django.utils.translation import gettext as _

from community.i18n import active_language
from community.searching import SimilarThread, similar_solved_threads
from similar import embedder
from similar.fusion import hybrid_order
from similar.index import current_index
from similar.lookups import language_label
from similar.translations import collapse_translations

logger = logging.getLogger(__name__)

CANDIDATES = 30  # nearest vectors looked at before hidden/deleted ones are dropped
# A vector hit below this cosine is not shown unless the keyword search found it too: e5
# puts everything between 0.75 and 0.9, and the nearest of 80 support questions to
# "zebra crossing" scores 0.805, to "recipe for apple pie" 0.804, while 95 % of the
# labelled paraphrases score 0.811 or more with their question (measured on
# similar/eval/paraphrases.json; eval_similar applies the same cut).
MIN_SCORE = 0.81


def keyword_ranking(title: str, limit: int) -> list[SimilarThread]:
    """Articles then solved threads from the existing keyword search (no database query)."""
    from knowledge.searching import article_suggestions

    return [*article_suggestions(title=title, limit=limit), *similar_solved_threads(title, limit)]


def embedding_ranking(
    title: str, candidates: int = CANDIDATES
) -> list[tuple[tuple[str, int], float]]:
    """((kind, id), cosine) of the nearest stored vectors, best first; raises
    EmbedderUnavailable."""
    query = embedder.embed_query(title)
    return [
        ((hit.kind, hit.object_id), hit.score)
        for hit in current_index().search(query, candidates)
        if hit.score >= MIN_SCORE
    ]


def _describe(keys: list[tuple[str, int]]) -> tuple[dict, set]:
    """What may be shown of `keys` (found by their vectors only), and which of them are
    boosted: public solved threads, as the box's heading promises ("solved questions";
    hidden, deleted, merged and unsolved ones drop out here; those with an official answer
    are boosted) and published articles (all boosted). At most two queries, none for an
    empty list."""
    from community.models import Thread
    from knowledge.models import Article

    found: dict[tuple[str, int], SimilarThread] = {}
    boosted: set[tuple[str, int]] = set()
    thread_ids = [pk for kind, pk in keys if kind == "thread"]
    if thread_ids:
        threads = (
            Thread.objects.public()
            .filter(pk__in=thread_ids, solution__isnull=False)
            .select_related("space")
        )
        for thread in threads:
            found["thread", thread.pk] = SimilarThread(
                title=thread.title,
                url=thread.get_absolute_url(),
                space_name=str(thread.space),
                language=thread.language,
                language_label=language_label(thread.language),
                pk=thread.pk,
            )
            if thread.has_official_answer:
                boosted.add(("thread", thread.pk))
    article_ids = [pk for kind, pk in keys if kind == "article"]
    if article_ids:
        articles = Article.objects.filter(pk__in=article_ids, status="published")
        for article in articles.select_related("section"):
            found["article", article.pk] = SimilarThread(
                title=article.title,
                url=article.get_absolute_url(),
                space_name=str(article.section),
                language=article.language,
                language_label=language_label(article.language),
                pk=article.pk,
                kind="article",
                type_label=_("Article"),
            )
            boosted.add(("article", article.pk))
    return found, boosted


def hybrid_suggestions(*, title: str, limit: int) -> list[SimilarThread] | None:
    """Up to `limit` suggestions, best first; None when the model is unavailable (the
    caller then shows the keyword suggestions).

    What the keyword search found is described by its stored fields (solved threads and
    published articles); only what the vectors alone found is read from the database."""
    try:
        keyword = keyword_ranking(title, limit=20)
        semantic = embedding_ranking(title)
    except embedder.EmbedderUnavailable:
        return None
    shown = {(item.kind, item.pk): item for item in keyword if item.pk}
    threads = [key for key in shown if key[0] == "thread"]
    articles = [key for key in shown if key[0] == "article"]
    described, boosted = _describe([key for key, _score in semantic if key not in shown])
    shown.update(described)
    semantic = [(key, score) for key, score in semantic if key in shown]
    ranked = hybrid_order([threads, articles], semantic, boosted=boosted | set(articles))
    # Articles stay above threads, in fused order, as the box has always listed them
    # (its heading names articles first when the first suggestion is one).
    ranked = [key for key in ranked if key[0] == "article"] + [
        key for key in ranked if key[0] != "article"
    ]
    # Every suggestion is a solved thread or an article: of a question and its
    # translation the one in the reader's language stays, else the better ranked.
    index = current_index()
    ranked = collapse_translations(
        ranked,
        vectors={key: index.vector(*key) for key in ranked},
        languages={key: item.language for key, item in shown.items()},
        language=active_language(),
    )
    return [shown[key] for key in ranked[:limit]]
