"""Fusing rankings and keeping one passage per text: pure functions over passage rows."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np

from qa.folding import normalise
from qa.models import Passage

RRF_K = 60
# Text printed alike in this many letters is the framework's boilerplate, not a finding.
BOILERPLATE_LETTERS = 3
BOILERPLATE_WEIGHT = 0.5
# Ranks (row, score) candidates: a sort key, smaller first.
Order = Callable[[int, float], tuple[float, ...]]


def fuse(rankings: Iterable[np.ndarray], k: int = RRF_K) -> list[tuple[int, float]]:
    """Return reciprocal rank fusion of rankings of rows (best first; -1 is no row), as
    (row, score) pairs, best first."""
    fused: dict[int, float] = {}
    for ranking in rankings:
        for rank, row in enumerate(int(r) for r in ranking if r >= 0):
            fused[row] = fused.get(row, 0.0) + 1.0 / (k + rank + 1)
    return sorted(fused.items(), key=lambda item: (-item[1], item[0]))


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
    findings; ranked by score, or by order's key of (row, score) when given."""
    demoted = sorted(
        ((row, score * BOILERPLATE_WEIGHT if boilerplate[row] else score) for row, score in fused),
        key=lambda item: (-item[1], item[0]) if order is None else order(*item),
    )
    seen: set[int] = set()
    top = []
    for row, score in demoted:
        if same_text[row] not in seen:
            seen.add(int(same_text[row]))
            top.append((row, score))
            if len(top) == k:
                break
    return top
