"""Similar findings: from one passage, the passages most like it in other letters, by the
vectors the index already holds (no model run), each with its citation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from pydantic import Field, ValidationInfo, field_validator

from qa.core.errors import BadQuery
from qa.core.fields import LETTER_ID
from qa.core.filters import LetterFilter
from qa.core.models import Hit
from qa.core.params import Params, ParamSet, count_validator, how_many, whole_number
from qa.core.text import normalise
from qa.search.request import MAX_K
from qa.search.searcher import Searcher

SIMILAR_K = 10


class SimilarParams(ParamSet):
    """The passage to start from and how many like it, as request parameters (the filters are
    FilterParams); read with the searcher as context."""

    # A wrong id is a letter not in the index (404), so its pattern only describes.
    letter_id: str = Field(
        min_length=1, description="The letter the passage is from.", json_schema_extra=LETTER_ID
    )
    position: int = Field(
        ge=1,
        description="The passage's place in the letter's reading order, 1 to N (as a "
        "citation's position gives it).",
    )
    k: int = how_many(MAX_K, SIMILAR_K)

    @field_validator("letter_id", mode="before")
    @classmethod
    def _letter(cls, raw: str | None, info: ValidationInfo) -> str:
        letter_id = (raw or "").strip()
        if not letter_id:
            raise BadQuery("letter_id", "Missing letter_id: the letter the passage is from")
        _searcher(info).letter(letter_id)
        return letter_id

    @field_validator("position", mode="before")
    @classmethod
    def _position(cls, raw: Any, info: ValidationInfo) -> int:
        count = len(_searcher(info).letter(info.data["letter_id"]).passages)
        return whole_number(raw, "position", 1, count)

    # k sent empty is the default here, as it always was (search refuses it).
    _how_many = count_validator("k", empty_is_default=True)


def _searcher(info: ValidationInfo) -> Searcher:
    return (info.context or {})["searcher"]


@dataclass(frozen=True)
class SimilarRequest:
    """The passage to start from (its letter and 1-based place in it), how many passages like
    it, and which letters they may come from."""

    letter_id: str
    position: int
    k: int = SIMILAR_K
    filters: LetterFilter = LetterFilter()

    @classmethod
    def parse(cls, params: Params, searcher: Searcher) -> SimilarRequest:
        """Read letter_id, position, k (1 to MAX_K) and the filters of /search.

        Raises:
            BadQuery: naming the parameter that is missing or wrong.
            UnknownLetter: no letter has that id.
        """
        filters = LetterFilter.parse(params, searcher)
        asked = SimilarParams.read(params, searcher=searcher)
        return cls(asked.letter_id, asked.position, asked.k, filters)


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
