"""Reciprocal-rank fusion of ranked lists, then a small boost for trusted answers.

RRF (Cormack et al., 2009): score(d) = Σ 1 / (k + rank_i(d)), ranks from 1, k = 60. It
needs no calibration between BM25 scores and cosines, which live on different scales.
The boost multiplies a fused score by BOOST: neighbouring ranks near the top differ by
about 1.6 % (1/61 against 1/62), so a 2 % boost lets a solved thread, an official answer
or an article pass the neighbour one rank above it, never one two ranks above."""

from collections.abc import Hashable, Iterable, Sequence

RRF_K = 60
BOOST = 1.02


def reciprocal_rank_fusion(
    rankings: Iterable[Sequence[Hashable]], *, k: int = RRF_K
) -> dict[Hashable, float]:
    scores: dict[Hashable, float] = {}
    for ranking in rankings:
        for rank, key in enumerate(dict.fromkeys(ranking), start=1):
            scores[key] = scores.get(key, 0.0) + 1.0 / (k + rank)
    return scores


def fuse(
    rankings: Iterable[Sequence[Hashable]],
    *,
    boosted: set[Hashable] = frozenset(),
    k: int = RRF_K,
    boost: float = BOOST,
) -> list[Hashable]:
    """The keys of all rankings, best first; ties keep the order of first appearance."""
    rankings = [list(ranking) for ranking in rankings]
    scores = reciprocal_rank_fusion(rankings, k=k)
    for key in scores:
        if key in boosted:
            scores[key] *= boost
    order = {key: i for i, key in enumerate(dict.fromkeys(key for r in rankings for key in r))}
    return sorted(scores, key=lambda key: (-scores[key], order[key]))
