"""Reciprocal-rank fusion on fixed ranks, and the vector index with hand-made vectors
(no model: the tiny vectors here are written out, not embedded)."""

import numpy as np
import pytest

from similar.evaluation import Tally, evaluate
from similar.fusion import (
    BOOST,
    LEAD_MARGIN,
    clear_lead,
    fuse,
    hybrid_order,
    reciprocal_rank_fusion,
)
from similar.index import VectorIndex


def test_rrf_adds_one_over_k_plus_rank_per_list():
    scores = reciprocal_rank_fusion([["a", "b", "c"], ["b", "d"]], k=60)
    assert scores["a"] == pytest.approx(1 / 61)
    assert scores["b"] == pytest.approx(1 / 62 + 1 / 61)
    assert scores["c"] == pytest.approx(1 / 63)
    assert scores["d"] == pytest.approx(1 / 62)


def test_rrf_counts_a_key_listed_twice_in_one_ranking_once():
    assert reciprocal_rank_fusion([["a", "a", "b"]], k=60) == {
        "a": pytest.approx(1 / 61),
        "b": pytest.approx(1 / 62),
    }


def test_fuse_puts_what_both_rankings_agree_on_first():
    keyword = ["invoice-pdf", "billing-date", "esim"]
    embedding = ["billing-date", "roaming", "invoice-pdf"]
    # billing-date 1/62+1/61, invoice-pdf 1/61+1/63, roaming 1/62, esim 1/63
    assert fuse([keyword, embedding]) == ["billing-date", "invoice-pdf", "roaming", "esim"]


def test_fuse_breaks_ties_by_first_appearance():
    assert fuse([["a", "b"], ["b", "a"]]) == ["a", "b"]


def test_boost_passes_a_neighbour_of_similar_score_but_not_a_clearly_better_one():
    # second place boosted: 1/62 × 1.02 > 1/61, so it overtakes first place …
    assert fuse([["first", "solved"]], boosted={"solved"}) == ["solved", "first"]
    assert 1 / 62 * BOOST > 1 / 61
    # … but not a thread two ranks above it (1/63 × 1.02 < 1/61)
    assert fuse([["first", "second", "solved"]], boosted={"solved"}) == [
        "first",
        "solved",
        "second",
    ]


def test_a_weighted_ranking_counts_its_weight_times_one_over_k_plus_rank():
    scores = reciprocal_rank_fusion([["a", "b"], ["b"]], k=60, weights=[1, 2])
    assert scores == {"a": pytest.approx(1 / 61), "b": pytest.approx(1 / 62 + 2 / 61)}


def test_the_hybrid_weighs_the_vectors_twice():
    keyword = ["shares-a-word", "word-too", "paraphrase"]
    vectors = [("paraphrase", 0.86), ("other", 0.858), ("shares-a-word", 0.857)]  # no lead
    # Plain RRF: both firsts score 1/61 + 1/63, the keywords' is listed first.
    assert fuse([keyword, [key for key, _ in vectors]]) == [
        "shares-a-word",
        "paraphrase",
        "word-too",
        "other",
    ]
    # Weighted: paraphrase 1/63 + 2/61 beats shares-a-word 1/61 + 2/63.
    assert hybrid_order([keyword], vectors) == [
        "paraphrase",
        "shares-a-word",
        "other",
        "word-too",
    ]


def test_a_clear_nearest_vector_leads_whatever_the_keywords_say():
    keyword = ["shares-a-word", "also-shares", "third"]
    clear = [("paraphrase", 0.87), ("shares-a-word", 0.87 - LEAD_MARGIN)]
    assert clear_lead(clear) == "paraphrase"
    assert hybrid_order([keyword, ["third"]], clear)[0] == "paraphrase"
    # A lead smaller than the margin is no lead: the fused order stands.
    close = [("paraphrase", 0.87), ("shares-a-word", 0.868)]
    assert clear_lead(close) is None
    assert hybrid_order([keyword, ["shares-a-word"]], close)[0] == "shares-a-word"
    assert clear_lead([("alone", 0.82)]) == "alone"
    assert clear_lead([]) is None


