"""Questions about a judgement: which letters carry the grade asked about, which passages state
and explain a letter's overall judgement, and the ranking that puts both first."""

from __future__ import annotations

import re

import numpy as np

from qa.core.grades import same_grade
from qa.core.models import Letter, Passage
from qa.search.fusion import Order

# Where a letter states its overall judgement and why: the opening summary of 2018-2026
# reports, the "overall judgement" and summary sections of 2013-2017 ones.
_STATING_SECTION = re.compile(
    r"overall (judgement|effectiveness)|executive summary|summary of findings|because:?$", re.I
)


def has_grade(letter: Letter, grade: str) -> bool:
    """Return True when the letter's overall judgement is grade, or, where it prints no overall
    judgement (2026 reports), any of its judgements is."""
    judgements = letter.judgements or {}
    overall = judgements.get("overall_effectiveness")
    grades = [overall] if overall else list(judgements.values())
    return any(same_grade(printed, grade) for printed in grades)


def states_judgement(passage: Passage) -> bool:
    """Return True for a passage that states and explains its letter's overall judgement."""
    return passage.place == "opening summary" or bool(_STATING_SECTION.search(passage.section))


def judgement_order(
    fused: list[tuple[int, float]],
    graded: np.ndarray,
    stating: np.ndarray,
    owner: np.ndarray,
    statements_first: bool,
) -> tuple[list[tuple[int, float]], Order]:
    """Return the fused (row, score) candidates and the sort key that ranks them: rows of
    graded letters before the rest and, when statements_first, the passages stating those
    letters' judgement before all else, letter by letter (the best-matching letter first) in
    reading order.

    Stating passages of graded letters that neither ranking found join the candidates, so a
    letter's own statement of its judgement is never missed.
    """
    statements = graded & stating if statements_first else np.zeros_like(graded)
    found = {row for row, _ in fused}
    fused = fused + [(int(r), 0.0) for r in np.flatnonzero(statements) if int(r) not in found]
    letter_best: dict[int, float] = {}
    for row, score in fused:
        letter = int(owner[row])
        letter_best[letter] = max(letter_best.get(letter, 0.0), score)

    def key(row: int, score: float) -> tuple[float, ...]:
        if statements[row]:
            return (0, -letter_best[int(owner[row])], owner[row], row)
        return (1 if graded[row] else 2, -score, row, 0)

    # A statement ranks by its letter's best match, so it is scored so too.
    scored = [
        (row, letter_best[int(owner[row])] if statements[row] else score) for row, score in fused
    ]
    return scored, key
