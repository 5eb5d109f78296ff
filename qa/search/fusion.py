"""Fusing rankings and keeping one passage per text: pure functions over passage rows."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from qa.core.models import Passage
from qa.core.text import normalise
from qa.search.retrievers import Retriever

# Text printed alike in this many letters is the framework's boilerplate, not a finding.
BOILERPLATE_LETTERS = 3
BOILERPLATE_WEIGHT = 0.1
# Each ranking is standardised over its best this many candidates however deep it goes, so a
# search for 1,000 passages ranks its first ones as a search for 10 does.
STANDARD_DEPTH = 200
# Ranks (row, score) candidates: a sort key, smaller first.
Order = Callable[[int, float], tuple[float, ...]]


@dataclass(frozen=True)
class Ranking:
    """One retriever's best candidates (rows, best first) with their scores, and every
    candidate's score from it: a row another ranking found is scored too."""

    rows: np.ndarray
    scores: np.ndarray
    score_of: Callable[[np.ndarray], np.ndarray]
    weight: float = 1.0
    # Which retriever's ranking this is; None: one no retriever is named for (a test's).
    name: Retriever | None = None


def combine(rankings: Sequence[Ranking]) -> list[tuple[int, float]]:
    """Return the rows any ranking found, as (row, score) pairs best first, scored by the
    weighted sum of each ranking's z-score (its score standardised over its own candidates).

    Unlike fusing ranks, this keeps what one ranking is sure of: a passage far above the rest
    in one ranking stays high though the other ranks it middling. Scores are mapped to (0, 1],
    1 for the best, so that halving one demotes it."""
    found = [r for r in rankings if len(r.rows)]
    if not found:
        return []
    rows = np.unique(np.concatenate([r.rows for r in found]))
    total = standard_scores(found, rows)
    order = np.lexsort((rows, -total))
    scores = np.exp(total[order] - total[order[0]])
    return [(int(rows[i]), float(score)) for i, score in zip(order, scores, strict=True)]


def standard_scores(rankings: Sequence[Ranking], rows: np.ndarray) -> np.ndarray:
    """Return each row's weighted sum of z-scores from the rankings (each standardised over
    its best STANDARD_DEPTH candidates, scores best first), as combine scores them."""
    total = np.zeros(len(rows), dtype=np.float64)
    for ranking in rankings:
        if len(ranking.rows):
            best = ranking.scores[:STANDARD_DEPTH]
            spread = float(best.std()) or 1.0
            standard = (ranking.score_of(rows) - float(best.mean())) / spread
            total += ranking.weight * standard
    return total


def recurring_texts(passages: list[Passage], owner: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return, per passage, an id shared by passages of the same text, and whether that text
    recurs in BOILERPLATE_LETTERS letters or more ("Ofsted will take the findings…")."""
    ids: dict[str, int] = {}
    letters: dict[int, set[int]] = {}
    same = np.empty(len(passages), dtype=np.int64)
    for row, passage in enumerate(passages):
        same[row] = ids.setdefault(normalise(passage.text), len(ids))
        letters.setdefault(int(same[row]), set()).add(int(owner[row]))
    recurring = np.array([len(letters[int(i)]) >= BOILERPLATE_LETTERS for i in same], dtype=bool)
    return same, recurring


def distinct(
    fused: list[tuple[int, float]],
    k: int,
    same_text: np.ndarray,
    boilerplate: np.ndarray,
    order: Order | None = None,
) -> list[tuple[int, float]]:
    """Return the best k (row, score) pairs, one passage per text, boilerplate ranked below
    findings; ranked by score, or by order's key of (row, score) when given, each score then
    lowered to at most the one ranked above it (a score never rises down the ranking)."""
    demoted = sorted(
        ((row, score * BOILERPLATE_WEIGHT if boilerplate[row] else score) for row, score in fused),
        key=lambda item: (-item[1], item[0]) if order is None else order(*item),
    )
    seen: set[int] = set()
    top: list[tuple[int, float]] = []
    for row, score in demoted:
        if same_text[row] not in seen:
            seen.add(int(same_text[row]))
            top.append((row, min(score, top[-1][1]) if top else score))
            if len(top) == k:
                break
    return top
