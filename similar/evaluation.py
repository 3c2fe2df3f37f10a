"""Recall of keyword-only, embedding-only and hybrid suggestions on the labelled
paraphrase pairs in similar/eval/paraphrases.json.

Every stored question of the set is stored as a solved thread (each topic exists once in
English and once in German); each asked phrasing is searched like the ask form does. A
pair is evaluated against the stored questions of its stored language only, as if the
question existed only there: otherwise a German question would find the German copy of
the English thread it is meant to find, and cross-language recall would mean nothing.
The rankings are filtered to that language *before* fusion, so the hybrid sees the same
corpus as the two methods it fuses."""

import json
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

PAIRS_PATH = Path(__file__).parent / "eval" / "paraphrases.json"
METHODS = ("keyword", "embedding", "hybrid")


def load_pairs(path: Path = PAIRS_PATH) -> list[dict]:
    return json.loads(path.read_text())["pairs"]


def stored_key(pair: dict) -> tuple[str, int]:
    """The stored question a pair expects: (its language, its topic)."""
    return pair["stored"]["language"], pair["topic"]


def stored_questions(pairs: list[dict]) -> dict[tuple[str, int], dict]:
    return {stored_key(pair): pair["stored"] for pair in pairs}


def group_of(pair: dict) -> str:
    """ "en", "de", or "de→en" (asked in German, stored in English) and "en→de"."""
    stored, asked = pair["stored"]["language"], pair["asked"]["language"]
    return stored if stored == asked else f"{asked}→{stored}"


# The table's rows: each language, each direction across languages, both directions
# together ("across") and every pair ("all").
GROUPS = ("en", "de", "en→de", "de→en", "across", "all")
SUBSETS = ("no shared term", "shared term", "all")


def groups_of(pair: dict) -> tuple[str, ...]:
    group = group_of(pair)
    return (group, "all") if "→" not in group else (group, "across", "all")


@dataclass
class Tally:
    asked: int = 0
    top1: int = 0
    top5: int = 0

    def add(self, ranking: list, expected) -> None:
        self.asked += 1
        self.top1 += ranking[:1] == [expected]
        self.top5 += expected in ranking[:5]

    def recall(self, k: int) -> float:
        return (self.top1 if k == 1 else self.top5) / self.asked if self.asked else 0.0


@dataclass
class Report:
    # (method, group, "shared" | "no shared term" | "all") → Tally
    tallies: dict = field(default_factory=lambda: defaultdict(Tally))
    seconds: dict = field(default_factory=lambda: defaultdict(float))

    def add(self, method: str, pair: dict, ranking: list) -> None:
        expected = stored_key(pair)
        terms = "shared term" if pair["shares_key_term"] else "no shared term"
        for group in groups_of(pair):
            for subset in (terms, "all"):
                self.tallies[method, group, subset].add(ranking, expected)

    def rows(self) -> list[dict]:
        return [
            {
                "method": method,
                "group": group,
                "subset": subset,
                "asked": tally.asked,
                "recall@1": round(tally.recall(1), 3),
                "recall@5": round(tally.recall(5), 3),
            }
            for (method, group, subset), tally in sorted(self.tallies.items())
        ]

    def table(self) -> str:
        lines = [f"{'group':<7} {'subset':<15} {'n':>4}  " + "  ".join(f"{m:>16}" for m in METHODS)]
        lines.append(
            f"{'':<7} {'':<15} {'':>4}  " + "  ".join(f"{'R@1   R@5':>16}" for _m in METHODS)
        )
        found = {(g, s) for (_m, g, s) in self.tallies}
        keys = [(g, s) for g in GROUPS for s in SUBSETS if (g, s) in found]
        for group, subset in keys:
            cells = []
            for method in METHODS:
                tally = self.tallies[method, group, subset]
                cells.append(f"{tally.recall(1):>8.0%} {tally.recall(5):>6.0%}")
            n = self.tallies[METHODS[0], group, subset].asked
            lines.append(f"{group:<7} {subset:<15} {n:>4}  " + "  ".join(f"{c:>16}" for c in cells))
        return "\n".join(lines)


