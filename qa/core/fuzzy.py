"""How alike two spellings are (rapidfuzz): the edits between two words, for a misspelt
authority in a question, and the nearest of a list of options, for a filter's "did you mean"."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA, Levenshtein


def edit_distance(a: str, b: str, limit: int) -> int:
    """Return the Levenshtein distance of a and b, or limit + 1 once it is past limit."""
    return Levenshtein.distance(a, b, score_cutoff=limit)


def within_edits(a: str, b: str, limit: int) -> bool:
    """Return True when a takes at most limit edits (insert, delete, replace) to make b."""
    return edit_distance(a, b, limit) <= limit


def nearest(value: str, options: Iterable[str], count: int = 3, cutoff: float = 60) -> list[str]:
    """Return up to count options most like value, most alike first (ties in reverse
    alphabetical order, as difflib.get_close_matches gives them).

    Args:
        cutoff: the least likeness kept, as rapidfuzz's ratio from 0 to 100: twice the
            length of the longest common subsequence over the two lengths together. It is
            not difflib's ratio, which counts the matching blocks a heuristic finds and so is
            never higher: 60 keeps all that difflib's 0.6 keeps and sometimes more, and the
            second and third options can differ from get_close_matches's.
    """
    found = process.extract(
        value, list(options), scorer=fuzz.ratio, processor=None, limit=None, score_cutoff=cutoff
    )
    ranked = sorted(((score, option) for option, score, _ in found), reverse=True)
    return [option for _, option in ranked[:count]]


def closest(word: str, options: Sequence[str], limit: int) -> list[tuple[str, int]]:
    """Return the options at most limit edits from word, each with its edits, fewest first
    (optimal string alignment: a swap of two neighbouring letters is one edit)."""
    found = process.extract(
        word, options, scorer=OSA.distance, processor=None, limit=None, score_cutoff=limit
    )
    return [(option, int(edits)) for option, edits, _ in found]
