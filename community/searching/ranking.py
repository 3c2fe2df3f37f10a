"""Ranking: relevance first; at similar relevance, solved threads and official answers.

A thread's relevance score (BM25, whoosh_path) is multiplied by SOLVED_BOOST when it is
solved and by OFFICIAL_BOOST when staff answered it, so of two threads that match about
as well the one with an answer comes first, while a thread that matches clearly better
still wins. Scores within RELEVANCE_STEP of the best score of each other are a tie;
among those the thread with the latest activity comes first (without it “invoice pdf”
showed an unanswered question above solved threads with official answers).
"""

SOLVED_BOOST = 1.25
OFFICIAL_BOOST = 1.15
RELEVANCE_STEP = 0.02  # of the best score: scores in one step of it are a tie


def boost(*, solved: bool, official: bool) -> float:
    """The factor a thread's relevance is multiplied by."""
    return (SOLVED_BOOST if solved else 1.0) * (OFFICIAL_BOOST if official else 1.0)


def rank_order(rows: list[tuple[float, object]]) -> list[int]:
    """Indexes of `rows` ((boosted score, recency) pairs) best first: the score in steps
    of RELEVANCE_STEP of the best one, then the most recent. For a page of results."""
    if not rows:
        return []
    best = max(score for score, _ in rows)
    step = RELEVANCE_STEP * best or 1.0
    return sorted(
        range(len(rows)), key=lambda i: (int(rows[i][0] / step), rows[i][1]), reverse=True
    )


class _SegmentSignals:
    """What ranking reads of the threads of one Whoosh index segment (whoosh_path applies
    SOLVED_BOOST and OFFICIAL_BOOST itself, in the loop over the matches)."""

    def __init__(self, segment):
        self.solved = segment.has("solved", True)  # document numbers
        self.official = segment.has("has_official", True)
        self.activity = segment.column("last_activity")  # per document number


def ranking_signals(segment) -> _SegmentSignals:
    return _SegmentSignals(segment)
