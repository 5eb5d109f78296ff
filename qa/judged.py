"""Questions about a judgement: which letters carry the grade asked about, which passages state
and explain a letter's overall judgement, and the ranking that puts both first."""

from __future__ import annotations

import re

import numpy as np

from qa.models import Letter, Passage

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
    return any(g is not None and g.startswith(grade) for g in grades)


def states_judgement(passage: Passage) -> bool:
    """Return True for a passage that states and explains its letter's overall judgement."""
    return passage.place == "opening summary" or bool(_STATING_SECTION.search(passage.section))


def judgement_tiers(
    fused: list[tuple[int, float]],
    graded: np.ndarray,
    stating: np.ndarray,
    statements_first: bool,
) -> tuple[list[tuple[int, float]], np.ndarray]:
    """Return the fused (row, score) candidates and each row's tier: 1 for rows of graded
    letters, 2 for the passages stating their judgement when statements_first, else 0.

    Stating passages of graded letters that neither ranking found join the candidates, so a
    letter's own statement of its judgement is never missed.
    """
    tiers = graded.astype(np.int8)
    if statements_first:
        tiers[graded & stating] = 2
        found = {row for row, _ in fused}
        fused = fused + [
            (int(row), 0.0) for row in np.flatnonzero(graded & stating) if int(row) not in found
        ]
    return fused, tiers