def evaluate(pairs: list[dict], *, keyword, embedding, fuse) -> Report:
    """`keyword(text)` returns stored keys best first and `embedding(text)` (key, cosine)
    pairs nearest first (over every stored question); `fuse(words, vectors)` merges a
    keyword ranking with the (key, cosine) pairs as the hybrid does."""
    report = Report()
    for pair in pairs:
        language = pair["stored"]["language"]
        text = pair["asked"]["text"]
        started = time.perf_counter()
        words = [key for key in keyword(text) if key[0] == language]
        report.seconds["keyword"] += time.perf_counter() - started
        started = time.perf_counter()
        vectors = [(key, score) for key, score in embedding(text) if key[0] == language]
        report.seconds["embedding"] += time.perf_counter() - started
        report.add("keyword", pair, words)
        report.add("embedding", pair, [key for key, _score in vectors])
        report.add("hybrid", pair, fuse(words, vectors))
    return report


def run_in_database(pairs: list[dict] | None = None, *, log=print) -> Report:
    """Store the pairs' questions as solved threads in the current (throw-away) database
    and search index, embed them, and evaluate the three methods on them."""
    from django.core.management import call_command

    from community.models import Member, Space
    from community.outbox import tasks_muted
    from community.searching import similar_solved_threads
    from community.services.posts import ask_question, post_answer
    from community.services.solutions import accept_answer
    from similar import embedder
    from similar.fusion import hybrid_order
    from similar.index import VectorIndex
    from similar.models import Embedding
    from similar.services import store_embedding
    from similar.suggestions import MIN_SCORE

    pairs = pairs or load_pairs()
    stored = stored_questions(pairs)
    asker = Member.objects.create(username="eval-asker", email="asker@example.com")
    helper = Member.objects.create(username="eval-helper", email="helper@example.com")
    space = Space.objects.create(slug="eval", name_en="Evaluation", name_de="Evaluation")
    key_of_thread = {}
    with tasks_muted():
        for (language, topic), question in stored.items():
            thread = ask_question(
                author=asker, space=space, title=question["title"], body=question["body"]
            )
            type(thread).objects.filter(pk=thread.pk).update(language=language)
            answer = post_answer(
                thread=thread, author=helper, body="This answer solved it, thanks."
            )
            accept_answer(answer=answer, by=asker)
            key_of_thread[thread.pk] = (language, topic)
    log(f"{len(stored)} stored questions as solved threads; indexing and embedding…")
    call_command("rebuild_search_index", verbosity=0)
    for pk in key_of_thread:
        store_embedding("thread", pk)
    index = VectorIndex.from_rows(Embedding.objects.values_list("kind", "object_id", "vector"))

    def keyword(text):
        return [
            key_of_thread[item.pk]
            for item in similar_solved_threads(text, 20)
            if item.pk in key_of_thread
        ]

    def embedding(text):
        hits = index.search(embedder.embed_query(text), len(index))
        return [(key_of_thread[hit.object_id], hit.score) for hit in hits if hit.score >= MIN_SCORE]

    def fuse(words, vectors):
        return hybrid_order([words], vectors)

    return evaluate(pairs, keyword=keyword, embedding=embedding, fuse=fuse)


def measure_latency(sizes=(10_000, 100_000), *, queries: int = 30, seed: int = 20) -> list[dict]:
    """Time of one suggestion's vector part in this process: embedding the asked title with
    the real model plus one search of an index of `size` SYNTHETIC random unit vectors
    (random vectors are fine for time and memory, meaningless for quality). The keyword
    part and the two queries that describe the hits are measured by ``manage.py bench``'s
    search pages, not here."""
    import statistics

    import numpy as np

    from similar import embedder
    from similar.embedder import DIMENSIONS
    from similar.index import VectorIndex

    rng = np.random.default_rng(seed)
    titles = [pair["asked"]["text"] for pair in load_pairs()][:queries]
    embedder.embed_query("warm up")
    results = []
    for size in sizes:
        matrix = rng.standard_normal((size, DIMENSIONS), dtype=np.float32)
        matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
        index = VectorIndex(
            np.array(["thread"] * size, dtype=object), np.arange(size, dtype=np.int64), matrix
        )
        embed_ms, search_ms = [], []
        for title in titles:
            started = time.perf_counter()
            query = embedder.embed_query(title)
            middle = time.perf_counter()
            index.search(query, 30)
            ended = time.perf_counter()
            embed_ms.append((middle - started) * 1000)
            search_ms.append((ended - middle) * 1000)
        total = sorted(a + b for a, b in zip(embed_ms, search_ms, strict=True))
        results.append(
            {
                "vectors": size,
                "synthetic": True,
                "embed_median_ms": round(statistics.median(embed_ms), 1),
                "search_median_ms": round(statistics.median(search_ms), 1),
                "total_median_ms": round(statistics.median(total), 1),
                "total_max_ms": round(total[-1], 1),
                "index_mb": round(index.nbytes / 2**20, 1),
            }
        )
        del index, matrix
    return results
