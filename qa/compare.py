"""One question across letters: each letter's best passages for it, grouped by authority and
ordered in time, from one embedding of the question and one scoring of the passages."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from qa.answerable import THRESHOLDS
from qa.authorities import authorities
from qa.errors import BadQuery
from qa.models import Hit, Letter
from qa.request import Choices, SearchRequest, known_authority
from qa.search import Searcher

PER_LETTER = 2
MAX_PER_LETTER = 10
BEST_LETTERS = 10
MAX_AUTHORITIES = 10


@dataclass(frozen=True)
class CompareRequest:
    """A question to put to several letters: the authorities whose letters (all of them)
    answer it, or none for the letters that answer it best."""

    query: str
    authorities: tuple[str, ...] = ()
    per_letter: int = PER_LETTER

    @classmethod
    def parse(cls, params: Mapping[str, Any], choices: Choices) -> CompareRequest:
        """Read q, local_authority (repeatable) and per_letter.

        Raises:
            BadQuery: naming the parameter that is missing or wrong.
        """
        query = SearchRequest.parse({"q": params.get("q")}, choices).query
        getlist = getattr(params, "getlist", None)
        named = getlist("local_authority") if getlist else params.get("local_authority") or []
        named = [named] if isinstance(named, str) else named
        authorities = [known_authority(n, choices) for n in named if n]
        if len(authorities) > MAX_AUTHORITIES:
            raise BadQuery(
                "local_authority", f"Compare at most {MAX_AUTHORITIES} authorities at a time"
            )
        raw = params.get("per_letter")
        raw = str(PER_LETTER) if raw is None else raw
        if not re.fullmatch(r"[0-9]{1,6}", raw) or not 1 <= int(raw) <= MAX_PER_LETTER:
            raise BadQuery(
                "per_letter", f"per_letter must be a whole number from 1 to {MAX_PER_LETTER}"
            )
        unique = tuple(dict.fromkeys(a for a in authorities if a))
        return cls(query, unique, int(raw))


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
    scores, matching, cosines = searcher.passage_scores(request.query, rows, named)
    worded = set(owner[rows[matching]].tolist())
    # A passage holding a word of the question is about it only above the cosine a passage
    # answering a question has (answerable's threshold); off-topic ones are not shown.
    threshold = THRESHOLDS.get(searcher.generation.manifest.model)
    if threshold is not None:
        matching &= cosines >= threshold
    rows, scores = rows[matching], scores[matching]
    # Best first within each letter: by letter, then score (ties in reading order).
    order = np.lexsort((rows, -scores, owner[rows]))
    rows, scores = rows[order], scores[order]
    letters_of = owner[rows]
    first = np.r_[True, letters_of[1:] != letters_of[:-1]] if len(rows) else np.array([], bool)
    # Each letter's run of rows: (start, end) in rows.
    best: dict[int, tuple[int, int]] = {
        int(letters_of[i]): (int(i), int(np.searchsorted(letters_of, letters_of[i], "right")))
        for i in np.flatnonzero(first)
    }
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


NO_WORDS = "This letter has no passage with the question’s words."
OFF_TOPIC = "This letter has passages with the question’s words, but none about it."


def _why_none(worded: bool) -> str:
    """Say why a letter shows no passage: none holds a word of the question, or those that do
    are about something else."""
    return OFF_TOPIC if worded else NO_WORDS
