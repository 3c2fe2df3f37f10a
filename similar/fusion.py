"""Reciprocal-rank fusion of ranked lists, then a small boost for trusted answers.

RRF (Cormack et al., 2009): score(d) = Σ wᵢ / (k + rank_i(d)), ranks from 1, k = 60. It
needs no calibration between BM25 scores and cosines, which live on different scales.
The boost multiplies a fused score by BOOST: neighbouring ranks near the top differ by
about 1.6 % (1/61 against 1/62), so a 2 % boost lets a solved thread, an official answer
or an article pass the neighbour one rank above it, never one two ranks above.

Plain RRF (every list weighing 1) put the right question first less often than the
vectors alone (recall@1 on the paraphrases without a shared key term: 67 % against 79 %):
the keyword ranks pull solved threads that merely share a word up. So the hybrid
(``hybrid_order``) weighs the vector ranking twice and lets a clear nearest vector lead:
when it is ahead of the second nearest by LEAD_MARGIN or more, it goes first whatever the
keywords say. Measured on similar/eval/paraphrases.json (``manage.py eval_similar``),
recall@1 without a shared key term, hybrid against vectors alone:

    plain RRF                    67 % / 79 %
    vectors weigh 2              72 % / 79 %
    vectors weigh 2, clear lead  79 % / 79 %   (shared key term: 97 %, keywords alone 67 %)

Margins of 0.0025 to 0.005 give the same figures; from 0.0075 on the lead helps less
(76 %); e5's cosines of different questions to one query sit close together (0.80–0.90),
so a lead of 0.005 is already a clear one."""

from collections.abc import Hashable, Iterable, Sequence

RRF_K = 60
BOOST = 1.02
VECTOR_WEIGHT = 2.0
LEAD_MARGIN = 0.005


def reciprocal_rank_fusion(
    rankings: Iterable[Sequence[Hashable]],
    *,
    k: int = RRF_K,
    weights: Sequence[float] | None = None,
) -> dict[Hashable, float]:
    scores: dict[Hashable, float] = {}
    rankings = list(rankings)
    weights = list(weights) if weights is not None else [1.0] * len(rankings)
    for ranking, weight in zip(rankings, weights, strict=True):
        for rank, key in enumerate(dict.fromkeys(ranking), start=1):
            scores[key] = scores.get(key, 0.0) + weight / (k + rank)
    return scores


def fuse(
    rankings: Iterable[Sequence[Hashable]],
    *,
    boosted: set[Hashable] = frozenset(),
    k: int = RRF_K,
    boost: float = BOOST,
    weights: Sequence[float] | None = None,
    first: Hashable | None = None,
) -> list[Hashable]:
    """The keys of all rankings, best first; ties keep the order of first appearance.
    `first`, when given and found, leads whatever its fused score."""
    rankings = [list(ranking) for ranking in rankings]
    scores = reciprocal_rank_fusion(rankings, k=k, weights=weights)
    for key in scores:
        if key in boosted:
            scores[key] *= boost
    order = {key: i for i, key in enumerate(dict.fromkeys(key for r in rankings for key in r))}
    ranked = sorted(scores, key=lambda key: (-scores[key], order[key]))
    if first is not None and first in scores:
        ranked.remove(first)
        ranked.insert(0, first)
    return ranked


def clear_lead(hits: Sequence[tuple[Hashable, float]], *, margin: float = LEAD_MARGIN):
    """The nearest vector's key when it is ahead of the second by `margin` (or alone),
    else None. `hits` are (key, cosine), nearest first."""
    if not hits:
        return None
    if len(hits) == 1 or hits[0][1] - hits[1][1] >= margin:
        return hits[0][0]
    return None


def hybrid_order(
    keyword_rankings: Sequence[Sequence[Hashable]],
    vector_hits: Sequence[tuple[Hashable, float]],
    *,
    boosted: set[Hashable] = frozenset(),
) -> list[Hashable]:
    """The hybrid's order: keyword rankings (each weighing 1) fused with the vector
    ranking (weighing VECTOR_WEIGHT), a clear nearest vector first."""
    vectors = [key for key, _score in vector_hits]
    return fuse(
        [*keyword_rankings, vectors],
        boosted=boosted,
        weights=[1.0] * len(keyword_rankings) + [VECTOR_WEIGHT],
        first=clear_lead(vector_hits),
    )
