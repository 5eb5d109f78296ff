"""One question across letters: each letter's best passages for it, grouped by authority and
ordered in time, from one embedding of the question and one scoring of the passages."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from pydantic import Field, ValidationInfo, field_validator

from qa.catalogue.authorities import authorities
from qa.core.errors import BadQuery
from qa.core.filters import Choices, known_authority
from qa.core.models import Hit, Letter
from qa.core.params import Params
from qa.search.answerable import THRESHOLDS
from qa.search.request import QuestionParams
from qa.search.searcher import Searcher

PER_LETTER = 2
MAX_PER_LETTER = 10
BEST_LETTERS = 10
MAX_AUTHORITIES = 10


class CompareParams(QuestionParams):
    """A comparison's request parameters; read with the index's choices as context."""

    local_authority: list[str] = Field(
        default_factory=list,
        max_length=MAX_AUTHORITIES,
        description="Compare every letter of this authority (repeat it for up to "
        f"{MAX_AUTHORITIES}); none: the {BEST_LETTERS} letters that answer best.",
    )
    per_letter: int = Field(PER_LETTER, ge=1, le=MAX_PER_LETTER, description="Passages per letter.")

    @field_validator("local_authority", mode="before")
    @classmethod
    def _known_authorities(cls, named: list[str], info: ValidationInfo) -> list[str]:
        choices: Choices = (info.context or {})["choices"]
        found = [known_authority(name, choices) for name in named]
        most = cls.bounds("local_authority")[1]
        if len(found) > most:
            raise BadQuery("local_authority", f"Compare at most {most} authorities at a time")
        return list(dict.fromkeys(a for a in found if a))

    @field_validator("per_letter", mode="before")
    @classmethod
    def _per_letter(cls, raw: Any) -> int:
        if raw is None:
            return int(cls.model_fields["per_letter"].default)
        low, high = cls.bounds("per_letter")
        if not re.fullmatch(r"[0-9]{1,6}", str(raw)) or not low <= int(raw) <= high:
            raise BadQuery("per_letter", f"per_letter must be a whole number from {low} to {high}")
        return int(raw)


@dataclass(frozen=True)
class CompareRequest:
    """A question to put to several letters: the authorities whose letters (all of them)
    answer it, or none for the letters that answer it best."""

    query: str
    authorities: tuple[str, ...] = ()
    per_letter: int = PER_LETTER

    @classmethod
    def parse(cls, params: Params, choices: Choices) -> CompareRequest:
        """Read q, local_authority (repeatable) and per_letter.

        Raises:
            BadQuery: naming the parameter that is missing or wrong.
        """
        asked = CompareParams.read(params, choices=choices)
        return cls(asked.q, tuple(asked.local_authority), asked.per_letter)


@dataclass(frozen=True)
class Group:
    """One letter and its best passages for the question (none, with a note, when it says
    nothing on it)."""

    letter: Letter
    hits: list[Hit]
    note: str | None = None


@dataclass(frozen=True)
class Comparison:
    """The groups, by authority and oldest first within each (or best first, unscoped)."""

    query: str
    groups: list[Group] = field(default_factory=list)


def compare(searcher: Searcher, request: CompareRequest) -> Comparison:
    """Return each letter's best passages for the question: every letter of the named
    authorities, or the BEST_LETTERS letters that answer best. A passage counts only where it
    holds a word of the question (or the letters' words for it); ranked as search ranks."""
    owner = searcher.owners
    if request.authorities:
        by_name = {a.name: a.letters for a in authorities(searcher.letters)}
        wanted = [x for name in request.authorities for x in by_name[name]]
    else:
        wanted = list(searcher.letters)
    index = {x.letter_id: n for n, x in enumerate(searcher.letters)}
    numbers = np.array([index[x.letter_id] for x in wanted], dtype=np.int64)
    rows = np.flatnonzero(np.isin(owner, numbers))
    if not len(rows):
        return Comparison(request.query)
    named = [x for x in searcher.letters if x.local_authority in request.authorities]
    rows, scores, worded = _about_question(searcher, request.query, rows, named)
    best = _runs(owner[rows])
    if not request.authorities:
        ranked = sorted(best, key=lambda n: -scores[best[n][0]])[:BEST_LETTERS]
        wanted = [searcher.letters[n] for n in ranked]
    top = float(scores.max()) if len(scores) else 0.0
    chosen = []
    for letter in wanted:
        start, end = best.get(index[letter.letter_id], (0, 0))
        end = min(end, start + request.per_letter)
        chosen.append(
            [
                (int(r), float(np.exp(s - top)))
                for r, s in zip(rows[start:end], scores[start:end], strict=True)
            ]
        )
    groups = [
        Group(letter, hits, None if hits else _why_none(index[letter.letter_id] in worded))
        for letter, hits in zip(
            wanted, searcher.cited_hits(request.query, chosen, named), strict=True
        )
    ]
    return Comparison(request.query, groups)


def _about_question(
    searcher: Searcher, query: str, rows: np.ndarray, named: list[Letter]
) -> tuple[np.ndarray, np.ndarray, set[int]]:
    """Return the rows holding a word of the query and about it, best first within each
    letter (by letter, then score, ties in reading order), their scores, and the numbers of
    the letters with a passage holding a word of it."""
    owner = searcher.owners
    scores, matching, cosines = searcher.passage_scores(query, rows, named)
    worded = set(owner[rows[matching]].tolist())
    # A passage holding a word of the question is about it only above the cosine a passage
    # answering a question has (answerable's threshold); off-topic ones are not shown.
    threshold = THRESHOLDS.get(searcher.generation.manifest.model)
    if threshold is not None:
        matching &= cosines >= threshold
    rows, scores = rows[matching], scores[matching]
    order = np.lexsort((rows, -scores, owner[rows]))
    return rows[order], scores[order], worded


def _runs(letters_of: np.ndarray) -> dict[int, tuple[int, int]]:
    """Return each letter's run of rows, (start, end), by letter number; letters_of is the
    letter of each row, the rows grouped by letter."""
    first = (
        np.r_[True, letters_of[1:] != letters_of[:-1]] if len(letters_of) else np.array([], bool)
    )
    return {
        int(letters_of[i]): (int(i), int(np.searchsorted(letters_of, letters_of[i], "right")))
        for i in np.flatnonzero(first)
    }


NO_WORDS = "This letter has no passage with the question’s words."
OFF_TOPIC = "This letter has passages with the question’s words, but none about it."


def _why_none(worded: bool) -> str:
    """Say why a letter shows no passage: none holds a word of the question, or those that do
    are about something else."""
    return OFF_TOPIC if worded else NO_WORDS
