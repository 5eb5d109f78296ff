"""Whether the passages found answer a question at all, or are only the nearest to one the
letters cannot answer ("What is the capital of France?"): decided from how well the top
passages match it, by a threshold calibrated on questions with answers and on off-topic ones
(scripts/calibrate_no_answer.py; docs/measurements.md)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from qa.search.fusion import Ranking
from qa.search.retrievers import Retriever
from qa.search.understand import Notice

# Passages looked at: the ones a reader sees first.
TOP = 5
# Per model, the cosine with the question below which no top passage answers it. A whole
# passage's vector tells the two apart better than its best sentence's: one short sentence
# somewhere matches an off-topic question as well as the answer to a real one does (measured:
# docs/measurements.md). A model not listed never says so.
THRESHOLDS: dict[str, float] = {"all-MiniLM-L6-v2": 0.44}
NO_ANSWER = Notice(
    "no_answer",
    "Nothing in the letters answers this question: the passages below are only the nearest.",
)
NOTHING_ANSWERS = Notice("no_answer", "Nothing in the letters answers this question.")


def best_match(rankings: Sequence[Ranking], rows: Sequence[int]) -> float | None:
    """Return the best cosine any of the top rows' passages has with the question; None
    without the passage (dense) ranking."""
    dense = next((r for r in rankings if r.name is Retriever.DENSE), None)
    if dense is None or not len(rows):
        return None
    return float(np.max(dense.score_of(np.asarray(rows[:TOP], dtype=np.int64))))


def answers(rankings: Sequence[Ranking], rows: Sequence[int], model: str) -> bool:
    """Return False when no passage of rows (ranked best first) answers the question, by the
    threshold calibrated for the model that embedded them."""
    score = best_match(rankings, rows)
    threshold = THRESHOLDS.get(model)
    return score is None or threshold is None or score >= threshold
