"""Similar findings: from one passage, the passages most like it in other letters, by the
vectors the index already holds (no model run), each with its citation."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from qa.errors import BadQuery
from qa.folding import normalise
from qa.models import Hit
from qa.request import MAX_K, LetterFilter
from qa.search import Searcher

SIMILAR_K = 10


@dataclass(frozen=True)
class SimilarRequest:
    """The passage to start from (its letter and 1-based place in it), how many passages like
    it, and which letters they may come from."""

    letter_id: str
    position: int
    k: int = SIMILAR_K
    filters: LetterFilter = LetterFilter()

    @classmethod
    def parse(cls, params: Mapping[str, Any], searcher: Searcher) -> SimilarRequest:
        """Read letter_id, position, k (1 to MAX_K) and the filters of /search.

        Raises:
            BadQuery: naming the parameter that is missing or wrong.
            UnknownLetter: no letter has that id.
        """
        filters = LetterFilter.parse(params, searcher)
        letter_id = (params.get("letter_id") or "").strip()
        if not letter_id:
            raise BadQuery("letter_id", "Missing letter_id: the letter the passage is from")
        letter = searcher.letter(letter_id)
        count = len(letter.passages)
        position = _whole(params.get("position"), "position", 1, count, None)
        k = _whole(params.get("k"), "k", 1, MAX_K, SIMILAR_K)
        return cls(letter_id, position, k, filters)


def _whole(raw: Any, name: str, low: int, high: int, default: int | None) -> int:
    if raw in (None, "") and default is not None:
        return default
    if raw in (None, "") or not re.fullmatch(r"\s*\d{1,6}\s*", str(raw)):
        raise BadQuery(name, f"{name} must be a whole number from {low} to {high}, not {raw!r}")
    value = int(raw)
    if not low <= value <= high:
        raise BadQuery(name, f"{name} must be from {low} to {high}, not {value}")
    return value


@dataclass(frozen=True)
class Similar:
    """The passage asked about, and the passages most like it in other letters, best first."""

    passage: Hit
    hits: list[Hit]


def similar(searcher: Searcher, request: SimilarRequest) -> Similar:
    """Return the request.k passages of other letters whose vectors are nearest the passage's
    (cosine, best first; one passage per text), with their citations."""
    letter = searcher.letter(request.letter_id)
    number = next(n for n, x in enumerate(searcher.letters) if x.letter_id == letter.letter_id)
    owner = searcher.owners
    row = int(np.flatnonzero(owner == number)[request.position - 1])
    # einsum, not @: a product this size wakes BLAS's threads, which spin against requests'.
    scores = np.einsum("ij,j->i", searcher.vectors, searcher.vectors[row])
    admitted = np.asarray([request.filters.admits(x) for x in searcher.letters], dtype=bool)
    admitted[number] = False
    scores = np.where(admitted[owner], scores, -np.inf)
    # Enough candidates for k distinct texts: boilerplate repeats across letters.
    depth = min(len(scores), request.k * 5 + 50)
    best = np.argpartition(-scores, depth - 1)[:depth] if depth else np.array([], np.int64)
    best = best[np.lexsort((best, -scores[best]))]
    # A letter's passages are consecutive rows: a row's place in its letter is its offset.
    starts = np.searchsorted(owner, np.arange(len(searcher.letters)))
    seen = {normalise(letter.passages[request.position - 1].text)}
    chosen: list[tuple[int, float]] = []
    for candidate in best.tolist():
        of = int(owner[candidate])
        passage = searcher.letters[of].passages[candidate - int(starts[of])]
        text = normalise(passage.text)
        if np.isfinite(scores[candidate]) and text not in seen:
            seen.add(text)
            chosen.append((candidate, round(float(scores[candidate]), 4)))
        if len(chosen) == request.k:
            break
    source_text = letter.passages[request.position - 1].text
    source, hits = searcher.cited_hits(source_text, [[(row, 1.0)], chosen], [])
    return Similar(source[0], hits)