def test_index_ranks_by_cosine_and_normalises_stored_rows():
    rows = [
        ("thread", 1, np.array([1, 0, 0, 0] + [0] * 380, np.float32).tobytes()),
        ("thread", 2, np.array([3, 3, 0, 0] + [0] * 380, np.float32).tobytes()),  # not unit
        ("article", 7, np.array([0, 0, 1, 0] + [0] * 380, np.float32).tobytes()),
    ]
    index = VectorIndex.from_rows(rows)
    query = np.array([1, 0.2, 0, 0] + [0] * 380, np.float32)
    hits = index.search(query, 2)
    assert [(hit.kind, hit.object_id) for hit in hits] == [("thread", 1), ("thread", 2)]
    assert hits[1].score == pytest.approx(1.2 / np.sqrt(2))
    assert index.matrix.nbytes == 3 * 384 * 4


def test_empty_index_finds_nothing():
    assert VectorIndex.from_rows([]).search(np.ones(384, np.float32), 5) == []


def test_recall_tally():
    tally = Tally()
    tally.add(["x", "a"], "a")
    tally.add(["a"], "a")
    tally.add(["b", "c", "d", "e", "f", "a"], "a")
    assert (tally.recall(1), tally.recall(5)) == (pytest.approx(1 / 3), pytest.approx(2 / 3))


def test_the_evaluation_reports_each_language_and_across_languages():
    def pair(topic, stored, asked, text, shares):
        return {
            "topic": topic,
            "stored": {"language": stored, "title": text, "body": ""},
            "asked": {"language": asked, "text": text},
            "shares_key_term": shares,
        }

    pairs = [
        pair(1, "en", "en", "bill date", True),
        pair(1, "de", "de", "rechnung datum", False),
        pair(1, "en", "de", "rechnung datum", False),
        pair(1, "de", "en", "bill date", False),
    ]
    # Keywords find only the same language's question; the vectors find it everywhere,
    # the other topic a clear second.
    report = evaluate(
        pairs,
        keyword=lambda text: [("en", 1)] if text == "bill date" else [("de", 1)],
        embedding=lambda text: [(("en", 1), 0.9), (("de", 1), 0.9), (("en", 2), 0.8)],
        fuse=lambda words, vectors: hybrid_order([words], vectors),
    )
    recall = {
        (row["method"], row["group"], row["subset"]): row["recall@1"] for row in report.rows()
    }
    assert recall["keyword", "en", "all"] == 1.0
    assert recall["keyword", "across", "all"] == 0.0
    assert recall["embedding", "across", "all"] == 1.0
    assert recall["hybrid", "all", "no shared term"] == 1.0
    groups = [line.split()[0] for line in report.table().splitlines()[2:]]
    assert list(dict.fromkeys(groups)) == ["en", "de", "en→de", "de→en", "across", "all"]


@pytest.mark.django_db
def test_the_index_sees_a_vector_stored_by_another_process_after_the_recheck(monkeypatch):
    """Another process's cache bump never reaches this one's memory cache: the database
    stamp, checked every RECHECK_SECONDS, does."""
    from similar import index as index_module
    from similar.models import Embedding

    clock = [1000.0]
    monkeypatch.setattr(index_module.time, "monotonic", lambda: clock[0])
    assert len(index_module.current_index()) == 0
    unit = np.zeros(384, np.float32)
    unit[0] = 1
    Embedding.objects.create(  # as the worker does, without touching this process's cache
        kind="thread", object_id=5, model_name="m", model_version="v", vector=unit.tobytes()
    )
    assert len(index_module.current_index()) == 0  # within the recheck interval
    clock[0] += index_module.RECHECK_SECONDS
    assert len(index_module.current_index()) == 1
