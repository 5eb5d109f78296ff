"""One question across letters: each letter's best passages for it, grouped by authority and
ordered in time, from one embedding of the question and one scoring of the passages."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from qa.catalogue.authorities import authorities
from qa.catalogue.compare_request import BEST_LETTERS, CompareRequest
from qa.core.models import Hit, Letter
from qa.search.answerable import THRESHOLDS
from qa.search.searcher import Searcher


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
