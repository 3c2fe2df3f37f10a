"""“Related threads” on every thread page (a community.extensions thread panel).

Up to RELATED_LIMIT public threads and published articles near the thread, in every
language, ranked like the ask form's suggestions: the nearest stored vectors to the
thread's own stored vector, fused with the keyword "similar documents" lookup of its title
(similar.fusion.hybrid_order), solved threads, official answers and articles nudged up at
similar scores, each translation shown once (similar.translations). Never "duplicate":
the heading says "Related threads", a cosine cannot tell a duplicate from a neighbour.

Nothing is embedded on the request: the thread's vector is the stored one, read from this
process's index. A thread without a vector yet (just asked, or the model never loaded
here) gets the keyword lookup alone. The list is cached per thread and reader's language
for CACHE_SECONDS under a key that holds a digest of the thread's vector, title and time of
asking, so a new vector or title finds a new list; a cached list costs no query, a new one one query
(the threads and articles it names, still public, in one UNION)."""

import hashlib
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import F, IntegerField, Value
from django.urls import reverse

from community.i18n import active_language
from community.models import Thread, ThreadKind
from similar.fusion import hybrid_order
from similar.index import current_index
from similar.lookups import keyword_ids, language_label
from similar.translations import pick, translation_groups

RELATED_LIMIT = 5
CANDIDATES = 20  # of each ranking, before what may not be shown drops out
CACHE_SECONDS = 60 * 60
CACHE_PREFIX = "similar:related:1"
# A neighbour below this cosine is not shown unless the keywords found it too. Thread to
# thread (stored vector to stored vector) cosines sit higher than the ask form's query to
# thread ones: of all pairs of the demo's 520 questions half are above 0.80 and 5 % above
# 0.858, while the fifth nearest of 95 % of them is above 0.87.
RELATED_MIN_SCORE = 0.86


@dataclass(frozen=True)
class RelatedItem:
    kind: str  # "thread" or "article"
    pk: int
    title: str
    url: str
    place: str  # the thread's space or the article's section, in the reader's language
    language: str
    language_label: str  # the language's name when it is not the reader's, else empty
    solved: bool = False
    official: bool = False


def _cache_key(thread, vector, language: str) -> str:
    digest = hashlib.blake2b(digest_size=12)
    digest.update(f"{thread.created_at.isoformat()}\0{thread.title}".encode())
    digest.update(b"\0" if vector is None else vector.tobytes())
    return f"{CACHE_PREFIX}:{thread.pk}:{language}:{digest.hexdigest()}"


def _describe(thread_ids: list[int], article_ids: list[int], language: str) -> dict:
    """(kind, pk) → RelatedItem for those of the ids that may be shown: public threads
    that are not status posts, published articles. One query (none without ids)."""
    from knowledge.models import Article

    columns = ("doc", "pk", "title", "slug", "language", "parent", "place_en", "place_de")
    columns += ("solution_id", "has_official_answer")
    queries = []
    if thread_ids:
        queries.append(
            Thread.objects.public()
            .filter(pk__in=thread_ids)
            .exclude(kind=ThreadKind.KNOWN_ISSUE)
            .annotate(
                doc=Value("thread"),
                parent=Value(""),
                place_en=F("space__name_en"),
                place_de=F("space__name_de"),
            )
            .order_by()
            .values_list(*columns)
        )
    if article_ids:
        queries.append(
            Article.objects.published()
            .filter(pk__in=article_ids)
            .annotate(
                doc=Value("article"),
                parent=F("section__slug"),
                place_en=F("section__name_en"),
                place_de=F("section__name_de"),
                solution_id=Value(None, output_field=IntegerField()),
                has_official_answer=Value(True),
            )
            .order_by()
            .values_list(*columns)
        )
    if not queries:
        return {}
    rows = queries[0] if len(queries) == 1 else queries[0].union(queries[1], all=True)
    found = {}
    for doc, pk, title, slug, code, parent, place_en, place_de, solution, official in rows:
        if doc == "thread":
            url = reverse("community:thread", kwargs={"pk": pk, "slug": slug or "-"})
        else:
            url = reverse("knowledge:article", kwargs={"section": parent, "slug": slug})
        found[doc, pk] = RelatedItem(
            kind=doc,
            pk=pk,
            title=title,
            url=url,
            place=(place_de if language == "de" else "") or place_en,
            language=code,
            language_label=language_label(code, language),
            solved=doc == "article" or solution is not None,
            official=bool(official),
        )
    return found


def related_items(thread, *, vector, language: str) -> list[RelatedItem]:
    """What the panel lists for `thread` (uncached): see the module's docstring."""
    from knowledge.searching import ARTICLE_CONTENT_TYPE

    index = current_index()
    self_key = ("thread", thread.pk)
    hits = []
    if vector is not None:
        hits = [
            ((hit.kind, hit.object_id), hit.score)
            for hit in index.search(vector, CANDIDATES + 1)
            if (hit.kind, hit.object_id) != self_key and hit.score >= RELATED_MIN_SCORE
        ]
    threads = [
        ("thread", pk) for pk in keyword_ids(thread.title, limit=CANDIDATES, leave_out=thread.pk)
    ]
    articles = [
        ("article", pk)
        for pk in keyword_ids(thread.title, content_type=ARTICLE_CONTENT_TYPE, limit=CANDIDATES)
    ]
    wanted = dict.fromkeys([*threads, *articles, *(key for key, _score in hits)])
    shown = _describe(
        [pk for kind, pk in wanted if kind == "thread"],
        [pk for kind, pk in wanted if kind == "article"],
        language,
    )
    boosted = {key for key, item in shown.items() if item.solved or item.official}
    ranked = hybrid_order(
        [[key for key in threads if key in shown], [key for key in articles if key in shown]],
        [(key, score) for key, score in hits if key in shown],
        boosted=boosted,
    )
    return _once_each(thread, ranked, shown, index=index, vector=vector, language=language)


def _once_each(thread, ranked, shown, *, index, vector, language) -> list[RelatedItem]:
    """`ranked` with each translation once, the thread's own translations left out (the
    reader is on that question), unless one is solved where the thread is not."""
    self_key = ("thread", thread.pk)
    vectors = {key: index.vector(*key) for key in ranked}
    vectors[self_key] = vector
    languages = {key: item.language for key, item in shown.items()}
    languages[self_key] = thread.language
    solved = {key for key, item in shown.items() if item.solved}
    items = []
    for group in translation_groups([self_key, *ranked], vectors=vectors, languages=languages):
        if self_key in group:
            if thread.solution_id is None:
                items += [shown[key] for key in group if key in solved][:1]
            continue
        items.append(shown[pick(group, languages=languages, language=language, solved=solved)])
    return items[:RELATED_LIMIT]


def related_panel(*, viewer, thread) -> dict | None:
    """The thread page's "Related threads" (community.extensions.register_thread_panel);
    None when nothing is related."""
    language = active_language()
    vector = current_index().vector("thread", thread.pk)
    key = _cache_key(thread, vector, language)
    items = cache.get(key)
    if items is None:
        items = related_items(thread, vector=vector, language=language)
        cache.set(key, items, CACHE_SECONDS)
    if not items:
        return None
    return {"template": "similar/related_panel.html", "items": items, "place": "end"}
