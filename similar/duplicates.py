"""“Maybe related — possible duplicates”: beside a new thread, for those who may close it
as a duplicate or merge it (super users and staff), the earlier public threads nearest to
it, best first, with those two actions one step away.

Never an automatic “duplicate of”: a cosine threshold cannot tell a duplicate from a
related question, so the box only offers; a person decides, through the existing forms and
services (community.services.moderation.close_as_duplicate, community.services.staff.
merge_threads) and their audit trail.

Neighbours are the nearest stored vectors to the thread's title, embedded as a query (as
the ask form embeds what is typed), fused with the keyword lookup (BM25) by reciprocal
rank, as the ask form's suggestions are (similar.suggestions); without the model, the
keyword lookup alone."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext as _

from community.i18n import active_language
from community.models import Thread, ThreadKind
from community.permissions import can
from similar import embedder
from similar.fusion import fuse
from similar.index import current_index
from similar.lookups import keyword_ids, language_label

# The box is for threads still being sorted out: asked within these days, open, unsolved.
RECENT_DAYS = 14
# Kinds a duplicate is closed or merged for (ideas have their own "already exists" status;
# announcements and known issues are the team's own posts).
KINDS = (ThreadKind.QUESTION, ThreadKind.DISCUSSION)
SHOWN = 5
CANDIDATES = 30  # nearest vectors looked at before the filters
# A thread found by its vector only is shown from this cosine on. Stricter than the ask
# form's cut (similar.suggestions.MIN_SCORE, 0.81), which only keeps nonsense out: there a
# person reads a few suggestions while typing; here a thread offered as a duplicate must
# be about the same thing. On similar/eval/paraphrases.json (160 support questions, asked
# text embedded as a query), 0.85 keeps 62 % of the labelled paraphrases and on average 3
# of the other questions per asked text, against 54 at 0.81; "Invoice download fails"
# scores 0.839 with "Parcel never arrived", 0.865 with "Rechnung lässt sich nicht
# herunterladen". Comparing two stored passages (title and body start each) separates
# worse: at a cut keeping the same share of paraphrases, four times as many others pass.
MIN_SCORE = 0.85
CACHE_SECONDS = 10 * 60  # the candidates of one thread are kept this long
CACHE_KEY = "similar:duplicates:{pk}:{language}"  # space names are translated


@dataclass(frozen=True)
class Candidate:
    pk: int
    title: str
    url: str
    space_name: str
    language: str
    is_solved: bool
    has_official_answer: bool
    answer_count: int
    created_at: datetime


def shows_for(thread: Thread, *, now=None) -> bool:
    """Whether `thread` is one the box is for (no query): recent, open and unsolved."""
    now = now or timezone.now()
    return (
        thread.kind in KINDS
        and thread.created_at >= now - timedelta(days=RECENT_DAYS)
        and not thread.is_solved
        and thread.duplicate_of_id is None
        and thread.merged_into_id is None
        and thread.deleted_at is None
        and thread.hidden_at is None
    )


def embedding_ranking(title: str, *, candidates: int = CANDIDATES) -> list[int]:
    """Ids of the threads whose stored vectors are nearest to `title`, best first, from
    MIN_SCORE on. No query (the index is loaded per process); raises EmbedderUnavailable."""
    query = embedder.embed_query(title)
    return [
        hit.object_id
        for hit in current_index().search(query, candidates)
        if hit.kind == "thread" and hit.score >= MIN_SCORE
    ]


def find_candidates(thread: Thread) -> list[Candidate]:
    """Up to SHOWN earlier public threads like `thread`, best first (solved ones and those
    with an official answer pass a neighbour at a similar score). One query, none when
    nothing is near."""
    keyword = [pk for pk in keyword_ids(thread.title) if pk != thread.pk]
    try:
        semantic = [pk for pk in embedding_ranking(thread.title) if pk != thread.pk]
    except embedder.EmbedderUnavailable:
        semantic = []
    ids = list(dict.fromkeys([*keyword, *semantic]))
    if not ids:
        return []
    threads = {
        found.pk: found
        for found in Thread.objects.public()
        .filter(
            pk__in=ids,
            kind__in=KINDS,
            created_at__lt=thread.created_at,
            duplicate_of__isnull=True,
        )
        .select_related("space")
    }
    boosted = {pk for pk, found in threads.items() if found.is_solved or found.has_official_answer}
    ranked = fuse(
        [[pk for pk in keyword if pk in threads], [pk for pk in semantic if pk in threads]],
        boosted=boosted,
    )
    return [
        Candidate(
            pk=found.pk,
            title=found.title,
            url=found.get_absolute_url(),
            space_name=str(found.space),
            language=found.language,
            is_solved=found.is_solved,
            has_official_answer=found.has_official_answer,
            answer_count=found.answer_count,
            created_at=found.created_at,
        )
        for found in (threads[pk] for pk in ranked[:SHOWN])
    ]


def possible_duplicates(thread: Thread) -> list[Candidate]:
    """find_candidates, cached per thread and language for CACHE_SECONDS (the same for
    every viewer who may act: no query on a hit)."""
    key = CACHE_KEY.format(pk=thread.pk, language=active_language())
    cached = cache.get(key)
    if cached is not None:
        return cached
    candidates = find_candidates(thread)
    cache.set(key, candidates, CACHE_SECONDS)
    return candidates


def duplicates_panel(*, viewer, thread) -> dict | None:
    """The thread page's "possible duplicates" box (community.extensions.
    register_thread_panel): only for viewers who may close the thread as a duplicate or
    merge it, and only on a recent open thread. No query for anyone else; for them, none
    on a cache hit and one on a miss (plus, as for the ask form, the vector index's check
    for new vectors, at most every similar.index.RECHECK_SECONDS per process)."""
    may_close = can(viewer, "community.close_as_duplicate", thread)
    may_merge = can(viewer, "community.merge_threads", thread)
    if not (may_close or may_merge) or not shows_for(thread):
        return None
    candidates = possible_duplicates(thread)
    if not candidates:
        return None
    return {
        "template": "similar/duplicates_panel.html",
        "thread": thread,
        "candidates": [
            {"candidate": candidate, "language_label": language_label(candidate.language)}
            for candidate in candidates
        ],
        "may_close": may_close,
        "may_merge": may_merge,
        # Prefilled in both forms; the person acting may change it before confirming.
        "reason": _("The same question was asked before."),
    }


def similar_thread_ids(*, title: str, limit: int) -> list[int] | None:
    """Ids of up to `limit` threads like `title`, best first, whatever their state or
    language: the keyword lookup fused with the embedding neighbours of the title, so a
    paraphrase or the other language's report of the same problem is found too (community.
    extensions.register_similar_threads_provider: the staff's known-issue suggestions).
    None when the model cannot load: the caller keeps to its keyword lookup. No query."""
    try:
        semantic = embedding_ranking(title, candidates=limit)
    except embedder.EmbedderUnavailable:
        return None
    return fuse([keyword_ids(title), semantic])[:limit]
